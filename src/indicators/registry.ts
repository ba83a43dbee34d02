import { InvalidInputError, quote } from '../core/errors.js';
import { adx } from './adx.js';
import { atr } from './atr.js';
import { bollingerBands } from './bollinger-bands.js';
import { cci } from './cci.js';
import { dema } from './dema.js';
import { donchianChannels } from './donchian-channels.js';
import { ema } from './ema.js';
import { ichimoku } from './ichimoku.js';
import type { OhlcvColumns } from './indicator-support.js';
import { kama } from './kama.js';
import { keltnerChannels } from './keltner-channels.js';
import { linearRegressionSlope } from './linear-regression-slope.js';
import { macd } from './macd.js';
import { mfi } from './mfi.js';
import { obv } from './obv.js';
import { parabolicSar } from './parabolic-sar.js';
import { momentum, roc } from './roc.js';
import { rollingMax, rollingMean, rollingMin, rollingStd, rollingSum, rollingVariance } from './rolling.js';
import { rsi } from './rsi.js';
import { sma } from './sma.js';
import { stochastic, stochasticFast } from './stochastic.js';
import { tema } from './tema.js';
import { trueRange } from './true-range.js';
import { vwap } from './vwap.js';
import { williamsR } from './williams-r.js';
import { wma } from './wma.js';
import { zScore } from './z-score.js';

type Compute = (bars: OhlcvColumns, p: readonly number[]) => readonly Float64Array[];

interface ParameterSpec {
  readonly name: string;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** One indicator the CLI, API and MCP tools can compute by name. */
export interface IndicatorDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** Output column suffixes in order; '' = the indicator's main line (named without a suffix). */
  readonly outputs: readonly string[];
  readonly compute: Compute;
}

const period = (def: number, min = 1): ParameterSpec => ({
  name: 'period',
  integer: true,
  min,
  max: 100_000,
  default: def,
});
const int = (name: string, def: number, min = 1): ParameterSpec => ({
  name,
  integer: true,
  min,
  max: 100_000,
  default: def,
});
const real = (name: string, def: number, min: number, max: number): ParameterSpec => ({
  name,
  integer: false,
  min,
  max,
  default: def,
});

const p = (params: readonly number[], i: number): number => params[i] as number;

function single(
  name: string,
  description: string,
  parameters: ParameterSpec[],
  compute: Compute,
): IndicatorDefinition {
  return { name, description, parameters, outputs: [''], compute };
}

const DEFINITIONS: readonly IndicatorDefinition[] = [
  single('sma', 'simple moving average of the close', [period(30)], (b, x) => [sma(b.close, p(x, 0))]),
  single('ema', 'exponential moving average (seeded with the SMA)', [period(30)], (b, x) => [
    ema(b.close, p(x, 0)),
  ]),
  single('wma', 'linearly weighted moving average', [period(30)], (b, x) => [wma(b.close, p(x, 0))]),
  single('dema', 'double exponential moving average', [period(30)], (b, x) => [dema(b.close, p(x, 0))]),
  single('tema', 'triple exponential moving average', [period(30)], (b, x) => [tema(b.close, p(x, 0))]),
  single('kama', 'Kaufman adaptive moving average', [period(30)], (b, x) => [kama(b.close, p(x, 0))]),
  single('rsi', 'relative strength index (Wilder)', [period(14)], (b, x) => [rsi(b.close, p(x, 0))]),
  {
    name: 'macd',
    description: 'MACD line, signal line and histogram',
    parameters: [int('fast', 12), int('slow', 26), int('signal', 9)],
    outputs: ['', 'signal', 'hist'],
    compute: (b, x) => {
      const r = macd(b.close, p(x, 0), p(x, 1), p(x, 2));
      return [r.macd, r.signal, r.histogram];
    },
  },
  {
    name: 'bbands',
    description: 'Bollinger Bands (population standard deviation), %B and bandwidth',
    parameters: [period(20), real('deviations', 2, 0, 100)],
    outputs: ['upper', 'middle', 'lower', 'percent_b', 'bandwidth'],
    compute: (b, x) => {
      const r = bollingerBands(b.close, p(x, 0), p(x, 1));
      return [r.upper, r.middle, r.lower, r.percentB, r.bandwidth];
    },
  },
  single('atr', 'average true range (Wilder)', [period(14)], (b, x) => [
    atr(b.high, b.low, b.close, p(x, 0)),
  ]),
  single('trange', 'true range', [], (b) => [trueRange(b.high, b.low, b.close)]),
  {
    name: 'adx',
    description: 'average directional index, +DI, -DI and DX (Wilder)',
    parameters: [period(14)],
    outputs: ['', 'plus_di', 'minus_di', 'dx'],
    compute: (b, x) => {
      const r = adx(b.high, b.low, b.close, p(x, 0));
      return [r.adx, r.plusDi, r.minusDi, r.dx];
    },
  },
  {
    name: 'stoch',
    description: 'slow stochastic %K and %D (TA-Lib STOCH, SMA smoothing)',
    parameters: [int('fast_k', 5), int('slow_k', 3), int('slow_d', 3)],
    outputs: ['k', 'd'],
    compute: (b, x) => {
      const r = stochastic(b.high, b.low, b.close, p(x, 0), p(x, 1), p(x, 2));
      return [r.k, r.d];
    },
  },
  {
    name: 'stochf',
    description: 'fast stochastic %K and %D (TA-Lib STOCHF)',
    parameters: [int('fast_k', 5), int('fast_d', 3)],
    outputs: ['k', 'd'],
    compute: (b, x) => {
      const r = stochasticFast(b.high, b.low, b.close, p(x, 0), p(x, 1));
      return [r.k, r.d];
    },
  },
  single('willr', 'Williams %R', [period(14)], (b, x) => [williamsR(b.high, b.low, b.close, p(x, 0))]),
  single('cci', 'commodity channel index', [period(14)], (b, x) => [cci(b.high, b.low, b.close, p(x, 0))]),
  single('roc', 'rate of change, percent', [period(10)], (b, x) => [roc(b.close, p(x, 0))]),
  single('mom', 'momentum (close minus close n bars ago)', [period(10)], (b, x) => [
    momentum(b.close, p(x, 0)),
  ]),
  single('obv', 'on-balance volume', [], (b) => [obv(b.close, b.volume)]),
  single('vwap', 'volume-weighted average price, anchored at each UTC day', [], (b) => [
    vwap(b.high, b.low, b.close, b.volume, b.ts),
  ]),
  single('mfi', 'money flow index', [period(14)], (b, x) => [mfi(b.high, b.low, b.close, b.volume, p(x, 0))]),
  {
    name: 'keltner',
    description: 'Keltner channels: EMA of the close ± multiplier × ATR',
    parameters: [period(20), real('multiplier', 2, 0, 100), int('atr_period', 10)],
    outputs: ['upper', 'middle', 'lower'],
    compute: (b, x) => {
      const r = keltnerChannels(b.high, b.low, b.close, p(x, 0), p(x, 1), p(x, 2));
      return [r.upper, r.middle, r.lower];
    },
  },
  {
    name: 'donchian',
    description: 'Donchian channels (highest high, midpoint, lowest low)',
    parameters: [period(20)],
    outputs: ['upper', 'middle', 'lower'],
    compute: (b, x) => {
      const r = donchianChannels(b.high, b.low, p(x, 0));
      return [r.upper, r.middle, r.lower];
    },
  },
  single(
    'psar',
    'parabolic SAR (TA-Lib semantics)',
    [real('acceleration', 0.02, 0, 1), real('maximum', 0.2, 0, 1)],
    (b, x) => [parabolicSar(b.high, b.low, p(x, 0), p(x, 1))],
  ),
  {
    name: 'ichimoku',
    description: 'Ichimoku: tenkan, kijun, senkou A/B (unshifted) and the cloud as of each bar',
    parameters: [int('tenkan', 9), int('kijun', 26), int('senkou_b', 52), int('displacement', 26)],
    outputs: ['tenkan', 'kijun', 'senkou_a', 'senkou_b', 'cloud_a', 'cloud_b'],
    compute: (b, x) => {
      const r = ichimoku(b.high, b.low, p(x, 0), p(x, 1), p(x, 2), p(x, 3));
      return [r.tenkanSen, r.kijunSen, r.senkouSpanA, r.senkouSpanB, r.cloudSpanA, r.cloudSpanB];
    },
  },
  single('zscore', 'z-score of the close over a window (population std)', [period(20, 2)], (b, x) => [
    zScore(b.close, p(x, 0)),
  ]),
  single('linreg_slope', 'linear-regression slope of the close', [period(14, 2)], (b, x) => [
    linearRegressionSlope(b.close, p(x, 0)),
  ]),
  single('min', 'rolling minimum of the close', [period(30)], (b, x) => [rollingMin(b.close, p(x, 0))]),
  single('max', 'rolling maximum of the close', [period(30)], (b, x) => [rollingMax(b.close, p(x, 0))]),
  single('sum', 'rolling sum of the close', [period(30)], (b, x) => [rollingSum(b.close, p(x, 0))]),
  single('mean', 'rolling mean of the close', [period(30)], (b, x) => [rollingMean(b.close, p(x, 0))]),
  single('std', 'rolling population standard deviation of the close', [period(20)], (b, x) => [
    rollingStd(b.close, p(x, 0)),
  ]),
  single('var', 'rolling population variance of the close', [period(20)], (b, x) => [
    rollingVariance(b.close, p(x, 0)),
  ]),
];

export const INDICATORS: ReadonlyMap<string, IndicatorDefinition> = new Map(
  DEFINITIONS.map((d) => [d.name, d]),
);

/** A parsed request such as `macd:12:26:9`. */
export interface IndicatorRequest {
  readonly definition: IndicatorDefinition;
  /** Every parameter, defaults filled in. */
  readonly parameters: readonly number[];
  /** Output column names, e.g. macd_12_26_9, macd_signal_12_26_9, macd_hist_12_26_9. */
  readonly columns: readonly string[];
}

/**
 * Parses `name[:p1[:p2...]]`. Columns are named `<name>_<params>` (the parameters as written, or all the
 * defaults when none were written), with the output's suffix after the name for multi-output indicators.
 */
export function parseIndicatorRequest(text: string): IndicatorRequest {
  const [rawName = '', ...rawParams] = text.trim().split(':');
  const name = rawName.toLowerCase();
  const definition = INDICATORS.get(name);
  if (definition === undefined) {
    throw new InvalidInputError(
      `unknown indicator ${quote(rawName)}; known: ${[...INDICATORS.keys()].join(', ')}`,
    );
  }
  if (rawParams.length > definition.parameters.length) {
    throw new InvalidInputError(
      `${name} takes at most ${definition.parameters.length} parameter(s) (${definition.parameters.map((s) => s.name).join(', ') || 'none'}); got ${quote(text)}`,
    );
  }
  const parameters = definition.parameters.map((spec, i) => {
    const raw = rawParams[i];
    if (raw === undefined || raw === '') return spec.default;
    const value = Number(raw);
    const ok =
      Number.isFinite(value) &&
      (!spec.integer || Number.isInteger(value)) &&
      value >= spec.min &&
      value <= spec.max;
    if (!ok) {
      throw new InvalidInputError(
        `${name} ${spec.name} ${quote(raw)} must be ${spec.integer ? 'an integer' : 'a number'} between ${spec.min} and ${spec.max}`,
      );
    }
    return value;
  });
  const shown = rawParams.length > 0 ? rawParams : parameters.map(String);
  const tail = shown.length > 0 ? `_${shown.join('_')}` : '';
  const columns = definition.outputs.map((suffix) => `${name}${suffix === '' ? '' : `_${suffix}`}${tail}`);
  return { definition, parameters, columns };
}

/** Computes each request over the bars; returns the output columns in request order. */
export function computeIndicators(
  bars: OhlcvColumns,
  requests: readonly IndicatorRequest[],
): { readonly names: string[]; readonly columns: Float64Array[] } {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const request of requests) {
    const outputs = request.definition.compute(bars, request.parameters);
    outputs.forEach((column, i) => {
      names.push(request.columns[i] as string);
      columns.push(column);
    });
  }
  return { names, columns };
}

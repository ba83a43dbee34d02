import { z } from 'zod';
import { InvalidInputError, quote } from '../core/errors.js';
import { FILL_TIMINGS } from '../backtest/backtest.types.js';
import {
  computeBacktestMetrics,
  equityReturns,
  periodsPerYearFor,
  type BacktestMetrics,
} from '../backtest/metrics/index.js';
import {
  DEFAULT_SIMULATION_CASH,
  measureBacktest,
  simulateOnUniverse,
  type SimulationSettings,
  type UniverseRun,
} from '../backtest/simulation-config.js';
import type { BarSeries } from '../data/bar-series.js';
import { RISK_LEVELS } from '../model/risk-level.js';
import { timeframeMs } from '../model/timeframe.js';
import { riskConfigSchema, type RiskConfigInput } from '../risk/pre-trade/risk-config.js';
import type { TrialContext, TrialResult, TrialSpec } from './optimize.types.js';

/**
 * The JSON simulation settings a TrialContext carries (SimulationSettings without the parts that cannot
 * cross a thread or machine boundary: benchmark series and strategy inputs).
 */
const trialSettingsSchema = z.strictObject({
  cash: z.number().finite().positive().optional(),
  quantity: z.number().finite().positive().optional(),
  percentEquity: z.number().gt(0).max(100).optional(),
  commissionPerOrder: z.number().finite().min(0).optional(),
  commissionBps: z.number().finite().min(0).optional(),
  slippageBps: z.number().finite().min(0).optional(),
  fill: z.enum(FILL_TIMINGS).optional(),
  maxLeverage: z.number().finite().positive().optional(),
  riskFreeRate: z.number().finite().optional(),
  risk: z.union([z.enum(RISK_LEVELS), riskConfigSchema]).optional(),
});

export type TrialSettings = z.input<typeof trialSettingsSchema>;

/** Validates a context's settings; throws InvalidInputError naming the first bad field. */
export function parseTrialSettings(settings: Readonly<Record<string, unknown>>): SimulationSettings {
  const parsed = trialSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new InvalidInputError(
      `optimization setting ${quote(path)} ${quote(settings[path.split('.')[0] ?? ''])}: ${issue?.message ?? 'invalid'}`,
    );
  }
  // zod leaves absent keys out, so the parsed object already has SimulationSettings' optional shape.
  return parsed.data as SimulationSettings & { readonly risk?: RiskConfigInput };
}

/**
 * Runs one trial: the strategy `context.strategy` with `context.baseParams` overlaid by `spec.params`, on the
 * bars of `spec.window` ([from, to) on bar open times) preceded by up to `spec.warmupBars` bars of each
 * series. Warm-up bars reach the strategy (indicators fill up, it may even trade) but are not measured:
 * - the measured equity curve starts at the first bar time that completes a bar opening at or after `from`,
 *   and its base (starting equity) is the equity at the end of the warm-up;
 * - trades count when they exit at or after `from` (or are still open), fills (notional, fees, slippage)
 *   when they trade on a bar opening at or after `from`.
 * Without warm-up bars this is exactly a backtest (runSimulation / simulateOnUniverse) of the window.
 * `returns` are the measured bars' simple returns (equityReturns), `returnTs` their bar completion times.
 * A parameter combination the strategy refuses (InvalidInputError) gives a result with `error` set; any
 * other failure is a bug and is thrown. Metrics follow metricsToJson with NaN (undefined metric) as null.
 */
export function evaluateTrial(
  spec: TrialSpec,
  context: TrialContext,
  series: readonly BarSeries[],
): TrialResult {
  const started = performance.now();
  const settings = parseTrialSettings(context.settings);
  const warmupBars = spec.warmupBars ?? 0;
  if (!Number.isInteger(warmupBars) || warmupBars < 0) {
    throw new InvalidInputError(`warmupBars ${quote(warmupBars)} must be an integer >= 0`);
  }
  const from = spec.window?.from ?? Number.NEGATIVE_INFINITY;
  const to = spec.window?.to ?? Number.POSITIVE_INFINITY;
  const windows = series
    .map((s) => {
      const first = s.lowerBound(from);
      const start = Math.max(0, first - warmupBars);
      return { series: s.slice(start, s.lowerBound(to)), measuredFrom: first - start };
    })
    .filter((w) => w.series.length > 0);
  const sliced = windows.map((w) => w.series);
  const done = (fields: Pick<TrialResult, 'metrics' | 'returns' | 'returnTs' | 'error'>): TrialResult => ({
    id: spec.id,
    index: spec.index,
    params: spec.params,
    ...fields,
    durationMs: performance.now() - started,
  });
  let universe: UniverseRun;
  try {
    if (sliced.length === 0) {
      throw new InvalidInputError(
        `window [${quote(spec.window?.from ?? null)}, ${quote(spec.window?.to ?? null)}) holds no bars`,
      );
    }
    universe = simulateOnUniverse(context.strategy, sliced, {
      ...settings,
      params: { ...context.baseParams, ...spec.params },
    });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return done({
      metrics: {},
      returns: new Float64Array(0),
      returnTs: new Float64Array(0),
      error: error.message,
    });
  }
  const cash = settings.cash ?? DEFAULT_SIMULATION_CASH;
  const measured = windows.some((w) => w.measuredFrom > 0)
    ? measureAfterWarmup(universe, windows, from, cash, settings)
    : {
        metrics: measureBacktest(universe.run, sliced, cash, settings),
        equity: universe.run.equity.equity,
        ts: universe.run.equity.ts,
        base: cash,
      };
  return done({
    metrics: metricsRecord(measured.metrics),
    returns: equityReturns(measured.equity, measured.base),
    returnTs: Float64Array.from(measured.ts),
    error: null,
  });
}

interface Measured {
  readonly metrics: BacktestMetrics;
  readonly equity: Float64Array;
  readonly ts: Float64Array;
  readonly base: number;
}

function measureAfterWarmup(
  universe: UniverseRun,
  windows: readonly { readonly series: BarSeries; readonly measuredFrom: number }[],
  from: number,
  cash: number,
  settings: SimulationSettings,
): Measured {
  let firstOpen = Number.POSITIVE_INFINITY;
  let firstClose = Number.POSITIVE_INFINITY;
  for (const { series, measuredFrom } of windows) {
    if (measuredFrom >= series.length) continue;
    const open = series.ts[measuredFrom] as number;
    firstOpen = Math.min(firstOpen, open);
    firstClose = Math.min(firstClose, open + timeframeMs(series.timeframe));
  }
  const curve = universe.run.equity;
  const k = lowerBound(curve.ts, firstClose);
  const base = k > 0 ? (curve.equity[k - 1] as number) : cash;
  let tradedNotional = 0;
  let fees = 0;
  let slippage = 0;
  for (const report of universe.fillReports) {
    if (report.barTsEvent < from) continue;
    tradedNotional += report.quantity * report.price;
    fees += report.commission;
    slippage += report.slippageCost;
  }
  const equity = {
    ts: curve.ts.subarray(k),
    equity: curve.equity.subarray(k),
    cash: curve.cash.subarray(k),
    grossExposure: curve.grossExposure.subarray(k),
  };
  const metrics = computeBacktestMetrics({
    equity,
    trades: universe.run.trades.filter((t) => t.open || t.exitTs >= from),
    periodsPerYear: periodsPerYearFor((windows[0] as { series: BarSeries }).series.timeframe),
    startingEquity: base,
    ...(Number.isFinite(firstOpen) ? { startTs: firstOpen } : {}),
    ...(settings.riskFreeRate === undefined ? {} : { riskFreeRate: settings.riskFreeRate }),
    tradedNotional,
    fees,
    slippage,
  });
  return { metrics, equity: equity.equity, ts: equity.ts, base };
}

/** metricsToJson's convention for numbers: NaN (an undefined metric) becomes null; ±Infinity stay numbers. */
function metricsRecord(metrics: BacktestMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(metrics)) out[name] = Number.isNaN(value) ? null : value;
  return out;
}

function lowerBound(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

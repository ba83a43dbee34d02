import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { adx } from '../indicators/adx.js';
import { engleGranger } from '../stats/engle-granger.js';
import { halfLife } from '../stats/half-life.js';
import { hurstExponent } from '../stats/hurst.js';

/** Measured state of one symbol over its most recent bars (the facts a strategy choice rests on). */
export interface SymbolRegime {
  readonly symbol: string;
  /** Bars the facts were measured on. */
  readonly bars: number;
  /** Mean ADX(14) over the window: above ~25 a trend is commonly called strong, below ~20 absent. */
  readonly adx: number;
  /** Return over the window, (last / first close) − 1. */
  readonly windowReturn: number;
  /** Annualized volatility of daily-equivalent log returns: sd(log returns) × √periodsPerYear. */
  readonly annualizedVolatility: number;
  /** Half-life (bars) of mean reversion of the log price around its window mean; Infinity when none. */
  readonly halfLife: number;
  /** Hurst exponent of the log price (variance of differences): < 0.5 mean-reverting, > 0.5 trending. */
  readonly hurst: number;
}

/** Engle-Granger test of one pair over the window (y regressed on x, log prices). */
export interface PairRegime {
  readonly y: string;
  readonly x: string;
  readonly pValue: number;
  readonly hedgeRatio: number;
  /** Half-life (bars) of the residual spread. */
  readonly halfLife: number;
}

const MIN_BARS = 60;

/** Facts of the last `window` bars of a series (all of it when shorter). Needs at least 60 bars. */
export function measureSymbolRegime(series: BarSeries, window: number, periodsPerYear: number): SymbolRegime {
  const recent = series.slice(Math.max(0, series.length - window));
  if (recent.length < MIN_BARS) {
    throw new InvalidInputError(
      `regime of ${quote(series.symbol)} needs at least ${MIN_BARS} bars, got ${recent.length}`,
    );
  }
  const directional = adx(recent.high, recent.low, recent.close, 14).adx;
  let adxSum = 0;
  let adxCount = 0;
  for (const value of directional) {
    if (Number.isFinite(value)) {
      adxSum += value;
      adxCount++;
    }
  }
  const logPrice = Float64Array.from(recent.close, Math.log);
  let mean = 0;
  let squares = 0;
  for (let i = 1; i < logPrice.length; i++) {
    const r = (logPrice[i] as number) - (logPrice[i - 1] as number);
    const delta = r - mean;
    mean += delta / i;
    squares += delta * (r - mean);
  }
  const sd = Math.sqrt(squares / (logPrice.length - 2));
  return {
    symbol: series.symbol,
    bars: recent.length,
    adx: adxCount === 0 ? Number.NaN : adxSum / adxCount,
    windowReturn: (recent.close[recent.length - 1] as number) / (recent.close[0] as number) - 1,
    annualizedVolatility: sd * Math.sqrt(periodsPerYear),
    halfLife: halfLife(logPrice).halfLife,
    hurst: hurstExponent(logPrice).hurst,
  };
}

/** Engle-Granger on the log closes of two equally long windows (same bar times assumed). */
export function measurePairRegime(y: BarSeries, x: BarSeries, window: number): PairRegime {
  const n = Math.min(window, y.length, x.length);
  if (n < MIN_BARS) {
    throw new InvalidInputError(`pair ${quote(`${y.symbol}/${x.symbol}`)} needs ${MIN_BARS} bars, got ${n}`);
  }
  const logY = Float64Array.from(y.close.subarray(y.length - n), Math.log);
  const logX = Float64Array.from(x.close.subarray(x.length - n), Math.log);
  const test = engleGranger(logY, logX);
  return {
    y: y.symbol,
    x: x.symbol,
    pValue: test.pValue,
    hedgeRatio: test.hedgeRatios[0] as number,
    halfLife: halfLife(test.residuals).halfLife,
  };
}

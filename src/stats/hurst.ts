import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Hurst exponent H of a series of levels (e.g. log prices or a spread): 0.5 for a random walk, below 0.5 for a
 * mean-reverting (anti-persistent) series, above 0.5 for a trending (persistent) one. Two estimators:
 *
 * - 'variance-of-differences' (default): σ(τ) = population standard deviation of x_{t+τ} − x_t over all t, for
 *   each lag τ = minLag..maxLag; since σ(τ) ∝ τ^H, H is the OLS slope of ln σ(τ) on ln τ. (The estimator
 *   popularised for pairs trading; the mean of the differences is removed, so a constant drift is ignored.)
 * - 'rescaled-range' (Hurst 1951, Mandelbrot-Wallis R/S) on the increments r_t = x_t − x_{t−1}: for each window
 *   size s, the increments are cut into ⌊(n−1)/s⌋ consecutive windows; in each, R = max − min of the cumulative
 *   sums of (r − window mean) and S = the window's population standard deviation; (R/S)(s) is the average of
 *   R/S over windows with S > 0, and H is the OLS slope of ln (R/S)(s) on ln s. Window sizes run from minLag to
 *   maxLag in steps of about √2. Classic R/S is biased upward in short windows (about 0.55–0.6 for a random
 *   walk with windows from 8 to a few hundred, Anis-Lloyd 1976); no correction is applied.
 *
 * Defaults: variance method lags 2..min(100, ⌊n/4⌋); rescaled range windows 8..⌊(n−1)/2⌋. NaN input is refused.
 */
export const HURST_METHODS = ['variance-of-differences', 'rescaled-range'] as const;
export type HurstMethod = (typeof HURST_METHODS)[number];

export interface HurstOptions {
  readonly method?: HurstMethod;
  /** Smallest lag (variance method) or window size (rescaled range). */
  readonly minLag?: number;
  /** Largest lag or window size. */
  readonly maxLag?: number;
}

export interface HurstResult {
  readonly hurst: number;
  /** Intercept of the log-log fit. */
  readonly intercept: number;
  /** The lags or window sizes used, and σ(τ) or the average R/S at each (the points of the log-log fit). */
  readonly scales: Float64Array;
  readonly statistics: Float64Array;
  readonly method: HurstMethod;
}

export function hurstExponent(series: Float64Array, options: HurstOptions = {}): HurstResult {
  const method = options.method ?? 'variance-of-differences';
  if (!(HURST_METHODS as readonly string[]).includes(method)) {
    throw new InvalidInputError(`Hurst method ${quote(method)} must be one of ${HURST_METHODS.join(', ')}`);
  }
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i]))
      throw new InvalidInputError(`Hurst input value ${quote(series[i])} at index ${i} must be finite`);
  }
  const variance = method === 'variance-of-differences';
  const minLag = options.minLag ?? (variance ? 2 : 8);
  const maxLag = options.maxLag ?? (variance ? Math.min(100, Math.floor(n / 4)) : Math.floor((n - 1) / 2));
  const limit = variance ? n - 2 : n - 1;
  if (
    !Number.isInteger(minLag) ||
    !Number.isInteger(maxLag) ||
    minLag < (variance ? 1 : 2) ||
    maxLag <= minLag ||
    maxLag > limit
  ) {
    throw new InvalidInputError(
      `Hurst lags ${quote(`${minLag}..${maxLag}`)} must be integers with ${variance ? 1 : 2} <= minLag < maxLag <= ${limit} for ${n} observations`,
    );
  }
  const scales = variance ? integerRange(minLag, maxLag) : geometricSizes(minLag, maxLag);
  const statistics = Float64Array.from(scales, (scale) =>
    variance ? differenceDeviation(series, scale) : rescaledRange(series, scale),
  );
  const { slope, intercept } = logLogSlope(scales, statistics);
  return { hurst: slope, intercept, scales, statistics, method };
}

function integerRange(from: number, to: number): Float64Array {
  return Float64Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function geometricSizes(from: number, to: number): Float64Array {
  const sizes: number[] = [];
  for (let size = from; size <= to; size = Math.max(size + 1, Math.floor(size * Math.SQRT2)))
    sizes.push(size);
  if (sizes[sizes.length - 1] !== to) sizes.push(to);
  return Float64Array.from(sizes);
}

/** Population standard deviation of x_{t+τ} − x_t. */
function differenceDeviation(x: Float64Array, lag: number): number {
  const count = x.length - lag;
  let sum = 0;
  for (let t = 0; t < count; t++) sum += (x[t + lag] as number) - (x[t] as number);
  const mean = sum / count;
  let squares = 0;
  for (let t = 0; t < count; t++) {
    const d = (x[t + lag] as number) - (x[t] as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / count);
}

/** Average R/S over the consecutive windows of `size` increments. */
function rescaledRange(x: Float64Array, size: number): number {
  const windows = Math.floor((x.length - 1) / size);
  let total = 0;
  let used = 0;
  for (let w = 0; w < windows; w++) {
    const start = w * size; // increment r_t = x[t+1] − x[t] for t in [start, start + size)
    const mean = ((x[start + size] as number) - (x[start] as number)) / size;
    let cumulative = 0;
    let high = 0;
    let low = 0;
    let squares = 0;
    for (let t = start; t < start + size; t++) {
      const d = (x[t + 1] as number) - (x[t] as number) - mean;
      cumulative += d;
      high = Math.max(high, cumulative);
      low = Math.min(low, cumulative);
      squares += d * d;
    }
    const deviation = Math.sqrt(squares / size);
    if (deviation > 0) {
      total += (high - low) / deviation;
      used++;
    }
  }
  return used > 0 ? total / used : Number.NaN;
}

function logLogSlope(scales: Float64Array, statistics: Float64Array): { slope: number; intercept: number } {
  const k = scales.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < k; i++) {
    meanX += Math.log(scales[i] as number) / k;
    meanY += Math.log(statistics[i] as number) / k;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < k; i++) {
    const dx = Math.log(scales[i] as number) - meanX;
    sxy += dx * (Math.log(statistics[i] as number) - meanY);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

import { integerParameter, realParameter, type StreamingIndicator } from './indicator-support.js';
import { WindowMoments, writeWindowMoments } from './window-moments.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/** The five Bollinger columns (batch) or values (stream). */
export interface BollingerBandsOutput<T = Float64Array> {
  /** SMA of the window (equal to `sma` to rounding). */
  readonly middle: T;
  /** middle + deviations * sigma. */
  readonly upper: T;
  /** middle - deviations * sigma. */
  readonly lower: T;
  /** %B = (x - lower) / (upper - lower); 0.5 when the bands coincide (a flat window, or deviations = 0). */
  readonly percentB: T;
  /** Bandwidth = (upper - lower) / middle, a ratio (multiply by 100 for percent); IEEE rules when middle = 0. */
  readonly bandwidth: T;
}

/**
 * Bollinger Bands (TA-Lib BBANDS with an SMA middle and equal up / down multipliers):
 * - middle = SMA_n (the window sum times 1 / n); sigma = population standard deviation of the same n values (M2 / n,
 *   as TA-Lib);
 *   upper = middle + (sigma * k), lower = middle - (sigma * k) (TA-Lib's expressions).
 * - First valid index n - 1 (TA-Lib lookback); NaN before, in all five columns.
 * - sigma comes from a windowed Welford update (see window-moments.ts), exactly 0 on a flat window. Long-standing
 *   TA-Lib releases compute E[x^2] - E[x]^2 (which loses digits when the mean is large against sigma) and return 0
 *   whenever that variance is below 1e-8 (which collapses the bands of series priced below ~0.01); TA-Lib's current
 *   sources replaced both (its regression tests cite issues #118 and #243). Here only a flat window gives 0; elsewhere
 *   the two agree to 1e-9 relative, as far as the old formula's own rounding allows.
 * - Defaults n = 20, k = 2 (TA-Lib's default period is 5).
 */
export function bollingerBands(
  values: Float64Array,
  period = 20,
  deviations = 2,
  out?: Partial<BollingerBandsOutput>,
): BollingerBandsOutput {
  checkParameters(period, deviations);
  const n = values.length;
  const middle = resultColumn(n, out?.middle);
  const upper = resultColumn(n, out?.upper);
  const lower = resultColumn(n, out?.lower);
  const percentB = resultColumn(n, out?.percentB);
  const bandwidth = resultColumn(n, out?.bandwidth);
  const first = period - 1;
  fillWarmUp(middle, first);
  fillWarmUp(upper, first);
  fillWarmUp(lower, first);
  fillWarmUp(percentB, first);
  fillWarmUp(bandwidth, first);
  if (n < period) return { middle, upper, lower, percentB, bandwidth };
  // The bandwidth column holds M2 until the second pass turns it into the bandwidth.
  writeWindowMoments(values, period, middle, bandwidth);
  const inverse = 1 / period;
  for (let i = first; i < n; i++) {
    const mean = middle[i]!;
    // M2 is never negative (window-moments.ts), so no clamp before the square root.
    const width = Math.sqrt(bandwidth[i]! * inverse) * deviations;
    const high = mean + width;
    const low = mean - width;
    const range = high - low;
    upper[i] = high;
    lower[i] = low;
    percentB[i] = range === 0 ? 0.5 : (values[i]! - low) / range;
    bandwidth[i] = range / mean;
  }
  return { middle, upper, lower, percentB, bandwidth };
}

function checkParameters(period: number, deviations: number): void {
  integerParameter('bollingerBands', 'period', period, 1);
  realParameter('bollingerBands', 'deviations', deviations, 0, 1000);
}

/**
 * Streaming twin of `bollingerBands`: O(1) per update, bit-identical to the batch kernel. Returns a reused read-only
 * object (copy it to keep it), or null while warming up.
 */
export class BollingerBandsStream implements StreamingIndicator<number, BollingerBandsOutput<number>> {
  readonly period: number;
  readonly deviations: number;
  private readonly inverse: number;
  private readonly moments: WindowMoments;
  private readonly output = {
    middle: Number.NaN,
    upper: Number.NaN,
    lower: Number.NaN,
    percentB: Number.NaN,
    bandwidth: Number.NaN,
  };

  constructor(period = 20, deviations = 2) {
    checkParameters(period, deviations);
    this.period = period;
    this.deviations = deviations;
    this.inverse = 1 / period;
    this.moments = new WindowMoments(period);
  }

  get isReady(): boolean {
    return this.moments.isReady;
  }

  /** The latest values, or null while warming up. */
  get value(): BollingerBandsOutput<number> | null {
    return this.moments.isReady ? this.output : null;
  }

  update(value: number): BollingerBandsOutput<number> | null {
    if (!this.moments.update(value)) return null;
    const mean = this.moments.mean;
    const width = Math.sqrt(this.moments.m2 * this.inverse) * this.deviations;
    const high = mean + width;
    const low = mean - width;
    const range = high - low;
    const output = this.output;
    output.middle = mean;
    output.upper = high;
    output.lower = low;
    output.percentB = range === 0 ? 0.5 : (value - low) / range;
    output.bandwidth = range / mean;
    return output;
  }

  reset(): void {
    this.moments.reset();
    this.output.middle = Number.NaN;
    this.output.upper = Number.NaN;
    this.output.lower = Number.NaN;
    this.output.percentB = Number.NaN;
    this.output.bandwidth = Number.NaN;
  }
}

import { RingWindow, recomputeInterval, sumRange, windowSquaredDeviations } from './window-support.js';

/**
 * Running mean and sum of squared deviations (M2) of a moving window (internal: Bollinger Bands, z-score,
 * rolling variance / standard deviation).
 * - Per bar, with d = x_new - x_old: sum += d; mean' = sum / n (as a product with 1 / n); M2 is updated with the
 *   windowed Welford step M2' = M2 + d ((x_new - mean') + (x_old - mean)), which has no E[x^2] - E[x]^2 cancellation.
 * - The window is recomputed exactly (sum in index order, then M2 two-pass around the new mean) at the first output,
 *   every max(4096, 16n) outputs, and whenever the accumulated rounding could reach ~1e-11 of M2 (see DRIFT_LIMIT;
 *   that also covers a NaN or infinite sum or M2, so a NaN affects exactly the windows that hold it).
 * - A recomputed window of n identical values has M2 = 0 exactly, and M2 then stays 0 while the data stay flat, so
 *   flat data give zero deviation rather than rounding noise. M2 is never negative: a negative rounding result fails
 *   the drift test and is recomputed. The mean equals `sma` to rounding.
 * Batch writer and stream state perform the same operations in the same order: bit-identical.
 */

/**
 * A Welford step rounds at the scale of the values, not of their deviations: its error is ~1e-16 of
 * |d| (|x_new| + |x_old|), and a running mean that inherited rounding from larger past values biases the steps
 * further. So the budget B = sum of |d| (|x_new| + |x_old|) since the last recomputation is kept, and the window is
 * recomputed when B > 2^16 M2 (or that test fails on NaN), before the accumulated error can reach ~1e-11 of M2. In
 * steady data that is every ~2^15 n / kappa bars (kappa = |mean| / sigma, typically 10 to 1000); after the variance
 * collapses (a price falling 100-fold, then calm, or large values leaving a window of tiny ones) or when a window
 * turns flat, it is at once.
 */
const DRIFT_LIMIT = 65536;

/**
 * Writes the mean and M2 of each full window to meanOut / m2Out at indices period - 1 ..; leaves earlier indices
 * untouched. meanOut and m2Out may be the same column (M2 is written last). Requires values.length >= period.
 */
export function writeWindowMoments(
  values: Float64Array,
  period: number,
  meanOut: Float64Array,
  m2Out: Float64Array,
): void {
  const n = values.length;
  const inverse = 1 / period;
  const interval = recomputeInterval(period);
  let sum = sumRange(values, 0, period - 1);
  let mean = sum * inverse;
  let m2 = windowSquaredDeviations(values, 0, period - 1, mean);
  let budget = 0;
  meanOut[period - 1] = mean;
  m2Out[period - 1] = m2;
  let i = period;
  while (i < n) {
    // Bars i .. end - 1 are updated incrementally; bar `end` (first output + k * interval) is recomputed.
    const end = Math.min(n, i + interval - 1);
    for (let j = i; j < end; j++) {
      const value = values[j]!;
      const old = values[j - period]!;
      const change = value - old;
      sum += change;
      const nextMean = sum * inverse;
      m2 += change * (value - nextMean + (old - mean));
      budget += Math.abs(change) * (Math.abs(value) + Math.abs(old));
      mean = nextMean;
      if (!(budget <= m2 * DRIFT_LIMIT)) {
        sum = sumRange(values, j - period + 1, j);
        mean = sum * inverse;
        m2 = windowSquaredDeviations(values, j - period + 1, j, mean);
        budget = 0;
      }
      meanOut[j] = mean;
      m2Out[j] = m2;
    }
    i = end;
    if (i < n) {
      sum = sumRange(values, i - period + 1, i);
      mean = sum * inverse;
      m2 = windowSquaredDeviations(values, i - period + 1, i, mean);
      budget = 0;
      meanOut[i] = mean;
      m2Out[i] = m2;
      i++;
    }
  }
}

/** Stream state of `writeWindowMoments`: after `update` returns true, `mean` and `m2` describe the window. */
export class WindowMoments {
  mean = Number.NaN;
  m2 = Number.NaN;
  private readonly inverse: number;
  private readonly window: RingWindow;
  private readonly interval: number;
  private sum = 0;
  private budget = 0;
  private countdown = -1;

  constructor(period: number) {
    this.inverse = 1 / period;
    this.window = new RingWindow(period);
    this.interval = recomputeInterval(period);
  }

  get isReady(): boolean {
    return this.countdown >= 0;
  }

  /** Adds a value; returns whether the window is full (and `mean`, `m2` valid). */
  update(value: number): boolean {
    const old = this.window.push(value);
    if (this.countdown < 0) {
      if (!this.window.isFull) return false;
      this.countdown = this.interval;
      this.recompute();
    } else if (--this.countdown === 0) {
      this.countdown = this.interval;
      this.recompute();
    } else {
      const change = value - old;
      this.sum += change;
      const nextMean = this.sum * this.inverse;
      this.m2 += change * (value - nextMean + (old - this.mean));
      this.budget += Math.abs(change) * (Math.abs(value) + Math.abs(old));
      this.mean = nextMean;
      if (!(this.budget <= this.m2 * DRIFT_LIMIT)) this.recompute();
    }
    return true;
  }

  reset(): void {
    this.window.clear();
    this.mean = Number.NaN;
    this.m2 = Number.NaN;
    this.sum = 0;
    this.budget = 0;
    this.countdown = -1;
  }

  private recompute(): void {
    this.sum = this.window.sum();
    this.mean = this.sum * this.inverse;
    this.m2 = this.window.squaredDeviations(this.mean);
    this.budget = 0;
  }
}

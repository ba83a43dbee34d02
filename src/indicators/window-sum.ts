import { RingWindow, recomputeInterval, sumRange } from './window-support.js';

/**
 * The running window sum behind SMA and the rolling sum (internal). Per bar: `sum += x[i] - x[i - period]`;
 * recomputed exactly (in index order) at the first output, every `recomputeInterval(period)` outputs after it,
 * and whenever the running sum is not finite (so a NaN or infinity affects exactly the windows that hold it).
 * The batch writer and the stream state perform the same operations in the same order: bit-identical.
 */

/**
 * Writes `sum / divisor` of each full window to out[period - 1 ..]; leaves out[0 .. period - 2] untouched.
 * Requires values.length >= period and out.length === values.length.
 */
export function writeWindowSums(
  values: Float64Array,
  period: number,
  divisor: number,
  out: Float64Array,
): void {
  const n = values.length;
  const interval = recomputeInterval(period);
  let sum = sumRange(values, 0, period - 1);
  out[period - 1] = sum / divisor;
  let i = period;
  while (i < n) {
    // Bars i .. end - 1 are updated incrementally; bar `end` (first output + k * interval) is recomputed.
    const end = Math.min(n, i + interval - 1);
    const sumAtStart = sum;
    for (let j = i; j < end; j++) {
      sum += values[j]! - values[j - period]!;
      out[j] = sum / divisor;
    }
    // A non-finite running sum stays non-finite, so checking the block's last sum suffices; then redo the
    // block, recomputing at each bar where the running sum is not finite (as the stream does).
    if (!(sum - sum === 0)) {
      sum = sumAtStart;
      for (let j = i; j < end; j++) {
        sum += values[j]! - values[j - period]!;
        if (!(sum - sum === 0)) sum = sumRange(values, j - period + 1, j);
        out[j] = sum / divisor;
      }
    }
    i = end;
    if (i < n) {
      sum = sumRange(values, i - period + 1, i);
      out[i] = sum / divisor;
      i++;
    }
  }
}

/** Stream state of `writeWindowSums`: after `update` returns true, `sum` holds the window's sum. */
export class WindowSum {
  sum = Number.NaN;
  private readonly window: RingWindow;
  private readonly interval: number;
  private sinceRecompute = -1;

  constructor(period: number) {
    this.window = new RingWindow(period);
    this.interval = recomputeInterval(period);
  }

  get isReady(): boolean {
    return this.sinceRecompute >= 0;
  }

  /** Adds a value; returns whether the window is full (and `sum` valid). */
  update(value: number): boolean {
    const evicted = this.window.push(value);
    if (this.sinceRecompute < 0) {
      if (!this.window.isFull) return false;
      this.sum = this.window.sum();
      this.sinceRecompute = 0;
    } else if (++this.sinceRecompute === this.interval) {
      this.sum = this.window.sum();
      this.sinceRecompute = 0;
    } else {
      this.sum += value - evicted;
      if (!(this.sum - this.sum === 0)) this.sum = this.window.sum();
    }
    return true;
  }

  reset(): void {
    this.window.clear();
    this.sum = Number.NaN;
    this.sinceRecompute = -1;
  }
}

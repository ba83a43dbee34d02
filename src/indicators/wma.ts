import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import {
  RingWindow,
  fillWarmUp,
  nestedRecomputeInterval,
  resultColumn,
  sumRange,
  weightedSumRange,
} from './window-support.js';

/**
 * Weighted moving average (TA-Lib WMA): linear weights 1 (oldest) .. n (newest),
 * WMA_t = (1 * x_{t-n+1} + 2 * x_{t-n+2} + ... + n * x_t) / (n (n + 1) / 2).
 * - First valid index n - 1 (TA-Lib lookback n - 1); NaN before.
 * - O(1) per bar with TA-Lib's two running sums: numerator' = numerator - windowSum + n * x_new and
 *   windowSum' = windowSum + x_new - x_old; both recomputed exactly from the window every max(64, 4n) bars (the
 *   numerator integrates the window sum's rounding, so more often than the SMA's sum) and whenever they are not
 *   finite (TA-Lib never recomputes), so a NaN affects exactly the windows holding it.
 * - TA-Lib requires n >= 2; n = 1 is accepted here and returns the input.
 */
export function wma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('wma', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period - 1);
  if (n < period) return result;
  const divisor = (period * (period + 1)) / 2;
  const interval = nestedRecomputeInterval(period);
  let windowSum = sumRange(values, 0, period - 1);
  let numerator = weightedSumRange(values, 0, period - 1);
  result[period - 1] = numerator / divisor;
  let countdown = interval;
  for (let i = period; i < n; i++) {
    const value = values[i]!;
    if (--countdown === 0) {
      countdown = interval;
      windowSum = sumRange(values, i - period + 1, i);
      numerator = weightedSumRange(values, i - period + 1, i);
    } else {
      numerator = numerator - windowSum + period * value;
      windowSum += value - values[i - period]!;
      if (!(numerator - numerator === 0 && windowSum - windowSum === 0)) {
        windowSum = sumRange(values, i - period + 1, i);
        numerator = weightedSumRange(values, i - period + 1, i);
      }
    }
    result[i] = numerator / divisor;
  }
  return result;
}

/** Streaming twin of `wma`: O(1) per update, bit-identical to the batch kernel. */
export class WmaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly window: RingWindow;
  private readonly divisor: number;
  private readonly interval: number;
  private windowSum = 0;
  private numerator = 0;
  private countdown = -1;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('wma', 'period', period, 1);
    this.window = new RingWindow(period);
    this.divisor = (period * (period + 1)) / 2;
    this.interval = nestedRecomputeInterval(period);
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    const evicted = this.window.push(value);
    if (this.countdown < 0) {
      if (!this.window.isFull) return null;
      this.recompute();
    } else if (--this.countdown === 0) {
      this.recompute();
    } else {
      this.numerator = this.numerator - this.windowSum + this.period * value;
      this.windowSum += value - evicted;
      if (!(this.numerator - this.numerator === 0 && this.windowSum - this.windowSum === 0)) {
        this.windowSum = this.window.sum();
        this.numerator = this.window.weightedSum();
      }
    }
    this.current = this.numerator / this.divisor;
    return this.current;
  }

  reset(): void {
    this.window.clear();
    this.windowSum = 0;
    this.numerator = 0;
    this.countdown = -1;
    this.current = null;
  }

  private recompute(): void {
    this.countdown = this.interval;
    this.windowSum = this.window.sum();
    this.numerator = this.window.weightedSum();
  }
}

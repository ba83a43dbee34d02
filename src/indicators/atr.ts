import {
  commonLength,
  integerParameter,
  type BarLike,
  type StreamingIndicator,
} from './indicator-support.js';
import { trueRangeOf } from './true-range.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Average true range (TA-Lib ATR), Wilder smoothing of the true range (see `trueRange`, first TR at index 1):
 * - Seed: ATR_n = (TR_1 + ... + TR_n) / n (summed in order from 0), at index n (TA-Lib lookback n); NaN before.
 * - Then ATR_t = ((n - 1) / n) * ATR_{t-1} + (1 / n) * TR_t. TA-Lib evaluates (ATR_{t-1} * (n - 1) + TR_t) / n;
 *   the two agree to rounding (the recurrence contracts) and this one avoids a division on the critical path.
 * - n = 1 is the true range itself (TA-Lib's special case, lookback 1).
 * - NaN propagates to every later value.
 */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out?: Float64Array,
): Float64Array {
  integerParameter('atr', 'period', period, 1);
  const n = commonLength('atr', high, low, close);
  const result = resultColumn(n, out);
  fillWarmUp(result, period);
  if (n <= period) return result;
  if (period === 1) {
    for (let i = 1; i < n; i++) result[i] = trueRangeOf(high[i]!, low[i]!, close[i - 1]!);
    return result;
  }
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRangeOf(high[i]!, low[i]!, close[i - 1]!);
  let average = sum / period;
  result[period] = average;
  const alpha = 1 / period;
  const decay = (period - 1) / period;
  let previousClose = close[period]!;
  for (let i = period + 1; i < n; i++) {
    // trueRangeOf, inlined: branch-free (see `trueRange`).
    const h = high[i]!;
    const l = low[i]!;
    const above = previousClose - h;
    const below = l - previousClose;
    const range = h - l + (above + Math.abs(above)) * 0.5 + (below + Math.abs(below)) * 0.5;
    average = decay * average + alpha * range;
    result[i] = average;
    previousClose = close[i]!;
  }
  return result;
}

/** Streaming twin of `atr`: `update(bar)` is O(1) and bit-identical to the batch kernel. */
export class AtrStream implements StreamingIndicator<BarLike, number> {
  readonly period: number;
  private readonly alpha: number;
  private readonly decay: number;
  private previousClose = Number.NaN;
  private seen = 0;
  private sum = 0;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('atr', 'period', period, 1);
    this.alpha = 1 / period;
    this.decay = (period - 1) / period;
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(bar: BarLike): number | null {
    const seen = this.seen++;
    const previousClose = this.previousClose;
    this.previousClose = bar.close;
    if (seen === 0) return null;
    const range = trueRangeOf(bar.high, bar.low, previousClose);
    if (this.period === 1) {
      this.current = range;
    } else if (seen > this.period) {
      this.current = this.decay * this.current! + this.alpha * range;
    } else {
      this.sum += range;
      if (seen === this.period) this.current = this.sum / this.period;
    }
    return this.current;
  }

  reset(): void {
    this.previousClose = Number.NaN;
    this.seen = 0;
    this.sum = 0;
    this.current = null;
  }
}

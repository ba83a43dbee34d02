import { HighLowWindow, slidingHighLow } from './high-low-window.js';
import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/**
 * Williams %R, TA-Lib WILLR (default period 14):
 * %R[t] = (HH - close[t]) / ((HH - LL) / -100), HH / LL = highest high / lowest low of the last `period` bars
 * including t (TA-Lib's exact operation order), in [-100, 0]; 0 when HH = LL (TA-Lib's guard).
 * First valid index = period - 1 (TA-Lib lookback). Rolling extremes: van Herk / Gil-Werman blocks in batch, a
 * monotonic deque in the stream (both exact, so the numbers are identical).
 * A NaN high/low makes the output NaN while it is in the window.
 */
export function williamsR(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
  out?: Float64Array,
): Float64Array {
  integerParameter('williamsR', 'period', period, 2);
  const n = commonLength('williamsR', high, low, close);
  const result = outputColumn(n, out);
  const highest = new Float64Array(n);
  const lowest = new Float64Array(n);
  slidingHighLow(high, low, period, highest, lowest);
  for (let i = period - 1; i < n; i++) result[i] = percentR(highest[i]!, lowest[i]!, close[i]!);
  return result;
}

/** Streaming twin of `williamsR`: O(1) amortized per bar, same numbers. */
export class WilliamsRStream implements StreamingIndicator<BarLike, number> {
  private readonly window: HighLowWindow;

  constructor(period = 14) {
    integerParameter('williamsR', 'period', period, 2);
    this.window = new HighLowWindow(period);
  }

  get isReady(): boolean {
    return this.window.isFull;
  }

  update(bar: BarLike): number | null {
    if (!this.window.push(bar.high, bar.low)) return null;
    return percentR(this.window.highest, this.window.lowest, bar.close);
  }

  reset(): void {
    this.window.reset();
  }
}

function percentR(highest: number, lowest: number, close: number): number {
  const diff = (highest - lowest) / -100.0;
  return diff !== 0 ? (highest - close) / diff : 0.0;
}

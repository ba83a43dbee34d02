import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, outputColumn } from './indicator-support.js';

/**
 * On-Balance Volume, TA-Lib OBV: obv[0] = volume[0] (TA-Lib seeds with the first bar's volume, not 0), then
 * obv[t] = obv[t-1] + volume[t] if close[t] > close[t-1], - volume[t] if close[t] < close[t-1], unchanged
 * otherwise. No warm-up (first valid index 0). A plain running sum, as in TA-Lib: the result is exact while
 * volumes are integers below 2^53. technicalindicators and trading-signals start at 0 on the second bar, so
 * their values are TA-Lib's minus volume[0], one bar shorter. As in TA-Lib, a NaN close compares as "unchanged"
 * (on its bar and the next), and a NaN volume on a bar whose close moved makes every later value NaN.
 */
export function obv(close: Float64Array, volume: Float64Array, out?: Float64Array): Float64Array {
  const n = commonLength('obv', close, volume);
  const result = outputColumn(n, out);
  if (n === 0) return result;
  let balance = volume[0]!;
  let previous = close[0]!;
  for (let i = 0; i < n; i++) {
    const price = close[i]!;
    if (price > previous) balance += volume[i]!;
    else if (price < previous) balance -= volume[i]!;
    result[i] = balance;
    previous = price;
  }
  return result;
}

/** Streaming twin of `obv`: O(1) per bar, same numbers (ready from the first bar). */
export class ObvStream implements StreamingIndicator<BarLike, number> {
  private balance = Number.NaN;
  private previous = Number.NaN;
  private started = false;

  get isReady(): boolean {
    return this.started;
  }

  update(bar: BarLike): number {
    const price = bar.close;
    if (!this.started) {
      this.started = true;
      this.balance = bar.volume;
    } else if (price > this.previous) {
      this.balance += bar.volume;
    } else if (price < this.previous) {
      this.balance -= bar.volume;
    }
    this.previous = price;
    return this.balance;
  }

  reset(): void {
    this.balance = Number.NaN;
    this.previous = Number.NaN;
    this.started = false;
  }
}

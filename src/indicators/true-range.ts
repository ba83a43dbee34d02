import { commonLength, type BarLike, type StreamingIndicator } from './indicator-support.js';
import { resultColumn } from './window-support.js';

/**
 * True range (TA-Lib TRANGE): TR_t = max(high_t - low_t, |close_{t-1} - high_t|, |close_{t-1} - low_t|),
 * i.e. max(high_t, close_{t-1}) - min(low_t, close_{t-1}).
 * - First valid index 1 (TA-Lib lookback 1: the first bar has no previous close); NaN at index 0.
 * - Computed without data-dependent branches (a gap makes them unpredictable, ~3x slower) as
 *   (high - low) + max(close_{t-1} - high, 0) + max(low - close_{t-1}, 0), each max(x, 0) as the exact (x + |x|) / 2:
 *   for a bar with high >= low at most one gap term is non-zero, so this equals TA-Lib's maximum, up to one rounding
 *   (1e-16 relative) on gap bars.
 * - Deviation: a NaN previous close gives NaN (TA-Lib's comparisons skip it and return high - low); NaN propagates.
 */
export function trueRange(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out?: Float64Array,
): Float64Array {
  const n = commonLength('trueRange', high, low, close);
  const result = resultColumn(n, out);
  if (n === 0) return result;
  result[0] = Number.NaN;
  for (let i = 1; i < n; i++) result[i] = trueRangeOf(high[i]!, low[i]!, close[i - 1]!);
  return result;
}

/** One bar's true range given the previous close (branch-free, see `trueRange`). */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
  const above = previousClose - high;
  const below = low - previousClose;
  return high - low + (above + Math.abs(above)) * 0.5 + (below + Math.abs(below)) * 0.5;
}

/** Streaming twin of `trueRange`: null on the first bar, then each bar's true range. */
export class TrueRangeStream implements StreamingIndicator<BarLike, number> {
  private previousClose = Number.NaN;
  private seen = false;
  private current: number | null = null;

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(bar: BarLike): number | null {
    if (this.seen) this.current = trueRangeOf(bar.high, bar.low, this.previousClose);
    this.seen = true;
    this.previousClose = bar.close;
    return this.current;
  }

  reset(): void {
    this.previousClose = Number.NaN;
    this.seen = false;
    this.current = null;
  }
}

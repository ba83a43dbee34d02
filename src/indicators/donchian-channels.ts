import { HighLowWindow, slidingHighLow } from './high-low-window.js';
import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/** Batch output of `donchianChannels` (NaN during warm-up). */
export interface DonchianChannelsOutput {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/** One streaming output (a reused object: copy it to keep it). */
export interface DonchianChannelsValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

/**
 * Donchian channels (default period 20): upper = highest high and lower = lowest low of the last `period` bars
 * INCLUDING bar t (TA-Lib MAX(high) / MIN(low) semantics), middle = (upper + lower) / 2. First valid index =
 * period - 1. A breakout rule "close above the previous N-bar high" must compare close[t] with upper[t - 1].
 * TA-Lib has no Donchian function; trading-signals' DonchianChannels uses the same definition.
 * Rolling extremes: van Herk / Gil-Werman blocks in batch, a monotonic deque in the stream (both exact).
 * A NaN high/low makes its band NaN while it is in the window.
 */
export function donchianChannels(
  high: Float64Array,
  low: Float64Array,
  period = 20,
  out?: DonchianChannelsOutput,
): DonchianChannelsOutput {
  integerParameter('donchianChannels', 'period', period, 1);
  const n = commonLength('donchianChannels', high, low);
  const upper = outputColumn(n, out?.upper);
  const middle = outputColumn(n, out?.middle);
  const lower = outputColumn(n, out?.lower);
  slidingHighLow(high, low, period, upper, lower);
  for (let i = period - 1; i < n; i++) middle[i] = (upper[i]! + lower[i]!) / 2;
  return { upper, middle, lower };
}

/** Streaming twin of `donchianChannels`: O(1) amortized per bar, same numbers. */
export class DonchianChannelsStream implements StreamingIndicator<BarLike, DonchianChannelsValue> {
  private readonly window: HighLowWindow;
  private readonly value = { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };

  constructor(period = 20) {
    integerParameter('donchianChannels', 'period', period, 1);
    this.window = new HighLowWindow(period);
  }

  get isReady(): boolean {
    return this.window.isFull;
  }

  update(bar: BarLike): DonchianChannelsValue | null {
    if (!this.window.push(bar.high, bar.low)) return null;
    const highest = this.window.highest;
    const lowest = this.window.lowest;
    this.value.upper = highest;
    this.value.middle = (highest + lowest) / 2;
    this.value.lower = lowest;
    return this.value;
  }

  reset(): void {
    this.window.reset();
  }
}

/**
 * Internal helper (not part of the public API): the highest high and the lowest low of the last `period` bars,
 * shared by the stochastic, Williams %R, Donchian channels and Ichimoku kernels and their streams.
 *
 * Two monotonic deques in typed-array rings: each push is amortized O(1) (every value enters and leaves each
 * deque once), and no allocation happens after construction. The extremes are exact (comparisons only), so the
 * answer does not depend on the algorithm: TA-Lib's rescan-on-expiry gives the same values.
 *
 * NaN: a NaN high (low) makes `highest` (`lowest`) NaN for as long as it is inside the window, then the window
 * recovers; NaN values are never stored in the deques.
 */
export class HighLowWindow {
  readonly period: number;
  /** Highest high of the window after the last push (NaN before the first push). */
  highest = Number.NaN;
  /** Lowest low of the window after the last push (NaN before the first push). */
  lowest = Number.NaN;

  private readonly highValues: Float64Array;
  private readonly highSequence: Float64Array;
  private readonly lowValues: Float64Array;
  private readonly lowSequence: Float64Array;
  private highFront = 0;
  private highSize = 0;
  private lowFront = 0;
  private lowSize = 0;
  /** Number of bars pushed so far; also the sequence number of the next bar. */
  private pushed = 0;
  private lastNanHigh = Number.NEGATIVE_INFINITY;
  private lastNanLow = Number.NEGATIVE_INFINITY;

  constructor(period: number) {
    this.period = period;
    this.highValues = new Float64Array(period);
    this.highSequence = new Float64Array(period);
    this.lowValues = new Float64Array(period);
    this.lowSequence = new Float64Array(period);
  }

  /** Whether `period` bars have been pushed (the extremes cover a full window). */
  get isFull(): boolean {
    return this.pushed >= this.period;
  }

  /** Adds one bar and updates `highest` / `lowest`; returns whether the window is full. */
  push(high: number, low: number): boolean {
    const period = this.period;
    const sequence = this.pushed++;
    const expired = sequence - period;

    // Highest high: drop the expired front, then every value not above the newcomer from the back.
    if (this.highSize > 0 && this.highSequence[this.highFront]! <= expired) {
      this.highFront = this.highFront + 1 === period ? 0 : this.highFront + 1;
      this.highSize--;
    }
    if (high === high) {
      while (this.highSize > 0) {
        let back = this.highFront + this.highSize - 1;
        if (back >= period) back -= period;
        if (this.highValues[back]! > high) break;
        this.highSize--;
      }
      let slot = this.highFront + this.highSize;
      if (slot >= period) slot -= period;
      this.highValues[slot] = high;
      this.highSequence[slot] = sequence;
      this.highSize++;
    } else {
      this.lastNanHigh = sequence;
    }

    if (this.lowSize > 0 && this.lowSequence[this.lowFront]! <= expired) {
      this.lowFront = this.lowFront + 1 === period ? 0 : this.lowFront + 1;
      this.lowSize--;
    }
    if (low === low) {
      while (this.lowSize > 0) {
        let back = this.lowFront + this.lowSize - 1;
        if (back >= period) back -= period;
        if (this.lowValues[back]! < low) break;
        this.lowSize--;
      }
      let slot = this.lowFront + this.lowSize;
      if (slot >= period) slot -= period;
      this.lowValues[slot] = low;
      this.lowSequence[slot] = sequence;
      this.lowSize++;
    } else {
      this.lastNanLow = sequence;
    }

    this.highest = sequence - this.lastNanHigh < period ? Number.NaN : this.highValues[this.highFront]!;
    this.lowest = sequence - this.lastNanLow < period ? Number.NaN : this.lowValues[this.lowFront]!;
    return this.pushed >= period;
  }

  reset(): void {
    this.highest = Number.NaN;
    this.lowest = Number.NaN;
    this.highFront = 0;
    this.highSize = 0;
    this.lowFront = 0;
    this.lowSize = 0;
    this.pushed = 0;
    this.lastNanHigh = Number.NEGATIVE_INFINITY;
    this.lastNanLow = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Batch counterpart of `HighLowWindow`: highest[i] / lowest[i] = max(high) / min(low) over the `period` bars
 * ending at i, NaN for i < period - 1 and wherever the window holds a NaN (exactly the values the deque gives,
 * since extremes are exact). Van Herk / Gil-Werman: per block of `period` bars a running max from the block
 * start and one from the block end; a window spans at most two blocks, so its extreme is the max of one suffix
 * and one prefix. Three branch-free passes (Math.max / Math.min propagate NaN), far cheaper than a deque on
 * random data, where the deque's pops mispredict. `scratch` (four columns of the input length) avoids
 * reallocating when several windows are computed.
 */
export function slidingHighLow(
  high: Float64Array,
  low: Float64Array,
  period: number,
  highest: Float64Array,
  lowest: Float64Array,
  scratch: readonly [Float64Array, Float64Array, Float64Array, Float64Array] = allocateScratch(high.length),
): void {
  const n = high.length;
  const [prefixHigh, suffixHigh, prefixLow, suffixLow] = scratch;
  for (let start = 0; start < n; start += period) {
    const end = Math.min(start + period, n);
    let maximum = high[start]!;
    let minimum = low[start]!;
    prefixHigh[start] = maximum;
    prefixLow[start] = minimum;
    for (let i = start + 1; i < end; i++) {
      maximum = Math.max(maximum, high[i]!);
      minimum = Math.min(minimum, low[i]!);
      prefixHigh[i] = maximum;
      prefixLow[i] = minimum;
    }
    maximum = high[end - 1]!;
    minimum = low[end - 1]!;
    suffixHigh[end - 1] = maximum;
    suffixLow[end - 1] = minimum;
    for (let i = end - 2; i >= start; i--) {
      maximum = Math.max(maximum, high[i]!);
      minimum = Math.min(minimum, low[i]!);
      suffixHigh[i] = maximum;
      suffixLow[i] = minimum;
    }
  }
  const warmUp = Math.min(period - 1, n);
  highest.fill(Number.NaN, 0, warmUp);
  lowest.fill(Number.NaN, 0, warmUp);
  for (let i = period - 1; i < n; i++) {
    highest[i] = Math.max(suffixHigh[i - period + 1]!, prefixHigh[i]!);
    lowest[i] = Math.min(suffixLow[i - period + 1]!, prefixLow[i]!);
  }
}

/** Scratch columns for `slidingHighLow`. */
export function allocateScratch(length: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
  return [
    new Float64Array(length),
    new Float64Array(length),
    new Float64Array(length),
    new Float64Array(length),
  ];
}

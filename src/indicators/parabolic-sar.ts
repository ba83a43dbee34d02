import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, outputColumn, realParameter } from './indicator-support.js';

/**
 * Parabolic SAR (Wilder), TA-Lib SAR semantics, step by step as TA-Lib's C code (defaults acceleration 0.02,
 * maximum 0.2; an acceleration above the maximum is lowered to it, as TA-Lib does):
 * - Initial direction from the first directional movement: short when -DM(bar 1) > 0 and +DM < -DM, i.e.
 *   (low[0] - low[1]) > 0 and (high[1] - high[0]) < (low[0] - low[1]); long otherwise (ties are long).
 * - Bar 0 is consumed: the SAR of bar 1 is low[0] (long) or high[0] (short), the extreme point high[1] / low[1].
 * - Each bar t >= 1 outputs the SAR computed the bar before, unless the bar's range penetrates it (long:
 *   low <= SAR; short: high >= SAR): then the trade reverses and the output is the extreme point of the closed
 *   trade, kept outside the range of bars t - 1 and t. The next SAR is SAR + af * (ep - SAR), never inside the
 *   ranges of bars t - 1 and t; af starts at `acceleration`, grows by it at each new extreme, capped at `maximum`.
 * - First valid index 1 (TA-Lib lookback). No look-ahead: output t uses bars 0..t only.
 * technicalindicators and trading-signals bootstrap the first trade differently and do not clamp the reversal
 * value, so their series differ from TA-Lib's (they are not used as references). NaN inputs: comparisons with
 * NaN are false (as in TA-Lib), so a NaN bar is skipped by the extreme updates but may make the SAR NaN.
 */
export function parabolicSar(
  high: Float64Array,
  low: Float64Array,
  acceleration = 0.02,
  maximum = 0.2,
  out?: Float64Array,
): Float64Array {
  const state = new SarState(acceleration, maximum);
  const n = commonLength('parabolicSar', high, low);
  const result = outputColumn(n, out);
  for (let i = 0; i < n; i++) {
    if (state.update(high[i]!, low[i]!)) result[i] = state.output;
  }
  return result;
}

/** Streaming twin of `parabolicSar`: O(1) per bar, same numbers. */
export class ParabolicSarStream implements StreamingIndicator<BarLike, number> {
  private readonly state: SarState;

  constructor(acceleration = 0.02, maximum = 0.2) {
    this.state = new SarState(acceleration, maximum);
  }

  get isReady(): boolean {
    return this.state.started;
  }

  /** Whether the trade in force at the last output bar is long (the SAR is below the price). */
  get isLong(): boolean {
    return this.state.isLong;
  }

  update(bar: BarLike): number | null {
    return this.state.update(bar.high, bar.low) ? this.state.output : null;
  }

  reset(): void {
    this.state.reset();
  }
}

/** TA-Lib's SAR loop as O(1) state, shared by batch and stream. */
class SarState {
  output = Number.NaN;
  isLong = true;
  started = false;
  private readonly acceleration: number;
  private readonly maximum: number;
  private factor = 0;
  private extreme = Number.NaN;
  private sar = Number.NaN;
  private lastHigh = Number.NaN;
  private lastLow = Number.NaN;
  private seenFirst = false;

  constructor(acceleration: number, maximum: number) {
    realParameter('parabolicSar', 'acceleration', acceleration, 0, 1);
    this.maximum = realParameter('parabolicSar', 'maximum', maximum, 0, 1);
    this.acceleration = acceleration > maximum ? maximum : acceleration;
  }

  update(newHigh: number, newLow: number): boolean {
    if (!this.seenFirst) {
      this.seenFirst = true;
      this.lastHigh = newHigh;
      this.lastLow = newLow;
      return false;
    }
    let previousHigh = this.lastHigh;
    let previousLow = this.lastLow;
    if (!this.started) {
      this.started = true;
      const plusMove = newHigh - previousHigh;
      const minusMove = previousLow - newLow;
      this.isLong = !(minusMove > 0 && plusMove < minusMove);
      this.factor = this.acceleration;
      this.extreme = this.isLong ? newHigh : newLow;
      this.sar = this.isLong ? previousLow : previousHigh;
      // TA-Lib's first iteration compares with bar 1 itself as the "previous" bar.
      previousHigh = newHigh;
      previousLow = newLow;
    }
    this.lastHigh = newHigh;
    this.lastLow = newLow;

    let sar = this.sar;
    if (this.isLong) {
      if (newLow <= sar) {
        this.isLong = false;
        sar = this.extreme;
        if (sar < previousHigh) sar = previousHigh;
        if (sar < newHigh) sar = newHigh;
        this.output = sar;
        this.factor = this.acceleration;
        this.extreme = newLow;
        sar = sar + this.factor * (this.extreme - sar);
        if (sar < previousHigh) sar = previousHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        this.output = sar;
        if (newHigh > this.extreme) {
          this.extreme = newHigh;
          this.factor += this.acceleration;
          if (this.factor > this.maximum) this.factor = this.maximum;
        }
        sar = sar + this.factor * (this.extreme - sar);
        if (sar > previousLow) sar = previousLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      this.isLong = true;
      sar = this.extreme;
      if (sar > previousLow) sar = previousLow;
      if (sar > newLow) sar = newLow;
      this.output = sar;
      this.factor = this.acceleration;
      this.extreme = newHigh;
      sar = sar + this.factor * (this.extreme - sar);
      if (sar > previousLow) sar = previousLow;
      if (sar > newLow) sar = newLow;
    } else {
      this.output = sar;
      if (newLow < this.extreme) {
        this.extreme = newLow;
        this.factor += this.acceleration;
        if (this.factor > this.maximum) this.factor = this.maximum;
      }
      sar = sar + this.factor * (this.extreme - sar);
      if (sar < previousHigh) sar = previousHigh;
      if (sar < newHigh) sar = newHigh;
    }
    this.sar = sar;
    return true;
  }

  reset(): void {
    this.output = Number.NaN;
    this.isLong = true;
    this.started = false;
    this.factor = 0;
    this.extreme = Number.NaN;
    this.sar = Number.NaN;
    this.lastHigh = Number.NaN;
    this.lastLow = Number.NaN;
    this.seenFirst = false;
  }
}

import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/**
 * Commodity Channel Index, TA-Lib CCI (default period 14; Lambert's original uses 20):
 * tp = (high + low + close) / 3, mean = SMA(tp, period), meanDeviation = sum(|tp_j - mean|) / period over the
 * same window (a true mean absolute deviation, recomputed from the window each bar, not a running value),
 * CCI = (tp - mean) / (0.015 * meanDeviation). First valid index = period - 1 (TA-Lib lookback).
 *
 * Exactly TA-Lib's arithmetic: the window lives in a circular buffer and both sums run over its slots in slot
 * order (slot = bar index mod period), so the results are bit-identical to TA-Lib's C code.
 * Flat window: when the sum of absolute deviations is within rounding of zero (<= 2 * period^2 * epsilon *
 * |mean|, the error bound of the window mean), CCI = 0. TA-Lib also returns 0 there, though its guard differs
 * between versions (exact zero in 0.4/0.6; newer releases use a tolerance), because identical prices leave a
 * residue of a few ulps that an exact test would divide into a spurious +-66.7.
 *
 * Cost: O(period) per bar, batch and stream alike: the mean absolute deviation around a moving mean has no O(1)
 * update (TA-Lib does the same). A NaN input makes the output NaN while it is in the window.
 */
export function cci(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
  out?: Float64Array,
): Float64Array {
  integerParameter('cci', 'period', period, 2);
  const n = commonLength('cci', high, low, close);
  const result = outputColumn(n, out);
  const state = new CciState(period);
  for (let i = 0; i < n; i++) {
    const value = state.push(high[i]!, low[i]!, close[i]!);
    if (state.isReady) result[i] = value;
  }
  return result;
}

/** Streaming twin of `cci`: O(period) per bar (see `cci`), same numbers. */
export class CciStream implements StreamingIndicator<BarLike, number> {
  private readonly state: CciState;

  constructor(period = 14) {
    integerParameter('cci', 'period', period, 2);
    this.state = new CciState(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  update(bar: BarLike): number | null {
    const value = this.state.push(bar.high, bar.low, bar.close);
    return this.state.isReady ? value : null;
  }

  reset(): void {
    this.state.reset();
  }
}

class CciState {
  private readonly circular: Float64Array;
  private slot = 0;
  private count = 0;
  private readonly flatTolerance: number;

  constructor(private readonly period: number) {
    this.circular = new Float64Array(period);
    this.flatTolerance = 2 * period * period * Number.EPSILON;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  /** Adds one bar; returns the CCI of the window ending at it (meaningful once `isReady`). */
  push(high: number, low: number, close: number): number {
    const period = this.period;
    const circular = this.circular;
    const typical = (high + low + close) / 3;
    circular[this.slot] = typical;
    this.slot = this.slot + 1 === period ? 0 : this.slot + 1;
    if (this.count < period) this.count++;
    if (this.count < period) return Number.NaN;

    let average = 0;
    for (let j = 0; j < period; j++) average += circular[j]!;
    average /= period;
    let deviationSum = 0;
    for (let j = 0; j < period; j++) deviationSum += Math.abs(circular[j]! - average);
    const distance = typical - average;
    // A NaN in the window fails both tests (NaN comparisons are false) and propagates through the division.
    if (distance === 0 || deviationSum <= this.flatTolerance * Math.abs(average)) return 0.0;
    return distance / (0.015 * (deviationSum / period));
  }

  reset(): void {
    this.slot = 0;
    this.count = 0;
  }
}

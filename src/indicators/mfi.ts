import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/**
 * Money Flow Index, TA-Lib MFI (default period 14):
 * tp = (high + low + close) / 3, raw money flow = tp * volume; a bar's flow is positive when tp rose from the
 * previous bar, negative when it fell, and counts for neither side when tp is unchanged (exact comparison).
 * MFI = 100 * positive / (positive + negative), sums over the last `period` bars; 0 when both sums are 0
 * (TA-Lib's answer for an empty window), the ratio clamped to [0, 100].
 * First valid index = period (TA-Lib lookback: the first bar only provides the previous tp).
 *
 * TA-Lib differences: TA-Lib up to 0.6 returned 0 whenever the total flow was below 1.0 (a unit-dependent
 * threshold later removed), and recent TA-Lib treats a tp change within a few ulps as unchanged; both only
 * matter for degenerate inputs. technicalindicators rounds to 2 decimals and counts an unchanged tp as negative;
 * trading-signals returns 50 for an empty window.
 *
 * Accuracy: each side's window sum is updated as `sum - oldest + newest`, recomputed from the window (oldest to
 * newest) every `period` bars and whenever it is not finite, and set to exactly 0 when the window holds no flow
 * on that side. A NaN input makes the outputs NaN while its flow (and the next bar's, whose direction it hides)
 * is in the window.
 */
export function mfi(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period = 14,
  out?: Float64Array,
): Float64Array {
  integerParameter('mfi', 'period', period, 2);
  const n = commonLength('mfi', high, low, close, volume);
  const result = outputColumn(n, out);
  const state = new MoneyFlowState(period);
  for (let i = 0; i < n; i++) {
    const value = state.push(high[i]!, low[i]!, close[i]!, volume[i]!);
    if (state.isReady) result[i] = value;
  }
  return result;
}

/** Streaming twin of `mfi`: O(1) amortized per bar, same numbers. */
export class MfiStream implements StreamingIndicator<BarLike, number> {
  private readonly state: MoneyFlowState;

  constructor(period = 14) {
    integerParameter('mfi', 'period', period, 2);
    this.state = new MoneyFlowState(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  update(bar: BarLike): number | null {
    const value = this.state.push(bar.high, bar.low, bar.close, bar.volume);
    return this.state.isReady ? value : null;
  }

  reset(): void {
    this.state.reset();
  }
}

class MoneyFlowState {
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private position = 0;
  /** Bars seen, capped at period + 1. */
  private seen = 0;
  private previousTypical = Number.NaN;
  private positiveSum = 0;
  private negativeSum = 0;
  /** Number of window slots holding a non-zero flow, per side (0 means the sum is exactly 0). */
  private positiveCount = 0;
  private negativeCount = 0;

  constructor(private readonly period: number) {
    this.positive = new Float64Array(period);
    this.negative = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.seen > this.period;
  }

  push(high: number, low: number, close: number, volume: number): number {
    const typical = (high + low + close) / 3;
    const previous = this.previousTypical;
    this.previousTypical = typical;
    if (this.seen === 0) {
      this.seen = 1;
      return Number.NaN;
    }
    let positiveFlow = 0;
    let negativeFlow = 0;
    if (typical > previous) positiveFlow = typical * volume;
    else if (typical < previous) negativeFlow = typical * volume;
    else if (typical !== typical || previous !== previous) {
      positiveFlow = Number.NaN;
      negativeFlow = Number.NaN;
    }

    const period = this.period;
    const slot = this.position;
    const filling = this.seen <= period;
    const oldPositive = filling ? 0 : this.positive[slot]!;
    const oldNegative = filling ? 0 : this.negative[slot]!;
    this.positive[slot] = positiveFlow;
    this.negative[slot] = negativeFlow;
    this.positiveCount += (positiveFlow !== 0 ? 1 : 0) - (oldPositive !== 0 ? 1 : 0);
    this.negativeCount += (negativeFlow !== 0 ? 1 : 0) - (oldNegative !== 0 ? 1 : 0);
    this.position = slot + 1 === period ? 0 : slot + 1;
    if (filling) this.seen++;

    let positiveSum = this.positiveSum - oldPositive + positiveFlow;
    let negativeSum = this.negativeSum - oldNegative + negativeFlow;
    if ((!filling && this.position === 0) || !Number.isFinite(positiveSum) || !Number.isFinite(negativeSum)) {
      positiveSum = this.windowSum(this.positive);
      negativeSum = this.windowSum(this.negative);
    }
    if (this.positiveCount === 0) positiveSum = 0;
    if (this.negativeCount === 0) negativeSum = 0;
    this.positiveSum = positiveSum;
    this.negativeSum = negativeSum;
    if (this.seen <= period) return Number.NaN;

    const total = positiveSum + negativeSum;
    if (total <= 0) return 0.0;
    const clamped = positiveSum < 0 ? 0 : positiveSum > total ? total : positiveSum;
    return 100.0 * (clamped / total);
  }

  /** Sum of the stored flows, oldest to newest (once full, `position` is the oldest slot). */
  private windowSum(values: Float64Array): number {
    let sum = 0;
    if (this.seen <= this.period) {
      for (let j = 0; j < this.seen - 1; j++) sum += values[j]!;
      return sum;
    }
    const start = this.position;
    for (let j = start; j < this.period; j++) sum += values[j]!;
    for (let j = 0; j < start; j++) sum += values[j]!;
    return sum;
  }

  reset(): void {
    this.position = 0;
    this.seen = 0;
    this.previousTypical = Number.NaN;
    this.positiveSum = 0;
    this.negativeSum = 0;
    this.positiveCount = 0;
    this.negativeCount = 0;
  }
}

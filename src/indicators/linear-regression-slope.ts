import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import {
  RingWindow,
  ageWeightedSumRange,
  fillWarmUp,
  nestedRecomputeInterval,
  resultColumn,
  sumRange,
} from './window-support.js';

/**
 * Slope of the least-squares line through the last n values against time (TA-Lib LINEARREG_SLOPE), in value
 * units per bar:
 * - TA-Lib's formula: with x = age of the value (0 = newest), SumX = n (n - 1) / 2,
 *   SumXSqr = n (n - 1) (2n - 1) / 6, Divisor = SumX^2 - n SumXSqr,
 *   slope = (n * SumXY - SumX * SumY) / Divisor (the age axis runs backwards, and so does the divisor's sign).
 * - First valid index n - 1 (TA-Lib lookback); NaN before; n >= 2 (TA-Lib's minimum).
 * - O(1) per bar: SumY and SumXY are running sums (SumXY' = SumXY + SumY - n * y_out, since every age grows by one),
 *   recomputed exactly every max(64, 4n) bars (SumXY integrates SumY's rounding, so more often than the SMA's sum)
 *   and whenever not finite; TA-Lib recomputes both sums at every bar (O(n)). The two agree to rounding.
 */
export function linearRegressionSlope(
  values: Float64Array,
  period: number,
  out?: Float64Array,
): Float64Array {
  const constants = slopeConstants(period);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period - 1);
  if (n < period) return result;
  const interval = nestedRecomputeInterval(period);
  let sumY = sumRange(values, 0, period - 1);
  let sumXY = ageWeightedSumRange(values, 0, period - 1);
  result[period - 1] = slopeOf(sumY, sumXY, period, constants);
  let countdown = interval;
  for (let i = period; i < n; i++) {
    if (--countdown === 0) {
      countdown = interval;
      sumY = sumRange(values, i - period + 1, i);
      sumXY = ageWeightedSumRange(values, i - period + 1, i);
    } else {
      const old = values[i - period]!;
      sumXY = sumXY + sumY - period * old;
      sumY += values[i]! - old;
      if (!(sumXY - sumXY === 0 && sumY - sumY === 0)) {
        sumY = sumRange(values, i - period + 1, i);
        sumXY = ageWeightedSumRange(values, i - period + 1, i);
      }
    }
    result[i] = slopeOf(sumY, sumXY, period, constants);
  }
  return result;
}

interface SlopeConstants {
  readonly sumX: number;
  readonly divisor: number;
}

function slopeConstants(period: number): SlopeConstants {
  integerParameter('linearRegressionSlope', 'period', period, 2);
  const sumX = period * (period - 1) * 0.5;
  const sumXSquared = (period * (period - 1) * (2 * period - 1)) / 6;
  return { sumX, divisor: sumX * sumX - period * sumXSquared };
}

function slopeOf(sumY: number, sumXY: number, period: number, constants: SlopeConstants): number {
  return (period * sumXY - constants.sumX * sumY) / constants.divisor;
}

/** Streaming twin of `linearRegressionSlope`: O(1) per update, bit-identical to the batch kernel. */
export class LinearRegressionSlopeStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly constants: SlopeConstants;
  private readonly window: RingWindow;
  private readonly interval: number;
  private sumY = 0;
  private sumXY = 0;
  private countdown = -1;

  constructor(period: number) {
    this.constants = slopeConstants(period);
    this.period = period;
    this.window = new RingWindow(period);
    this.interval = nestedRecomputeInterval(period);
  }

  get isReady(): boolean {
    return this.countdown >= 0;
  }

  update(value: number): number | null {
    const old = this.window.push(value);
    if (this.countdown < 0) {
      if (!this.window.isFull) return null;
      this.recompute();
    } else if (--this.countdown === 0) {
      this.recompute();
    } else {
      this.sumXY = this.sumXY + this.sumY - this.period * old;
      this.sumY += value - old;
      if (!(this.sumXY - this.sumXY === 0 && this.sumY - this.sumY === 0)) {
        this.sumY = this.window.sum();
        this.sumXY = this.window.ageWeightedSum();
      }
    }
    return slopeOf(this.sumY, this.sumXY, this.period, this.constants);
  }

  reset(): void {
    this.window.clear();
    this.sumY = 0;
    this.sumXY = 0;
    this.countdown = -1;
  }

  private recompute(): void {
    this.countdown = this.interval;
    this.sumY = this.window.sum();
    this.sumXY = this.window.ageWeightedSum();
  }
}

import { type StreamingIndicator } from './indicator-support.js';
import { varianceDivisor, type VarianceEstimator } from './rolling.js';
import { WindowMoments, writeWindowMoments } from './window-moments.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Rolling z-score: z_t = (x_t - mean_t) / sigma_t over the window of the last n values, the current one included
 * (so z = 2k (%B - 1/2) for Bollinger Bands of the same n and k).
 * - sigma is the POPULATION standard deviation by default (as Bollinger Bands); `'sample'` divides by n - 1.
 * - z = 0 when sigma = 0 (a flat window, where x_t equals the mean).
 * - First valid index n - 1; NaN before; NaN when the window holds a NaN. Mean and sigma are those of
 *   `rollingMean` / `rollingStd` (running sums with exact recomputation, see window-moments.ts).
 * TA-Lib has no z-score.
 */
export function zScore(
  values: Float64Array,
  period: number,
  estimator: VarianceEstimator = 'population',
  out?: Float64Array,
): Float64Array {
  const divisor = varianceDivisor('zScore', period, estimator);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period - 1);
  if (n < period) return result;
  const m2 = new Float64Array(n);
  writeWindowMoments(values, period, result, m2);
  for (let i = period - 1; i < n; i++) result[i] = zOf(values[i]!, result[i]!, m2[i]!, divisor);
  return result;
}

function zOf(value: number, mean: number, m2: number, divisor: number): number {
  const sigma = Math.sqrt(m2 / divisor);
  return sigma === 0 ? 0 : (value - mean) / sigma;
}

/** Streaming twin of `zScore`: O(1) per update, bit-identical to the batch kernel. */
export class ZScoreStream implements StreamingIndicator<number, number> {
  readonly period: number;
  readonly estimator: VarianceEstimator;
  private readonly divisor: number;
  private readonly moments: WindowMoments;

  constructor(period: number, estimator: VarianceEstimator = 'population') {
    this.divisor = varianceDivisor('zScore', period, estimator);
    this.period = period;
    this.estimator = estimator;
    this.moments = new WindowMoments(period);
  }

  get isReady(): boolean {
    return this.moments.isReady;
  }

  update(value: number): number | null {
    if (!this.moments.update(value)) return null;
    return zOf(value, this.moments.mean, this.moments.m2, this.divisor);
  }

  reset(): void {
    this.moments.reset();
  }
}

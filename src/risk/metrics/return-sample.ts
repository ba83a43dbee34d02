import { InvalidInputError, quote } from '../../core/errors.js';
import { moments } from '../../stats/moments.js';

/**
 * A return series prepared once for every VaR/ES method and confidence level: NaN values dropped (R's
 * na.omit), the rest sorted ascending, and the moments PerformanceAnalytics' parametric VaR uses. Those are
 * its `centeredmoment(r, k)` = mean((r − r̄)^k), i.e. population moments with an n denominator:
 * - variance m₂ (so the Gaussian σ = √m₂, not the n − 1 sample sd; PerformanceAnalytics' VaR.Gaussian and
 *   ES.Gaussian use centeredmoment(r, 2));
 * - skewness m₃ / m₂^{3/2} and excess kurtosis m₄ / m₂² − 3 (its .skewEst / .kurtEst: the biased g₁, g₂).
 *   Like R, both are 0 when m₂ is all.equal to 0, i.e. m₂ ≤ √(machine ε) ≈ 1.49e-8 (a per-period sd under
 *   about 0.012%), which makes the Cornish-Fisher VaR collapse to the Gaussian one.
 * ±Infinity is rejected: it is a data error, not a return.
 */
export interface ReturnSample {
  /** The non-NaN returns, ascending. */
  readonly sorted: Float64Array;
  readonly count: number;
  readonly mean: number;
  /** Population variance m₂ (n denominator). */
  readonly variance: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

/** R's all.equal tolerance, √(2.220446e-16). */
const ALL_EQUAL_TOLERANCE = 1.4901161193847656e-8;

export function describeReturns(returns: Float64Array): ReturnSample {
  let count = 0;
  for (let t = 0; t < returns.length; t++) {
    const value = returns[t] as number;
    if (Number.isNaN(value)) continue;
    if (!Number.isFinite(value)) {
      throw new InvalidInputError(`return ${quote(value)} at index ${t} must be a finite number`);
    }
    count++;
  }
  if (count < 2) {
    throw new InvalidInputError(`VaR needs at least 2 returns; got ${quote(count)}`);
  }
  const sorted = new Float64Array(count);
  for (let t = 0, k = 0; t < returns.length; t++) {
    const value = returns[t] as number;
    if (!Number.isNaN(value)) sorted[k++] = value;
  }
  sorted.sort();
  const m = moments(returns, { ddof: 0, adjusted: false }); // skips NaN, in the original order as R sums
  const flat = m.variance <= ALL_EQUAL_TOLERANCE;
  return {
    sorted,
    count,
    mean: m.mean,
    variance: m.variance,
    skewness: flat ? 0 : m.skewness,
    excessKurtosis: flat ? 0 : m.excessKurtosis,
  };
}

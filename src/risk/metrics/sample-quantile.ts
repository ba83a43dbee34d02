import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Sample quantile of ascending-sorted values, R's `quantile(x, probs, type = 7)` (its default, used by
 * PerformanceAnalytics' historical VaR): with the 1-based position i = 1 + (n − 1)·p, lo = ⌊i⌋, hi = ⌈i⌉
 * and h = i − lo, Q(p) = (1 − h)·x_lo + h·x_hi, computed in the same order as R so the result is the same
 * double. `sorted` must be ascending and free of NaN (sorting is the caller's job, so that one sort serves
 * every confidence level).
 */
export function sortedQuantile(sorted: Float64Array, probability: number): number {
  const n = sorted.length;
  if (n === 0) throw new InvalidInputError('a quantile needs at least one value');
  if (!(probability >= 0 && probability <= 1)) {
    throw new InvalidInputError(`probability ${quote(probability)} must be between 0 and 1`);
  }
  // R: index <- 1 + (n - 1) * probs (1-based), lo <- floor(index), h <- index - lo; the same doubles here.
  const index = 1 + (n - 1) * probability;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1] as number;
  const high = sorted[hi - 1] as number;
  const h = index - lo;
  if (h === 0 || high === low) return low;
  return (1 - h) * low + h * high;
}

/**
 * Mean of the ascending-sorted values strictly below `threshold` (PerformanceAnalytics ES.historical's
 * `mean(r[r < q])`), or `threshold` itself when none is below it (its fallback: ES = VaR).
 */
export function sortedTailMean(sorted: Float64Array, threshold: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < sorted.length && (sorted[i] as number) < threshold; i++) {
    sum += sorted[i] as number;
    count++;
  }
  return count > 0 ? sum / count : threshold;
}

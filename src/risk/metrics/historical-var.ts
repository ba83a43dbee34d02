import { tailProbability } from './confidence.js';
import type { ReturnSample } from './return-sample.js';
import { sortedQuantile, sortedTailMean } from './sample-quantile.js';

/**
 * Historical (non-parametric) VaR and ES, as PerformanceAnalytics computes them.
 * Sign convention (theirs, with the default invert = TRUE): results are returns, so a loss is negative;
 * VaR 95% = −0.02 means a 5% chance per period of losing more than 2%.
 * - VaR(R, p, method = "historical") = quantile(R, 1 − p), R's type 7 (see sortedQuantile).
 * - ES(R, p, method = "historical") = mean of the returns strictly below that quantile (ES.historical:
 *   `r[r < q]`); when none is below it, ES = VaR (R warns "Setting ES equal to VaR").
 * Unlike PerformanceAnalytics we do not replace a "VaR" that is a gain by NA nor cap a loss at −100%: the
 * number is reported as computed, and the caller can judge it.
 */
export function historicalVar(sample: ReturnSample, confidence: number): number {
  return sortedQuantile(sample.sorted, tailProbability(confidence));
}

export function historicalEs(sample: ReturnSample, confidence: number): number {
  return sortedTailMean(sample.sorted, historicalVar(sample, confidence));
}

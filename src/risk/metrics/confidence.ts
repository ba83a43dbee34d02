import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Confidence levels. A VaR "at 95%" is the return the portfolio falls below with tail probability
 * α = 1 − 0.95 = 5% per period. PerformanceAnalytics' `.setalphaprob` reads p ≥ 0.51 as a confidence and
 * anything smaller as α itself; we accept only the confidence form, strictly between 0.5 and 1, so that a
 * typo such as 0.05 is an error rather than a silently different number.
 */
export function assertConfidence(confidence: number): void {
  if (!(Number.isFinite(confidence) && confidence > 0.5 && confidence < 1)) {
    throw new InvalidInputError(
      `confidence ${quote(confidence)} must be a number between 0.5 and 1 exclusive, e.g. 0.95`,
    );
  }
}

/** α = 1 − confidence, computed as R computes `1 - p` (the same double). */
export function tailProbability(confidence: number): number {
  assertConfidence(confidence);
  return 1 - confidence;
}

/** The key a confidence is reported under in JSON: its shortest decimal, e.g. "0.95". */
export function confidenceKey(confidence: number): string {
  return String(confidence);
}

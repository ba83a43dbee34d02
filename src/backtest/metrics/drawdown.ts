import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Drawdowns of an equity curve, from the levels (one pass). The starting equity is the first peak, dated
 * `startTs`, at the virtual bar index −1 (before bar 0).
 * - drawdown fraction at bar t: 1 − E_t / max(E_start, E_0..E_t); the largest is PerformanceAnalytics
 *   maxDrawdown(geometric = TRUE), which computes 1 − W_t / cummax(c(1, W)) on the wealth index W = Π(1 + r),
 *   the same number since W_t = E_t / E_start.
 * - drawdown in money at bar t: max(E_start, E_0..E_t) − E_t; the largest may belong to a different episode
 *   than the largest fraction (a later, higher peak).
 * - an episode runs from its peak (the last bar at the running high) to its recovery, the first later bar with
 *   E_t ≥ the peak, or to the last bar when it never recovers. Its length is recovery index − peak index in
 *   bars and ts[recovery] − ts[peak] in ms.
 * Equity should stay > 0; at or below zero the fraction reaches or exceeds 1. NaN levels are skipped silently
 * by the comparisons, so validate the curve upstream.
 */
export interface DrawdownSummary {
  /** Largest drawdown as a fraction of the running peak, in [0, 1] for positive equity. */
  readonly maxDrawdown: number;
  /** Largest peak-to-trough fall in money (equity units). */
  readonly maxDrawdownAmount: number;
  /** Bar index of the largest fractional drawdown's peak (−1: the starting equity); −1 and NaN ts when none. */
  readonly peakIndex: number;
  readonly troughIndex: number;
  /** Bar index of its recovery; −1 when it never recovered (or there was no drawdown). */
  readonly recoveryIndex: number;
  readonly peakTs: number;
  readonly troughTs: number;
  /** NaN when it never recovered. */
  readonly recoveryTs: number;
  /** Length of the largest drawdown from peak to recovery, or to the last bar if unrecovered; 0 when none. */
  readonly durationBars: number;
  readonly durationMs: number;
  /** Longest episode of any depth, measured the same way; 0 when none. */
  readonly longestDurationBars: number;
  readonly longestDurationMs: number;
}

/** One pass over the curve; see DrawdownSummary for the definitions. `ts` and `equity` have one row per bar. */
export function analyzeDrawdowns(
  ts: Float64Array,
  equity: Float64Array,
  startingEquity: number,
  startTs: number,
): DrawdownSummary {
  const n = equity.length;
  if (ts.length !== n) {
    throw new InvalidInputError(`timestamp count ${quote(ts.length)} must equal the equity count ${n}`);
  }
  let peak = startingEquity;
  let peakIndex = -1;
  let peakTs = startTs;
  let inDrawdown = false;
  let maxDrawdown = 0;
  let maxDrawdownAmount = 0;
  let maxPeakIndex = -1;
  let maxPeakTs = Number.NaN;
  let maxTroughIndex = -1;
  let maxRecoveryIndex = -1;
  // The largest drawdown so far lies in the current, unrecovered episode: its recovery is still to be found.
  let maxPending = false;
  let longestBars = 0;
  let longestMs = 0;
  for (let t = 0; t < n; t++) {
    const level = equity[t] as number;
    if (level >= peak) {
      if (inDrawdown) {
        inDrawdown = false;
        if (t - peakIndex > longestBars) longestBars = t - peakIndex;
        if ((ts[t] as number) - peakTs > longestMs) longestMs = (ts[t] as number) - peakTs;
        if (maxPending) {
          maxRecoveryIndex = t;
          maxPending = false;
        }
      }
      peak = level;
      peakIndex = t;
      peakTs = ts[t] as number;
    } else {
      inDrawdown = true;
      const amount = peak - level;
      if (amount > maxDrawdownAmount) maxDrawdownAmount = amount;
      const fraction = amount / peak;
      if (fraction > maxDrawdown) {
        maxDrawdown = fraction;
        maxPeakIndex = peakIndex;
        maxPeakTs = peakTs;
        maxTroughIndex = t;
        maxRecoveryIndex = -1;
        maxPending = true;
      }
    }
  }
  const lastTs = n > 0 ? (ts[n - 1] as number) : startTs;
  if (inDrawdown) {
    if (n - 1 - peakIndex > longestBars) longestBars = n - 1 - peakIndex;
    if (lastTs - peakTs > longestMs) longestMs = lastTs - peakTs;
  }
  const hasDrawdown = maxTroughIndex >= 0;
  const recovered = maxRecoveryIndex >= 0;
  const endIndex = recovered ? maxRecoveryIndex : n - 1;
  return {
    maxDrawdown,
    maxDrawdownAmount,
    peakIndex: maxPeakIndex,
    troughIndex: maxTroughIndex,
    recoveryIndex: maxRecoveryIndex,
    peakTs: maxPeakTs,
    troughTs: hasDrawdown ? (ts[maxTroughIndex] as number) : Number.NaN,
    recoveryTs: recovered ? (ts[maxRecoveryIndex] as number) : Number.NaN,
    durationBars: hasDrawdown ? endIndex - maxPeakIndex : 0,
    durationMs: hasDrawdown ? (ts[endIndex] as number) - maxPeakTs : 0,
    longestDurationBars: longestBars,
    longestDurationMs: longestMs,
  };
}

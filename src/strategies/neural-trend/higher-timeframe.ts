/**
 * The higher timeframe of neural-trend: a rolling resample of the base closes that ends at the latest bar. Its
 * bar k back closes at base bar `last − k × every`, so the value at each higher bar is the base close there
 * (what a higher-timeframe bar's close is) and the newest higher bar always ends at the decision bar, whatever
 * the calendar phase. Training (walk-forward-schedule.ts) and forecasting (strategy.ts) sample the same way.
 */

/** Higher-timeframe bars available in base bars [first, last]: floor((last − first) / every) + 1. */
export function higherBarCount(first: number, last: number, every: number): number {
  return last < first ? 0 : Math.floor((last - first) / every) + 1;
}

/**
 * The `count` closes source[last − (count − 1 − k) × every], k = 0 .. count − 1 (oldest first), written into
 * `out` (allocated when not given, reused otherwise) and returned as a view of length `count`.
 */
export function sampleEvery(
  source: Float64Array,
  last: number,
  every: number,
  count: number,
  out: Float64Array = new Float64Array(count),
): Float64Array {
  for (let k = 0; k < count; k++) out[k] = source[last - (count - 1 - k) * every] as number;
  return out.subarray(0, count);
}

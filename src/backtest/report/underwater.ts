/**
 * Underwater (drawdown) series of an equity curve, as PerformanceAnalytics' `Drawdowns` (geometric):
 *
 *   d_t = E_t / max(E_0 … E_t) - 1   (≤ 0; 0 at a new high)
 *
 * A non-finite equity value yields NaN at that point and does not move the running peak; while the running
 * peak is not positive (an account that never had positive equity) the ratio has no meaning and is NaN.
 */
export function underwaterSeries(equity: Float64Array): Float64Array {
  const n = equity.length;
  const out = new Float64Array(n);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const value = equity[i] as number;
    if (!Number.isFinite(value)) {
      out[i] = Number.NaN;
      continue;
    }
    if (value > peak) peak = value;
    out[i] = peak > 0 ? value / peak - 1 : Number.NaN;
  }
  return out;
}

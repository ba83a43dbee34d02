/**
 * A 10-bar daily series worked by hand (scale 252), used to cross-check the metrics against the published
 * formulas. Returns r = [0.02, −0.01, 0.03, −0.02, 0.01, 0, 0.04, −0.03, 0.02, 0.01], from 100.
 *
 * Mean: Σr = 0.07, so mean = 0.007.
 * Deviations r − 0.007: 0.013, −0.017, 0.023, −0.027, 0.003, −0.007, 0.033, −0.037, 0.013, 0.003.
 * Squares ×1e-6: 169, 289, 529, 729, 9, 49, 1089, 1369, 169, 9 → Σ = 4410e-6.
 * Sample variance 4410e-6 / 9 = 490e-6, sd = √0.00049 = 0.0221359436…
 * StdDev.annualized = sd × √252 = 0.3513972111…
 * SharpeRatio.annualized (arithmetic, Rf 0) = 0.007 × 252 / (sd × √252) = (0.007 / sd) √252 = √0.1 × √252
 *   = √25.2 = 5.0199601592…
 * With Rf 0.001 a bar: 0.006 × 252 / 0.35139721… = 4.3028229936…
 * DownsideDeviation (MAR 0, full n): losses −0.01, −0.02, −0.03 → (1 + 4 + 9)e-4 / 10 = 0.00014, √ = 0.01183216.
 * SortinoRatio per period = 0.007 / √0.00014 = √0.35; annualized × √252 = √88.2 = 9.3914855055…
 * Wealth Π(1 + r) = 1.0699085537513493; Return.annualized = 1.0699085…^(252/10) − 1 = 4.4895383468…
 * Geometric Sharpe = 4.4895383468 / 0.3513972111 = 12.776249225…
 * Drawdowns (wealth / running peak − 1): bar 1 −0.01 (peak bar 0, recovered bar 2); bar 3 −0.02, bars 4–5
 * −(1 − 0.98 × 1.01) = −0.0102 (peak bar 2, recovered bar 6); bar 7 −0.03, bar 8 −(1 − 0.97 × 1.02) = −0.0106,
 * bar 9 −(1 − 0.9894 × 1.01) = −0.000706 (peak bar 6, never recovered).
 * maxDrawdown = 0.03 (peak bar 6, trough bar 7, unrecovered: 9 − 6 = 3 bars); longest episode bar 2 → bar 6,
 * 4 bars. In money: 107.0664442848 × 0.03 = 3.211993328544. CalmarRatio = 4.4895383468 / 0.03 = 149.65127…
 */
export const TEN_BAR_RETURNS: readonly number[] = [
  0.02, -0.01, 0.03, -0.02, 0.01, 0, 0.04, -0.03, 0.02, 0.01,
];
export const TEN_BAR_START = 100;
export const TEN_BAR_SCALE = 252;
export const DAY_MS = 86_400_000;

/** Equity levels from compounding TEN_BAR_RETURNS on TEN_BAR_START. */
export function tenBarEquity(): Float64Array {
  const equity = new Float64Array(TEN_BAR_RETURNS.length);
  let level = TEN_BAR_START;
  TEN_BAR_RETURNS.forEach((r, t) => {
    level *= 1 + r;
    equity[t] = level;
  });
  return equity;
}

/** One timestamp a day from 2024-01-02 (the starting equity is dated one day before the first bar). */
export function tenBarTimestamps(): Float64Array {
  const first = Date.UTC(2024, 0, 2);
  return Float64Array.from(TEN_BAR_RETURNS, (_, t) => first + t * DAY_MS);
}

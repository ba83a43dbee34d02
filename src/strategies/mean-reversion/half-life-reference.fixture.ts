/**
 * Reference half-life for tests, written independently of src/stats: the OLS slope b of Δs_t on s_{t−1} with a
 * constant by plain centred sums (b = Sxy / Sxx), then −ln 2 / ln(1 + b), Infinity when b >= 0 (no reversion).
 */
export function referenceHalfLife(values: readonly number[]): number {
  const n = values.length - 1;
  let meanLag = 0;
  let meanChange = 0;
  for (let t = 1; t <= n; t++) {
    meanLag += (values[t - 1] as number) / n;
    meanChange += ((values[t] as number) - (values[t - 1] as number)) / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let t = 1; t <= n; t++) {
    const lag = (values[t - 1] as number) - meanLag;
    sxy += lag * ((values[t] as number) - (values[t - 1] as number) - meanChange);
    sxx += lag * lag;
  }
  const b = sxy / sxx;
  return b >= 0 ? Infinity : -Math.LN2 / Math.log(1 + b);
}

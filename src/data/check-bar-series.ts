import type { BarSeries } from './bar-series.js';

/**
 * The first bar of a series that a simulation cannot use, described with its values, or null when every bar
 * is sound: timestamps finite and strictly increasing; open, high, low, close finite with
 * 0 < low <= min(open, close) and max(open, close) <= high; volume finite and >= 0. One pass over the columns
 * (a few ns per bar), so an engine can check its data once and trust it on the per-bar path.
 */
export function findBarSeriesProblem(series: BarSeries): string | null {
  const { ts, open, high, low, close, volume } = series;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.length; i++) {
    const t = ts[i] as number;
    const o = open[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    // Comparisons with NaN are false, so each condition also refuses NaN.
    const sound =
      t > previous &&
      Number.isFinite(t) &&
      l > 0 &&
      l <= o &&
      l <= c &&
      h >= o &&
      h >= c &&
      Number.isFinite(h) &&
      v >= 0 &&
      Number.isFinite(v);
    if (!sound) return describe(series, i, previous);
    previous = t;
  }
  return null;
}

function describe(series: BarSeries, i: number, previous: number): string {
  const at = `bar ${i} of ${series.symbol} ${series.timeframe} (ts ${series.ts[i]})`;
  const t = series.ts[i] as number;
  if (!Number.isFinite(t) || !(t > previous)) {
    return `${at}: timestamps must be finite and strictly increasing, previous ts ${previous}`;
  }
  const v = series.volume[i] as number;
  if (!(v >= 0) || !Number.isFinite(v)) return `${at}: volume "${v}" must be a finite number >= 0`;
  return (
    `${at}: must satisfy 0 < low <= open, close <= high with finite prices, got open "${series.open[i]}" ` +
    `high "${series.high[i]}" low "${series.low[i]}" close "${series.close[i]}"`
  );
}

import type { BarSeries } from './bar-series.js';

export interface SeriesSummary {
  readonly symbol: string;
  readonly bars: number;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly firstClose: number;
  readonly lastClose: number;
  /** lastClose / firstClose - 1. */
  readonly totalReturn: number;
  /** Geometric annualized return: (1 + totalReturn)^(periodsPerYear / returns) - 1. */
  readonly annualizedReturn: number;
  /** Sample standard deviation (n - 1) of simple returns × sqrt(periodsPerYear) (PerformanceAnalytics' StdDev.annualized). */
  readonly annualizedVolatility: number;
  /** Largest peak-to-trough fall of the close, as a positive fraction (PerformanceAnalytics' maxDrawdown, geometric). */
  readonly maxDrawdown: number;
}

/**
 * Describes a close series: the figures a user checks first on new data. `periodsPerYear` is 252 for daily
 * bars; a series with fewer than two bars has NaN statistics.
 */
export function summarizeSeries(series: BarSeries, periodsPerYear: number): SeriesSummary {
  const n = series.length;
  const close = series.close;
  let mean = 0;
  let m2 = 0;
  let peak = n > 0 ? (close[0] as number) : Number.NaN;
  let maxDrawdown = 0;
  for (let i = 1; i < n; i++) {
    const price = close[i] as number;
    const r = price / (close[i - 1] as number) - 1;
    // Welford's update: one pass, numerically stable.
    const delta = r - mean;
    mean += delta / i;
    m2 += delta * (r - mean);
    if (price > peak) peak = price;
    const drawdown = 1 - price / peak;
    if (drawdown > maxDrawdown) maxDrawdown = drawdown;
  }
  const returns = n - 1;
  const firstClose = n > 0 ? (close[0] as number) : Number.NaN;
  const lastClose = n > 0 ? (close[n - 1] as number) : Number.NaN;
  const totalReturn = lastClose / firstClose - 1;
  return {
    symbol: series.symbol,
    bars: n,
    firstTs: series.firstTs,
    lastTs: series.lastTs,
    firstClose,
    lastClose,
    totalReturn: returns >= 1 ? totalReturn : Number.NaN,
    annualizedReturn: returns >= 1 ? Math.pow(1 + totalReturn, periodsPerYear / returns) - 1 : Number.NaN,
    annualizedVolatility: returns >= 2 ? Math.sqrt((m2 / (returns - 1)) * periodsPerYear) : Number.NaN,
    maxDrawdown: returns >= 1 ? maxDrawdown : Number.NaN,
  };
}

import { mean } from '../../stats/moments.js';
import { annualizedReturn, annualizedVolatility, assertPeriodsPerYear } from './annualized.js';

/**
 * Risk-adjusted ratios as PerformanceAnalytics defines them. A zero or undefined denominator (flat equity, no
 * return below the minimum acceptable return, no drawdown, fewer than two returns) gives NaN, never ±Infinity:
 * the ratio is undefined, and NaN keeps an "infinitely good" flat or monotone curve out of rankings.
 */
export const SHARPE_METHODS = ['arithmetic', 'geometric'] as const;
export type SharpeMethod = (typeof SHARPE_METHODS)[number];

/**
 * Annualized Sharpe ratio, PerformanceAnalytics SharpeRatio.annualized(R, Rf, scale, geometric), with
 * rf the per-period risk-free rate and σ_a = sd(r) × √scale (sample sd of the raw returns):
 * - arithmetic: mean(r − rf) × scale / σ_a
 * - geometric:  (Π(1 + r − rf)^(scale/n) − 1) / σ_a
 */
export function sharpeRatio(
  returns: Float64Array,
  periodsPerYear: number,
  riskFreePerPeriod = 0,
  method: SharpeMethod = 'arithmetic',
): number {
  const volatility = annualizedVolatility(returns, periodsPerYear);
  if (!(volatility > 0)) return Number.NaN;
  const excess =
    method === 'geometric'
      ? annualizedReturn(returns, periodsPerYear, riskFreePerPeriod)
      : (mean(returns) - riskFreePerPeriod) * periodsPerYear;
  return excess / volatility;
}

/**
 * Downside deviation, PerformanceAnalytics DownsideDeviation(R, MAR, method = "full"):
 * √(Σ min(r_t − MAR, 0)² / n) with n the count of all returns (not only those below MAR). Per period.
 */
export function downsideDeviation(returns: Float64Array, minimumAcceptablePerPeriod = 0): number {
  const n = returns.length;
  if (n === 0) return Number.NaN;
  let sumOfSquares = 0;
  for (let t = 0; t < n; t++) {
    const shortfall = (returns[t] as number) - minimumAcceptablePerPeriod;
    if (shortfall < 0) sumOfSquares += shortfall * shortfall;
  }
  return Math.sqrt(sumOfSquares / n);
}

/**
 * Annualized Sortino ratio. PerformanceAnalytics SortinoRatio(R, MAR) is per period:
 * mean(r − MAR) / DownsideDeviation(R, MAR) (full n); we annualize it as the Sharpe ratio is annualized,
 * mean × scale over deviation × √scale, i.e. the per-period ratio × √scale.
 */
export function sortinoRatio(
  returns: Float64Array,
  periodsPerYear: number,
  minimumAcceptablePerPeriod = 0,
): number {
  assertPeriodsPerYear(periodsPerYear);
  const deviation = downsideDeviation(returns, minimumAcceptablePerPeriod);
  if (!(deviation > 0)) return Number.NaN;
  return ((mean(returns) - minimumAcceptablePerPeriod) / deviation) * Math.sqrt(periodsPerYear);
}

/**
 * Calmar ratio, PerformanceAnalytics CalmarRatio: Return.annualized (geometric) / |maxDrawdown|, the
 * drawdown as a fraction. NaN when there was no drawdown.
 */
export function calmarRatio(annualized: number, maxDrawdown: number): number {
  return maxDrawdown > 0 ? annualized / maxDrawdown : Number.NaN;
}

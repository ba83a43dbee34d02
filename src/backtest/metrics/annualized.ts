import { InvalidInputError, quote } from '../../core/errors.js';
import { standardDeviation } from '../../stats/moments.js';

/** Throws unless `periodsPerYear` (PerformanceAnalytics' `scale`) is a finite number > 0. */
export function assertPeriodsPerYear(periodsPerYear: number): void {
  if (!(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    throw new InvalidInputError(`periods per year ${quote(periodsPerYear)} must be a finite number > 0`);
  }
}

/**
 * Per-period equivalent of an annual rate, compounded: r_p = (1 + r_annual)^(1/scale) − 1. Used for the
 * risk-free rate and the minimum acceptable return, which users state per year.
 */
export function periodRate(annualRate: number, periodsPerYear: number): number {
  assertPeriodsPerYear(periodsPerYear);
  if (!(Number.isFinite(annualRate) && annualRate > -1)) {
    throw new InvalidInputError(`annual rate ${quote(annualRate)} must be a finite number > -1`);
  }
  return Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}

/** Total compounded return Π(1 + r_t − shift) − 1 (NaN for no returns). `shift` is a per-period rate. */
export function totalReturn(returns: Float64Array, shift = 0): number {
  if (returns.length === 0) return Number.NaN;
  let growth = 1;
  for (let t = 0; t < returns.length; t++) growth *= 1 + (returns[t] as number) - shift;
  return growth - 1;
}

/**
 * Geometric annualized return, PerformanceAnalytics Return.annualized(geometric = TRUE):
 * Π(1 + r_t)^(scale / n) − 1, with n the number of returns. `shift` (a per-period rate) is subtracted from each
 * return first, as Return.excess does. NaN for no returns.
 */
export function annualizedReturn(returns: Float64Array, periodsPerYear: number, shift = 0): number {
  assertPeriodsPerYear(periodsPerYear);
  const n = returns.length;
  if (n === 0) return Number.NaN;
  return Math.pow(1 + totalReturn(returns, shift), periodsPerYear / n) - 1;
}

/**
 * Annualized volatility, PerformanceAnalytics StdDev.annualized: sd(r) × √scale with the sample standard
 * deviation (n − 1 denominator). NaN for fewer than two returns.
 */
export function annualizedVolatility(returns: Float64Array, periodsPerYear: number): number {
  assertPeriodsPerYear(periodsPerYear);
  return standardDeviation(returns) * Math.sqrt(periodsPerYear);
}

import { InvalidInputError, quote } from '../../core/errors.js';
import { assertPeriodsPerYear } from './annualized.js';

/**
 * Single-factor (CAPM) regression of the strategy on a benchmark, as PerformanceAnalytics computes it, on
 * excess returns x_t = r_t − rf and y_t = b_t − rf (rf per period), pairs with a NaN on either side dropped
 * (na.omit):
 * - beta, CAPM.beta: cov(x, y) / var(y) (both sample; the n − 1 cancels);
 * - alpha per period, CAPM.alpha: the OLS intercept of x on y, mean(x) − beta × mean(y);
 * - annualized alpha, as table.SFM reports it: (1 + alpha)^scale − 1.
 * Fewer than two pairs, or a benchmark without variance, gives NaN for all three.
 */
export interface CapmResult {
  readonly alpha: number;
  readonly annualizedAlpha: number;
  readonly beta: number;
}

/** `benchmarkReturns[t]` is the benchmark's simple return over the same bar as `returns[t]`. */
export function capmAlphaBeta(
  returns: Float64Array,
  benchmarkReturns: Float64Array,
  periodsPerYear: number,
  riskFreePerPeriod = 0,
): CapmResult {
  assertPeriodsPerYear(periodsPerYear);
  if (benchmarkReturns.length !== returns.length) {
    throw new InvalidInputError(
      `benchmark return count ${quote(benchmarkReturns.length)} must equal the strategy return count ${returns.length}`,
    );
  }
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  for (let t = 0; t < returns.length; t++) {
    const x = returns[t] as number;
    const y = benchmarkReturns[t] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    count++;
    sumX += x - riskFreePerPeriod;
    sumY += y - riskFreePerPeriod;
  }
  const meanX = sumX / count;
  const meanY = sumY / count;
  // Second pass on centred values: more accurate than Σxy − n·x̄·ȳ when returns are small and alike.
  let covariance = 0;
  let varianceY = 0;
  for (let t = 0; t < returns.length; t++) {
    const x = returns[t] as number;
    const y = benchmarkReturns[t] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    const dx = x - riskFreePerPeriod - meanX;
    const dy = y - riskFreePerPeriod - meanY;
    covariance += dx * dy;
    varianceY += dy * dy;
  }
  if (count < 2 || !(varianceY > 0)) {
    return { alpha: Number.NaN, annualizedAlpha: Number.NaN, beta: Number.NaN };
  }
  const beta = covariance / varianceY;
  const alpha = meanX - beta * meanY;
  return { alpha, annualizedAlpha: Math.pow(1 + alpha, periodsPerYear) - 1, beta };
}

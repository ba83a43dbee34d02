import { InvalidInputError, quote } from '../core/errors.js';
import type { OlsResult } from './ols.js';
import { ordinaryLeastSquares } from './ols.js';

export interface HalfLifeResult {
  /** Periods for a deviation from the mean to halve: −ln 2 / ln(1 + b); Infinity when b ≥ 0, NaN when b ≤ −1. */
  readonly halfLife: number;
  /** Intercept a of Δs_t = a + b s_{t−1} + ε_t. */
  readonly intercept: number;
  /** Slope b (the speed of mean reversion; negative when the series reverts). */
  readonly slope: number;
  /** The AR(1) coefficient φ = 1 + b of s_t = a + φ s_{t−1} + ε_t. */
  readonly autoregressiveCoefficient: number;
  /** Long-run mean implied by the fit: −a / b. */
  readonly longRunMean: number;
  /** t-value of b (note: under H0 b = 0 it follows the Dickey-Fuller, not Student's, distribution). */
  readonly slopeTValue: number;
  readonly regression: OlsResult;
}

/**
 * Half-life of mean reversion of a spread s (an AR(1) / discretised Ornstein-Uhlenbeck process). OLS of
 * Δs_t = s_t − s_{t−1} on a constant and s_{t−1} for t = 1..n−1 gives b; the deviation from the mean then
 * decays as (1 + b)^k, which halves after k = −ln 2 / ln(1 + b) periods. (The common continuous-time
 * approximation −ln 2 / b is the first-order expansion of this for small b.) A non-reverting fit (b ≥ 0) gives
 * Infinity; b ≤ −1 (overshooting every period, no monotone decay) gives NaN.
 */
export function halfLife(spread: Float64Array): HalfLifeResult {
  const n = spread.length;
  if (n < 3) throw new InvalidInputError(`half-life needs at least 3 observations, got ${quote(n)}`);
  const lagged = spread.slice(0, n - 1);
  const change = new Float64Array(n - 1);
  for (let t = 1; t < n; t++) change[t - 1] = (spread[t] as number) - (spread[t - 1] as number);
  const regression = ordinaryLeastSquares(change, [lagged]);
  const intercept = regression.params[0] as number;
  const slope = regression.params[1] as number;
  const phi = 1 + slope;
  const value = slope >= 0 ? Infinity : phi <= 0 ? Number.NaN : -Math.LN2 / Math.log(phi);
  return {
    halfLife: value,
    intercept,
    slope,
    autoregressiveCoefficient: phi,
    longRunMean: -intercept / slope,
    slopeTValue: regression.tValues[1] as number,
    regression,
  };
}

import { InvalidInputError, quote } from '../core/errors.js';
import { householderQr, inverseGramDiagonal, solveLeading } from './householder-qr.js';

export interface OlsOptions {
  /**
   * Prepend a column of ones, so `params[0]` is the intercept (statsmodels `add_constant(x, prepend=True)`).
   * Default true.
   */
  readonly intercept?: boolean;
}

/**
 * An ordinary-least-squares fit, with every statistic defined as statsmodels' `OLS(y, X).fit()` defines it
 * (n = nobs, k = number of columns of X, which must have full rank):
 * - `params` β = argmin ‖y − Xβ‖², computed from a Householder QR of X (never from X'X).
 * - `residuals` e = y − Xβ; `sumSquaredResiduals` SSR = e'e; `scale` σ̂² = SSR / (n − k).
 * - `standardErrors` = √(σ̂² · diag((X'X)⁻¹)); `tValues` = β / se.
 * - `hasConstant`: X holds a constant column (the added intercept, or a constant non-zero regressor). It picks
 *   the R² flavour and the degrees of freedom, as statsmodels' `k_constant` does.
 * - `rSquared` = 1 − SSR/Σ(y − ȳ)² with a constant, 1 − SSR/Σy² (uncentered) without one.
 * - `adjustedRSquared` = 1 − (n − kc)/(n − k) · (1 − R²), kc = 1 with a constant, else 0.
 * - `logLikelihood` (Gaussian, profiled over σ²) = −n/2 · ln(2π) − n/2 · ln(SSR/n) − n/2.
 * - `aic` = −2 llf + 2k; `bic` = −2 llf + ln(n) · k.
 * - `dfModel` = k − kc; `dfResidual` = n − k.
 */
export interface OlsResult {
  readonly params: Float64Array;
  readonly standardErrors: Float64Array;
  readonly tValues: Float64Array;
  readonly residuals: Float64Array;
  readonly fittedValues: Float64Array;
  readonly nobs: number;
  readonly dfModel: number;
  readonly dfResidual: number;
  readonly hasConstant: boolean;
  readonly sumSquaredResiduals: number;
  readonly scale: number;
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
}

/**
 * Regresses `y` on `regressors` (one Float64Array per column, each as long as y), plus an intercept unless
 * `options.intercept` is false. Throws InvalidInputError on NaN/infinite input, mismatched lengths, fewer
 * observations than columns, or (almost) collinear columns.
 */
export function ordinaryLeastSquares(
  y: Float64Array,
  regressors: readonly Float64Array[],
  options: OlsOptions = {},
): OlsResult {
  const n = y.length;
  const columns: Float64Array[] = [];
  if (options.intercept ?? true) columns.push(new Float64Array(n).fill(1));
  columns.push(...regressors);
  requireFinite('y', y);
  regressors.forEach((column, index) => requireFinite(`regressor ${index}`, column));
  const k = columns.length;
  if (n <= k) {
    throw new InvalidInputError(
      `a regression with ${k} coefficients needs more than ${k} observations, got ${quote(n)}`,
    );
  }

  const qr = householderQr(y, columns);
  const params = solveLeading(qr, k);
  const fittedValues = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const column = columns[j] as Float64Array;
    const beta = params[j] as number;
    for (let i = 0; i < n; i++) fittedValues[i] = (fittedValues[i] as number) + beta * (column[i] as number);
  }
  const residuals = new Float64Array(n);
  let ssr = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const e = (y[i] as number) - (fittedValues[i] as number);
    residuals[i] = e;
    ssr += e * e;
    sumY += y[i] as number;
  }
  const meanY = sumY / n;
  let centeredTss = 0;
  let uncenteredTss = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    centeredTss += (v - meanY) * (v - meanY);
    uncenteredTss += v * v;
  }

  const hasConstant = columns.some(isConstantNonZero);
  const kConstant = hasConstant ? 1 : 0;
  const dfResidual = n - k;
  const scale = ssr / dfResidual;
  const unscaled = inverseGramDiagonal(qr, k);
  const standardErrors = new Float64Array(k);
  const tValues = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    standardErrors[j] = Math.sqrt(scale * (unscaled[j] as number));
    tValues[j] = (params[j] as number) / (standardErrors[j] as number);
  }
  const rSquared = 1 - ssr / (hasConstant ? centeredTss : uncenteredTss);
  const logLikelihood = gaussianLogLikelihood(ssr, n);
  return {
    params,
    standardErrors,
    tValues,
    residuals,
    fittedValues,
    nobs: n,
    dfModel: k - kConstant,
    dfResidual,
    hasConstant,
    sumSquaredResiduals: ssr,
    scale,
    rSquared,
    adjustedRSquared: 1 - ((n - kConstant) / dfResidual) * (1 - rSquared),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * k,
    bic: -2 * logLikelihood + Math.log(n) * k,
  };
}

/** statsmodels' profile Gaussian log-likelihood of a least-squares fit, in its order of operations. */
export function gaussianLogLikelihood(ssr: number, nobs: number): number {
  const half = nobs / 2;
  return -half * Math.log(2 * Math.PI) - half * Math.log(ssr / nobs) - half;
}

function isConstantNonZero(column: Float64Array): boolean {
  const first = column[0];
  if (first === undefined || first === 0) return false;
  for (let i = 1; i < column.length; i++) if (column[i] !== first) return false;
  return true;
}

function requireFinite(name: string, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InvalidInputError(`${name} value ${quote(values[i])} at index ${i} must be a finite number`);
    }
  }
}

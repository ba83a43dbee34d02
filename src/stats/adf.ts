import { InvalidInputError, quote } from '../core/errors.js';
import { householderQr } from './householder-qr.js';
import type { CriticalValues, MackinnonRegression } from './mackinnon.js';
import { MACKINNON_REGRESSIONS, mackinnonCriticalValues, mackinnonPValue } from './mackinnon.js';
import { gaussianLogLikelihood, ordinaryLeastSquares } from './ols.js';

export const AUTOLAG_METHODS = ['aic', 'bic', 't-stat'] as const;
export type AutolagMethod = (typeof AUTOLAG_METHODS)[number];
export type AdfRegression = MackinnonRegression;

export interface AdfOptions {
  /** Deterministic terms: 'c' constant (default), 'ct' constant + trend, 'ctt' + quadratic trend, 'n' none. */
  readonly regression?: AdfRegression;
  /** Largest lag considered. Default: ⌈12 (n/100)^¼⌉, capped at ⌊n/2⌋ − ntrend − 1 (Schwert 1989, as statsmodels). */
  readonly maxLag?: number;
  /** Lag selection among 0..maxLag: 'aic' (default), 'bic', 't-stat'; null uses exactly maxLag lags. */
  readonly autolag?: AutolagMethod | null;
  /** A fixed number of lags: shorthand for `{ maxLag: lags, autolag: null }` (do not combine with those). */
  readonly lags?: number;
}

export interface AdfResult {
  /** τ = t-value of γ in the test regression (see augmentedDickeyFuller). */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value, N = 1. */
  readonly pValue: number;
  readonly criticalValues: CriticalValues;
  /** Lags of Δx in the final regression. */
  readonly usedLag: number;
  /** Observations in the final regression: n − 1 − usedLag. */
  readonly nobs: number;
  /** The maxLag searched (or used, when fixed). */
  readonly maxLag: number;
  /** Best AIC / BIC of the search, or |t| of the last lag kept for 't-stat'; null for fixed lags. */
  readonly icBest: number | null;
  readonly regression: AdfRegression;
}

/** The one-sided 5% normal quantile statsmodels uses to stop the 't-stat' search. */
const T_STAT_STOP = 1.6448536269514722;

/**
 * Augmented Dickey-Fuller unit-root test, a step-by-step port of statsmodels 0.13 `adfuller(x, maxlag,
 * regression, autolag)`; its statistic, p-value, critical values, lag and nobs agree with statsmodels (the
 * fixtures in test/fixtures/stats check 1e-8). H0: x has a unit root; small p-values reject it.
 *
 * Test regression, for p lags and t = p+1 … n−1 (0-based, so nobs = n − 1 − p):
 *   Δx_t = γ x_{t−1} + Σ_{j=1..p} φ_j Δx_{t−j} + deterministic terms + ε_t
 * with deterministic terms none ('n'), c ('c'), c + δ·s ('ct'), c + δ·s + δ₂·s² ('ctt'), s = 1..nobs.
 *
 * Lag selection (autolag) works like statsmodels: every p in 0..maxLag is fitted on the same sample (the
 * one maxLag leaves, so the criteria are comparable) and the p with the smallest AIC or BIC wins (ties to the
 * smaller p); 't-stat' starts at maxLag and drops lags until the last one has |t| ≥ 1.645. The test
 * regression is then refitted with the chosen p on its own, longer, sample, and that fit gives τ and nobs.
 * AIC = −2 llf + 2k and BIC = −2 llf + k ln(nobs), k = the number of coefficients (see ols.ts).
 */
export function augmentedDickeyFuller(x: Float64Array, options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? 'c';
  if (!(MACKINNON_REGRESSIONS as readonly string[]).includes(regression)) {
    throw new InvalidInputError(
      `ADF regression ${quote(regression)} must be one of ${MACKINNON_REGRESSIONS.join(', ')}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]))
      throw new InvalidInputError(`ADF input value ${quote(x[i])} at index ${i} must be finite`);
  }
  const n = x.length;
  const trendCount = regression === 'n' ? 0 : regression.length;
  const lagCap = Math.floor(n / 2) - trendCount - 1;
  const { maxLag, autolag } = resolveLags(options, n, lagCap);

  const diff = new Float64Array(Math.max(0, n - 1));
  for (let t = 0; t + 1 < n; t++) diff[t] = (x[t + 1] as number) - (x[t] as number);

  let usedLag = maxLag;
  let icBest: number | null = null;
  if (autolag !== null) {
    const search = searchLag(x, diff, regression, maxLag, autolag);
    usedLag = search.lag;
    icBest = search.icBest;
  }

  const design = buildDesign(x, diff, regression, usedLag, usedLag);
  // statsmodels orders the final regression as [level, lags…, deterministic terms]; τ does not depend on it.
  const regressors = [...design.columns.slice(trendCount), ...design.columns.slice(0, trendCount)];
  const fit = ordinaryLeastSquares(design.y, regressors, { intercept: false });
  const statistic = fit.tValues[0] as number;
  return {
    statistic,
    pValue: mackinnonPValue(statistic, regression, 1),
    criticalValues: mackinnonCriticalValues(1, regression, design.y.length),
    usedLag,
    nobs: design.y.length,
    maxLag,
    icBest,
    regression,
  };
}

function resolveLags(
  options: AdfOptions,
  n: number,
  lagCap: number,
): { readonly maxLag: number; readonly autolag: AutolagMethod | null } {
  if (options.lags !== undefined) {
    if (options.maxLag !== undefined || (options.autolag !== undefined && options.autolag !== null)) {
      throw new InvalidInputError('ADF lags (fixed) cannot be combined with maxLag or autolag');
    }
  }
  const autolag = options.lags !== undefined ? null : options.autolag === undefined ? 'aic' : options.autolag;
  if (autolag !== null && !(AUTOLAG_METHODS as readonly string[]).includes(autolag)) {
    throw new InvalidInputError(
      `ADF autolag ${quote(autolag)} must be one of ${AUTOLAG_METHODS.join(', ')} or null`,
    );
  }
  const requested = options.lags ?? options.maxLag;
  if (requested === undefined) {
    const schwert = Math.ceil(12 * Math.pow(n / 100, 1 / 4));
    const maxLag = Math.min(lagCap, schwert);
    if (maxLag < 0) {
      throw new InvalidInputError(
        `ADF input of ${quote(n)} observations is too short for the regression's terms`,
      );
    }
    return { maxLag, autolag };
  }
  if (!Number.isInteger(requested) || requested < 0) {
    throw new InvalidInputError(`ADF lag count ${quote(requested)} must be an integer >= 0`);
  }
  if (requested > lagCap) {
    throw new InvalidInputError(
      `ADF lag count ${quote(requested)} must be at most ${lagCap} (n/2 - 1 - number of deterministic terms) for ${n} observations`,
    );
  }
  return { maxLag: requested, autolag };
}

interface Design {
  readonly y: Float64Array;
  /** [deterministic terms…, level x_{t−1}, Δx_{t−1}, …, Δx_{t−lags}] */
  readonly columns: Float64Array[];
}

/** The regression sample that `sampleLag` leaves (rows t = sampleLag … n−2 of Δx), with `lags` lag columns. */
function buildDesign(
  x: Float64Array,
  diff: Float64Array,
  regression: AdfRegression,
  lags: number,
  sampleLag: number,
): Design {
  const nobs = diff.length - sampleLag;
  const columns: Float64Array[] = [];
  if (regression !== 'n') columns.push(new Float64Array(nobs).fill(1));
  if (regression === 'ct' || regression === 'ctt')
    columns.push(Float64Array.from({ length: nobs }, (_, s) => s + 1));
  if (regression === 'ctt') columns.push(Float64Array.from({ length: nobs }, (_, s) => (s + 1) * (s + 1)));
  columns.push(x.slice(sampleLag, sampleLag + nobs));
  for (let j = 1; j <= lags; j++) columns.push(diff.slice(sampleLag - j, sampleLag - j + nobs));
  return { y: diff.slice(sampleLag), columns };
}

/**
 * Fits p = 0..maxLag on the common sample from one QR: the columns are ordered so that the model with p lags
 * is the first (trend terms + 1 + p) columns, whose SSR the factorization gives directly.
 */
function searchLag(
  x: Float64Array,
  diff: Float64Array,
  regression: AdfRegression,
  maxLag: number,
  method: AutolagMethod,
): { readonly lag: number; readonly icBest: number } {
  const design = buildDesign(x, diff, regression, maxLag, maxLag);
  const qr = householderQr(design.y, design.columns);
  const nobs = design.y.length;
  const k = design.columns.length;
  const startColumns = k - maxLag; // deterministic terms + the level
  if (method === 't-stat') {
    let icBest = 0;
    let lag = maxLag;
    for (let m = k; m >= startColumns; m--) {
      // For the last of m columns, β = (Q'y)_m / R_mm and se = σ̂ / |R_mm|, so |t| = |(Q'y)_m| / σ̂.
      const sigma = Math.sqrt((qr.prefixSsr[m - 1] as number) / (nobs - m));
      icBest = Math.abs(qr.qty[m - 1] as number) / sigma;
      lag = m - startColumns;
      if (icBest >= T_STAT_STOP) break;
    }
    return { lag, icBest };
  }
  const penalty = method === 'aic' ? 2 : Math.log(nobs);
  let icBest = Infinity;
  let lag = 0;
  for (let m = startColumns; m <= k; m++) {
    const criterion = -2 * gaussianLogLikelihood(qr.prefixSsr[m - 1] as number, nobs) + penalty * m;
    if (criterion < icBest) {
      icBest = criterion;
      lag = m - startColumns;
    }
  }
  return { lag, icBest };
}

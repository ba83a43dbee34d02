import { InvalidInputError, quote } from '../../core/errors.js';
import { SeededRng } from '../../core/rng.js';
import type { SymmetricMatrix } from '../../stats/correlation-matrix.js';
import { choleskyFactor } from './cholesky.js';
import { confidenceKey, tailProbability } from './confidence.js';
import { sortedQuantile, sortedTailMean } from './sample-quantile.js';

/**
 * Monte Carlo VaR and ES of a portfolio (PerformanceAnalytics has no Monte Carlo VaR; the estimators applied
 * to the simulated returns are its historical ones, so the sign convention is the same: returns, losses
 * negative). Each path draws the assets' per-period returns from a multivariate normal N(μ, Σ) as
 * x = μ + L·z, with L the Cholesky factor of Σ and z independent standard normals from a SeededRng (same seed,
 * same numbers on every machine). Over a horizon of H periods each asset compounds, G_i = Π_t (1 + x_it),
 * and the portfolio return is Σ_i w_i (G_i − 1) (weights held fixed over the horizon). VaR is the type-7
 * quantile of the simulated portfolio returns at α = 1 − confidence and ES the mean of those below it.
 * Paths come in antithetic pairs (Hammersley & Morton 1956): path 2j uses the draws z and path 2j + 1 uses
 * −z (with an odd count the last path has no twin). Each path is still exactly N(μ, Σ); the pairs halve the
 * random draws, make the simulated mean exact for H = 1 and lower the variance of the estimates.
 * For H = 1 the portfolio return w·(μ + L·z) is computed as w·μ + (Lᵀw)·z, the same sum reassociated, in
 * O(N) per path instead of O(N²).
 * Weights may be fractions of equity (then VaR is a return) or money amounts (then VaR is in money).
 */
export interface MonteCarloVarInput {
  /** Per-period mean return of each asset. */
  readonly means: Float64Array;
  readonly covariance: SymmetricMatrix;
  readonly weights: Float64Array;
  readonly confidences: readonly number[];
  /** Number of simulated paths (≥ 100). */
  readonly paths: number;
  readonly seed: number;
  /** Periods per path (default 1). */
  readonly horizon?: number;
}

export interface MonteCarloVarResult {
  /** VaR and ES by confidence key ("0.95"), as returns (or money, with money weights); losses negative. */
  readonly var: Readonly<Record<string, number>>;
  readonly es: Readonly<Record<string, number>>;
  readonly paths: number;
  readonly horizon: number;
  readonly seed: number;
}

export function monteCarloVar(input: MonteCarloVarInput): MonteCarloVarResult {
  const { means, covariance, weights, paths, seed } = input;
  const horizon = input.horizon ?? 1;
  const n = weights.length;
  if (means.length !== n || covariance.size !== n) {
    throw new InvalidInputError(
      `Monte Carlo VaR needs as many means (${quote(means.length)}) and covariance rows (${quote(covariance.size)}) as weights (${n})`,
    );
  }
  if (!Number.isInteger(paths) || paths < 100) {
    throw new InvalidInputError(`Monte Carlo paths ${quote(paths)} must be an integer >= 100`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidInputError(`Monte Carlo horizon ${quote(horizon)} must be an integer >= 1`);
  }
  const alphas = input.confidences.map(tailProbability);
  const lower = choleskyFactor(covariance);
  const rng = new SeededRng(seed);
  const simulated = horizon === 1 ? onePeriod(lower, means, weights, paths, rng) : compounded();
  simulated.sort();
  const varByConfidence: Record<string, number> = {};
  const esByConfidence: Record<string, number> = {};
  input.confidences.forEach((confidence, i) => {
    const quantile = sortedQuantile(simulated, alphas[i] as number);
    varByConfidence[confidenceKey(confidence)] = quantile;
    esByConfidence[confidenceKey(confidence)] = sortedTailMean(simulated, quantile);
  });
  return { var: varByConfidence, es: esByConfidence, paths, horizon, seed };

  function compounded(): Float64Array {
    const out = new Float64Array(paths);
    const z = new Float64Array(n);
    // (L·z_t)_i for every period t of the pair: computed once, used with + and − by the twins.
    const shocks = new Float64Array(horizon * n);
    const growth = new Float64Array(n);
    for (let p = 0; p < paths; p += 2) {
      for (let t = 0; t < horizon; t++) {
        for (let k = 0; k < n; k++) z[k] = rng.normal();
        for (let i = 0; i < n; i++) {
          const row = i * n;
          let shock = 0;
          for (let k = 0; k <= i; k++) shock += (lower[row + k] as number) * (z[k] as number);
          shocks[t * n + i] = shock;
        }
      }
      out[p] = pathReturn(1);
      if (p + 1 < paths) out[p + 1] = pathReturn(-1);
    }
    return out;

    /** Σ_i w_i (Π_t (1 + μ_i + sign·(L·z_t)_i) − 1). */
    function pathReturn(sign: number): number {
      growth.fill(1);
      for (let t = 0; t < horizon; t++) {
        for (let i = 0; i < n; i++) {
          const x = (means[i] as number) + sign * (shocks[t * n + i] as number);
          growth[i] = (growth[i] as number) * (1 + x);
        }
      }
      let value = 0;
      for (let i = 0; i < n; i++) value += (weights[i] as number) * ((growth[i] as number) - 1);
      return value;
    }
  }
}

function onePeriod(
  lower: Float64Array,
  means: Float64Array,
  weights: Float64Array,
  paths: number,
  rng: SeededRng,
): Float64Array {
  const n = weights.length;
  let center = 0;
  for (let i = 0; i < n; i++) center += (weights[i] as number) * (means[i] as number);
  // loading_k = (Lᵀw)_k = Σ_{i ≥ k} w_i L_ik: the portfolio's exposure to the k-th independent shock.
  const loading = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    for (let k = 0; k <= i; k++) loading[k] = (loading[k] as number) + w * (lower[i * n + k] as number);
  }
  const out = new Float64Array(paths);
  for (let p = 0; p < paths; p += 2) {
    let shock = 0;
    for (let k = 0; k < n; k++) shock += (loading[k] as number) * rng.normal();
    out[p] = center + shock;
    if (p + 1 < paths) out[p + 1] = center - shock;
  }
  return out;
}

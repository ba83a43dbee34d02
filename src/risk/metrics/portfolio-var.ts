import { InvalidInputError, quote } from '../../core/errors.js';
import type { SymmetricMatrix } from '../../stats/correlation-matrix.js';
import { tailProbability } from './confidence.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';

/**
 * Gaussian portfolio VaR and ES with their marginal and component (Euler) decomposition, PerformanceAnalytics
 * VaR.Gaussian.portfolio / ES.Gaussian.portfolio (VaR(..., portfolio_method = "component")), in return terms
 * (losses negative, as everywhere in src/risk/metrics; PerformanceAnalytics' component branch reports
 * positive losses, the negatives of these numbers). With weights w, mean vector μ, covariance Σ (it uses the
 * sample cov(R)), σ_p = √(wᵀΣw), α = 1 − confidence and z = Φ⁻¹(α) < 0:
 * - VaR = wᵀμ + z·σ_p;  marginal_i = ∂VaR/∂w_i = μ_i + z·(Σw)_i/σ_p
 * - ES  = wᵀμ − σ_p·φ(z)/α;  marginal_i = μ_i − (φ(z)/α)·(Σw)_i/σ_p
 * - component_i = w_i·marginal_i. VaR and ES are homogeneous of degree 1 in w, so by Euler's theorem the
 *   components sum to the total exactly; share_i = component_i / total.
 * Weights may be fractions of equity or money amounts (then every figure is in money). A riskless portfolio
 * (σ_p = 0) has VaR = ES = wᵀμ and marginals μ_i (the σ term is dropped; the components still add up).
 */
export interface PortfolioVarInput {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariance: SymmetricMatrix;
  readonly confidence: number;
}

export interface RiskDecomposition {
  readonly total: number;
  readonly marginal: Float64Array;
  readonly component: Float64Array;
  /** component / total: fractions that sum to 1. */
  readonly share: Float64Array;
}

export interface PortfolioVarResult {
  readonly var: RiskDecomposition;
  readonly es: RiskDecomposition;
  readonly mean: number;
  readonly standardDeviation: number;
}

export function gaussianPortfolioVar(input: PortfolioVarInput): PortfolioVarResult {
  const { weights, means, covariance } = input;
  const n = weights.length;
  if (means.length !== n || covariance.size !== n) {
    throw new InvalidInputError(
      `portfolio VaR needs as many means (${quote(means.length)}) and covariance rows (${quote(covariance.size)}) as weights (${n})`,
    );
  }
  const alpha = tailProbability(input.confidence);
  const z = normalQuantile(alpha);
  const esFactor = -normalDensity(z) / alpha;
  const sigmaW = new Float64Array(n);
  let mean = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (covariance.values[i * n + j] as number) * (weights[j] as number);
    sigmaW[i] = sum;
    variance += (weights[i] as number) * sum;
    mean += (weights[i] as number) * (means[i] as number);
  }
  const sd = Math.sqrt(variance);
  return {
    var: decompose(mean + z * sd, z),
    es: decompose(mean + esFactor * sd, esFactor),
    mean,
    standardDeviation: sd,
  };

  function decompose(total: number, factor: number): RiskDecomposition {
    const marginal = new Float64Array(n);
    const component = new Float64Array(n);
    const share = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const spread = sd > 0 ? (factor * (sigmaW[i] as number)) / sd : 0;
      marginal[i] = (means[i] as number) + spread;
      component[i] = (weights[i] as number) * (marginal[i] as number);
      share[i] = (component[i] as number) / total;
    }
    return { total, marginal, component, share };
  }
}

import { InvalidInputError, quote } from '../../core/errors.js';
import { correlationMatrix, covarianceMatrix, type SymmetricMatrix } from '../../stats/correlation-matrix.js';
import { mean } from '../../stats/moments.js';
import { assertConfidence, confidenceKey } from './confidence.js';
import { monteCarloVar } from './monte-carlo-var.js';
import { portfolioReturns } from './portfolio-returns.js';
import { gaussianPortfolioVar } from './portfolio-var.js';
import { describeReturns } from './return-sample.js';
import {
  VAR_METHODS,
  sampleRiskTables,
  type RiskTable,
  type SampleVarMethod,
  type VarMethod,
} from './var-methods.js';
import { worstWindows, type StressWindow } from './worst-windows.js';

/**
 * Everything the risk metrics say about a portfolio held at constant weights over aligned return histories:
 * - VaR and ES of the portfolio return series r_p = Σ w_i r_i by each sample method (historical, gaussian,
 *   modified: PerformanceAnalytics' univariate definitions applied to r_p) and by Monte Carlo (multivariate
 *   normal with the sample means and covariance of the assets, see monte-carlo-var.ts);
 * - the Gaussian component decomposition per position (portfolio-var.ts; sample covariance, n − 1, as
 *   PerformanceAnalytics' component VaR uses, so its total differs from gaussian VaR of r_p, which uses the
 *   n-denominator σ, by the factor √((n − 1)/n));
 * - the correlation matrix of the holdings and, when asked, the worst historical windows replayed on the
 *   weights (a return per window; multiply by equity for money).
 * Returns must be finite (drop the first NaN of a price-to-return conversion before calling).
 */
export interface PortfolioRiskInput {
  readonly symbols: readonly string[];
  /** One series per symbol, all of the same length, period-aligned. */
  readonly assetReturns: readonly Float64Array[];
  /** Signed fractions of equity (or money amounts, then every figure is in money). */
  readonly weights: Float64Array;
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  readonly monteCarlo?: { readonly paths: number; readonly seed: number; readonly horizon?: number };
  readonly stressWindows?: { readonly length: number; readonly count: number };
}

export interface PositionRisk {
  readonly symbol: string;
  readonly weight: number;
  /** By confidence key: ∂VaR/∂w_i, w_i·∂VaR/∂w_i, and the same for ES (Gaussian, Euler decomposition). */
  readonly marginalVar: Readonly<Record<string, number>>;
  readonly componentVar: Readonly<Record<string, number>>;
  readonly componentEs: Readonly<Record<string, number>>;
}

export interface PortfolioRiskProfile {
  readonly observations: number;
  readonly portfolioReturns: Float64Array;
  readonly var: RiskTable;
  readonly es: RiskTable;
  /** Gaussian portfolio VaR / ES totals the components add up to, by confidence key. */
  readonly componentTotals: Readonly<Record<string, { readonly var: number; readonly es: number }>>;
  readonly positions: readonly PositionRisk[];
  readonly correlation: SymmetricMatrix;
  readonly worstWindows: readonly StressWindow[];
}

export function portfolioRiskProfile(input: PortfolioRiskInput): PortfolioRiskProfile {
  const { symbols, assetReturns, weights, confidences, methods } = input;
  if (symbols.length !== weights.length) {
    throw new InvalidInputError(`${quote(symbols.length)} symbols but ${weights.length} weights`);
  }
  if (confidences.length === 0) throw new InvalidInputError('at least one confidence level is needed');
  confidences.forEach(assertConfidence);
  for (const method of methods) {
    if (!(VAR_METHODS as readonly string[]).includes(method)) {
      throw new InvalidInputError(`VaR method ${quote(method)} must be one of ${VAR_METHODS.join(', ')}`);
    }
  }
  const returns = portfolioReturns(assetReturns, weights);
  const sample = describeReturns(returns);
  if (sample.count !== returns.length) {
    throw new InvalidInputError(`returns must be finite; ${returns.length - sample.count} are missing`);
  }
  const sampleMethods = methods.filter((m): m is SampleVarMethod => m !== 'montecarlo');
  const tables = sampleRiskTables(sample, sampleMethods, confidences);
  const varTable: RiskTable = { ...tables.var };
  const esTable: RiskTable = { ...tables.es };

  const means = Float64Array.from(assetReturns, (series) => mean(series));
  const covariance = covarianceMatrix(assetReturns);
  if (methods.includes('montecarlo')) {
    const settings = input.monteCarlo ?? { paths: 10_000, seed: 42 };
    const simulated = monteCarloVar({ means, covariance, weights, confidences, ...settings });
    varTable.montecarlo = { ...simulated.var };
    esTable.montecarlo = { ...simulated.es };
  }

  const componentTotals: Record<string, { var: number; es: number }> = {};
  const marginalVar = symbols.map((): Record<string, number> => ({}));
  const componentVar = symbols.map((): Record<string, number> => ({}));
  const componentEs = symbols.map((): Record<string, number> => ({}));
  for (const confidence of confidences) {
    const key = confidenceKey(confidence);
    const decomposition = gaussianPortfolioVar({ weights, means, covariance, confidence });
    componentTotals[key] = { var: decomposition.var.total, es: decomposition.es.total };
    symbols.forEach((_, i) => {
      (marginalVar[i] as Record<string, number>)[key] = decomposition.var.marginal[i] as number;
      (componentVar[i] as Record<string, number>)[key] = decomposition.var.component[i] as number;
      (componentEs[i] as Record<string, number>)[key] = decomposition.es.component[i] as number;
    });
  }
  const positions = symbols.map((symbol, i) => ({
    symbol,
    weight: weights[i] as number,
    marginalVar: marginalVar[i] as Record<string, number>,
    componentVar: componentVar[i] as Record<string, number>,
    componentEs: componentEs[i] as Record<string, number>,
  }));
  const stress = input.stressWindows;
  return {
    observations: returns.length,
    portfolioReturns: returns,
    var: varTable,
    es: esTable,
    componentTotals,
    positions,
    correlation: correlationMatrix(assetReturns),
    worstWindows:
      stress === undefined ? [] : worstWindows(assetReturns, weights, stress.length, stress.count),
  };
}

import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Per-period returns of a portfolio held at constant weights (rebalanced to w every period):
 * r_p,t = Σ_i w_i·r_i,t. This is the portfolio whose moments are wᵀμ and wᵀΣw, the ones the parametric
 * portfolio VaR uses (PerformanceAnalytics' Return.portfolio with rebalancing every period). A NaN asset
 * return gives a NaN portfolio return for that period. Weights may be money amounts (then P&L in money).
 */
export function portfolioReturns(assetReturns: readonly Float64Array[], weights: Float64Array): Float64Array {
  if (assetReturns.length !== weights.length) {
    throw new InvalidInputError(
      `portfolio has ${quote(weights.length)} weights but ${assetReturns.length} return series`,
    );
  }
  const length = assetReturns[0]?.length ?? 0;
  const out = new Float64Array(length);
  assetReturns.forEach((series, i) => {
    if (series.length !== length) {
      throw new InvalidInputError(
        `return series ${i} has ${quote(series.length)} observations; expected ${length} like series 0`,
      );
    }
    const w = weights[i] as number;
    for (let t = 0; t < length; t++) out[t] = (out[t] as number) + w * (series[t] as number);
  });
  return out;
}

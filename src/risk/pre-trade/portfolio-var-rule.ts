import type { InstrumentId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import { normalQuantile } from '../metrics/normal-quantile.js';
import { buildCheckContext } from './check-context.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { ReturnCovariance } from './return-covariance.js';
import { ALLOWED, deny, formatNumber, formatPercent, noReferencePrice } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface PortfolioVarConfig {
  /** One-sided confidence level, e.g. 0.95. */
  readonly confidence: number;
  /** Largest VaR after the order, as a fraction of equity. */
  readonly maxVarFraction: number;
  readonly insufficientHistory: 'allow' | 'deny';
}

/**
 * Portfolio VaR limit on the order's incremental VaR, Gaussian (parametric) and zero-mean over one bar:
 *   σ_p = √(wᵀ Σ w),  VaR = z · σ_p · equity = z · √(xᵀ Σ x),
 * w the position weights (value / equity), x = w · equity the signed position values (quantity × price), Σ
 * the covariance of bar returns (ReturnCovariance), z = Φ⁻¹(confidence). The order changes x_k by
 * d = (positionAfter − positionBefore) × referencePrice, so without recomputing the quadratic form:
 *   xᵀΣx after = xᵀΣx + 2 d (Σx)_k + d² Σ_kk,   incremental VaR = VaR after − VaR before.
 * Denied when VaR after > maxVarFraction × equity and the order raises VaR (incremental VaR > 0): an order
 * that hedges passes even above the limit. xᵀΣx and Σx are kept per portfolio snapshot, so a check costs O(1)
 * once they are known (O(n²) after each portfolio change). The zero mean is the usual convention for short
 * horizons (RiskMetrics); the full-sample VaR with mean is the metrics module's (src/risk/metrics).
 * Exposure-reducing orders pass; with too little history the `insufficientHistory` policy decides.
 */
export class PortfolioVarRule implements PreTradeRule {
  readonly name = 'portfolio-var';
  /** Φ⁻¹(confidence), Wichura's AS 241 as R's qnorm (metrics/normal-quantile.ts). */
  readonly z: number;
  private x = new Float64Array(0);
  private sigmaX = new Float64Array(0);
  private variance = Number.NaN;
  private cachedVersion = -1;
  private cachedGeneration = -1;

  constructor(
    private readonly config: PortfolioVarConfig,
    private readonly covariance: ReturnCovariance,
  ) {
    this.z = normalQuantile(config.confidence);
  }

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.reducesExposure) return ALLOWED;
    if (impact.referencePrice === null) return noReferencePrice(this.name, order);
    this.prepare(view, snapshot, order.instrumentId);
    const k = this.covariance.indexOf(order.instrumentId);
    const d = (impact.positionAfter - impact.positionBefore) * impact.referencePrice;
    const before = this.variance;
    const after = before + 2 * d * (this.sigmaX[k] as number) + d * d * this.covariance.covariance(k, k);
    if (Number.isNaN(after)) {
      if (this.config.insufficientHistory === 'allow') return ALLOWED;
      return deny(
        this.name,
        `not enough return history to measure the VaR of an order in ${order.instrumentId}`,
        {
          instrumentId: order.instrumentId,
        },
      );
    }
    const varBefore = this.z * Math.sqrt(Math.max(0, before));
    const varAfter = this.z * Math.sqrt(Math.max(0, after));
    const incremental = varAfter - varBefore;
    const limit = this.config.maxVarFraction * snapshot.equity;
    if (varAfter <= limit || incremental <= 0) return ALLOWED;
    return deny(
      this.name,
      `portfolio VaR(${formatPercent(this.config.confidence)}) after the order ${formatNumber(varAfter)} exceeds max ` +
        `${formatNumber(limit)} (${formatPercent(this.config.maxVarFraction)} of equity); the order adds ${formatNumber(incremental)}`,
      { varBefore, varAfter, incrementalVar: incremental, maxVar: limit, confidence: this.config.confidence },
    );
  }

  /** VaR of the portfolio as it stands (NaN with too little history), for monitoring. */
  portfolioVar(view: RiskView, snapshot: PortfolioSnapshot): number {
    this.prepare(view, snapshot, null);
    return this.z * Math.sqrt(Math.max(0, this.variance));
  }

  /** Brings Σ and, when the portfolio or Σ changed, x, Σx and xᵀΣx up to date. */
  private prepare(view: RiskView, snapshot: PortfolioSnapshot, extra: InstrumentId | null): void {
    const covariance = this.covariance;
    covariance.ensure(view, snapshot, extra);
    if (snapshot.version === this.cachedVersion && covariance.generation === this.cachedGeneration) return;
    const n = covariance.size;
    if (this.x.length < n) {
      this.x = new Float64Array(n * 2);
      this.sigmaX = new Float64Array(n * 2);
    }
    const x = this.x;
    x.fill(0);
    for (let slot = 0; slot < snapshot.count; slot++) {
      const i = covariance.indexOf(snapshot.instrumentIds[slot] as InstrumentId);
      x[i] = (snapshot.quantities[slot] as number) * (snapshot.prices[slot] as number);
    }
    let variance = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const xj = x[j] as number;
        if (xj !== 0) sum += covariance.covariance(i, j) * xj;
      }
      this.sigmaX[i] = sum;
      // Rows of instruments not held (x_i = 0) do not enter xᵀΣx, even when their covariances are NaN.
      if (x[i] !== 0) variance += (x[i] as number) * sum;
    }
    this.variance = variance;
    this.cachedVersion = snapshot.version;
    this.cachedGeneration = covariance.generation;
  }
}

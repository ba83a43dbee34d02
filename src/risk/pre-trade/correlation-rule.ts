import type { InstrumentId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { ReturnCovariance } from './return-covariance.js';
import { ALLOWED, deny, formatNumber } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface CorrelationConfig {
  readonly maxCorrelation: number;
  readonly insufficientHistory: 'allow' | 'deny';
}

/**
 * Correlation limit for new positions: an order that opens a position (none held in its instrument) is denied
 * when, for some held instrument j, the directional correlation
 *   ρ_kj × sign(order) × sign(Q_j),   ρ_kj = Σ_kj / √(Σ_kk Σ_jj)
 * (Pearson correlation of bar returns, ReturnCovariance) exceeds maxCorrelation. Directional, because buying
 * something that moves with a long holding doubles the bet while shorting it is a hedge. The largest one is
 * reported. Orders in instruments already held pass (other rules bound their size). With too little history
 * for a pair the `insufficientHistory` policy decides.
 */
export class CorrelationRule implements PreTradeRule {
  readonly name = 'correlation';
  private rows = new Int32Array(0);
  private weights = new Float64Array(0);
  private cachedVersion = -1;
  private cachedGeneration = -1;

  constructor(
    private readonly config: CorrelationConfig,
    private readonly covariance: ReturnCovariance,
  ) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.positionBefore !== 0 || snapshot.count === 0) return ALLOWED;
    const covariance = this.covariance;
    covariance.ensure(view, snapshot, order.instrumentId);
    this.prepare(snapshot);
    const k = covariance.indexOf(order.instrumentId);
    const scaleK = (order.side === 'buy' ? 1 : -1) / Math.sqrt(covariance.covariance(k, k));
    let worst = -Infinity;
    let worstSlot = -1;
    let missing = -1;
    for (let slot = 0; slot < snapshot.count; slot++) {
      // ρ_kj × sign(order) × sign(Q_j) = Σ_kj × [sign(order) / √Σ_kk] × [sign(Q_j) / √Σ_jj]
      const directional =
        covariance.covariance(k, this.rows[slot] as number) * scaleK * (this.weights[slot] as number);
      if (Number.isNaN(directional)) {
        if (missing < 0) missing = slot;
      } else if (directional > worst) {
        worst = directional;
        worstSlot = slot;
      }
    }
    if (worst > this.config.maxCorrelation) {
      const held = snapshot.instrumentIds[worstSlot] as InstrumentId;
      return deny(
        this.name,
        `new ${order.side === 'buy' ? 'long' : 'short'} position in ${order.instrumentId} has directional correlation ` +
          `${formatNumber(worst)} with the position in ${held}, above max ${formatNumber(this.config.maxCorrelation)}`,
        {
          instrumentId: order.instrumentId,
          heldInstrumentId: held,
          correlation: worst,
          maxCorrelation: this.config.maxCorrelation,
        },
      );
    }
    if (missing >= 0 && this.config.insufficientHistory === 'deny') {
      const held = snapshot.instrumentIds[missing] as InstrumentId;
      return deny(this.name, `not enough return history to correlate ${order.instrumentId} with ${held}`, {
        instrumentId: order.instrumentId,
        heldInstrumentId: held,
      });
    }
    return ALLOWED;
  }

  /** Per held slot: its covariance row and sign(Q_j) / √Σ_jj, kept until the portfolio or Σ changes. */
  private prepare(snapshot: PortfolioSnapshot): void {
    const covariance = this.covariance;
    if (snapshot.version === this.cachedVersion && covariance.generation === this.cachedGeneration) return;
    if (this.rows.length < snapshot.count) {
      this.rows = new Int32Array(snapshot.count * 2);
      this.weights = new Float64Array(snapshot.count * 2);
    }
    for (let slot = 0; slot < snapshot.count; slot++) {
      const j = covariance.indexOf(snapshot.instrumentIds[slot] as InstrumentId);
      this.rows[slot] = j;
      this.weights[slot] =
        Math.sign(snapshot.quantities[slot] as number) / Math.sqrt(covariance.covariance(j, j));
    }
    this.cachedVersion = snapshot.version;
    this.cachedGeneration = covariance.generation;
  }
}

import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber, noReferencePrice } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface LeverageConfig {
  readonly maxGross?: number | undefined;
  readonly maxNet?: number | undefined;
}

/**
 * Gross and net leverage after the order, with the order's instrument revalued at the reference price:
 *   gross' = G − |Q| × p + |positionAfter| × r,   net' = N − Q × p + positionAfter × r,
 *   gross leverage = gross' / equity <= maxGross,  net leverage = |net'| / equity <= maxNet,
 * G and N the portfolio's gross (Σ|q·p|) and net (Σ q·p) exposure, Q and p the instrument's position and
 * price now, r the order's reference price. Denials are named `max-gross-leverage` / `max-net-leverage`.
 * With equity <= 0 any order that adds exposure is denied. Exposure-reducing orders always pass.
 */
export class LeverageRule implements PreTradeRule {
  readonly name = 'leverage';

  constructor(private readonly config: LeverageConfig) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.reducesExposure) return ALLOWED;
    const reference = impact.referencePrice;
    if (reference === null) return noReferencePrice(this.name, order);
    const equity = snapshot.equity;
    const slot = snapshot.slotOf(order.instrumentId);
    const held = slot < 0 ? 0 : (snapshot.quantities[slot] as number);
    const price = slot < 0 ? 0 : (snapshot.prices[slot] as number);
    const after = impact.positionAfter;
    const gross = snapshot.grossExposure - Math.abs(held) * price + Math.abs(after) * reference;
    const net = snapshot.netExposure - held * price + after * reference;
    if (!(equity > 0)) {
      const rule = this.config.maxGross !== undefined ? 'max-gross-leverage' : 'max-net-leverage';
      return deny(rule, `equity ${formatNumber(equity)} is not positive: no exposure may be added`, {
        equity,
        grossExposure: gross,
      });
    }
    const { maxGross, maxNet } = this.config;
    if (maxGross !== undefined && gross / equity > maxGross) {
      return deny(
        'max-gross-leverage',
        `gross leverage after the order ${formatNumber(gross / equity)} exceeds max ${formatNumber(maxGross)} ` +
          `(gross exposure ${formatNumber(gross)}, equity ${formatNumber(equity)})`,
        { grossLeverage: gross / equity, maxGross, grossExposure: gross, equity },
      );
    }
    if (maxNet !== undefined && Math.abs(net) / equity > maxNet) {
      return deny(
        'max-net-leverage',
        `net leverage after the order ${formatNumber(Math.abs(net) / equity)} exceeds max ${formatNumber(maxNet)} ` +
          `(net exposure ${formatNumber(net)}, equity ${formatNumber(equity)})`,
        { netLeverage: Math.abs(net) / equity, maxNet, netExposure: net, equity },
      );
    }
    return ALLOWED;
  }
}

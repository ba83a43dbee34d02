import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

/**
 * Short-sale permission: a sell whose positionAfter (order-impact.ts: the position if it and the other open
 * sells all fill) is below zero needs its instrument in the `shortable` list. The list lives in the
 * configuration because the Instrument model has no borrow flag. Buys, and sells that stay within a long
 * position, always pass.
 */
export class ShortSaleRule implements PreTradeRule {
  readonly name = 'short-sale';
  private readonly shortable: ReadonlySet<string>;

  constructor(config: { readonly shortable: readonly string[] }) {
    this.shortable = new Set(config.shortable);
  }

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    if (order.side === 'buy') return ALLOWED;
    const { positionAfter, positionBefore } = context.impact;
    // The tolerance absorbs float dust from fractional quantities (closing 0.3 after 0.1 + 0.2).
    if (positionAfter >= -1e-9 * Math.max(1, Math.abs(positionBefore))) return ALLOWED;
    if (this.shortable.has(order.instrumentId)) return ALLOWED;
    return deny(
      this.name,
      `${order.instrumentId} may not be sold short: position after the order would be ${formatNumber(positionAfter)}`,
      { instrumentId: order.instrumentId, positionBefore, positionAfter },
    );
  }
}

import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber, noReferencePrice } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

/**
 * An order's notional (quantity × referencePrice) must be at least `minNotional`: brokers refuse or
 * overcharge dust orders. Exposure-reducing orders pass, so a small remainder can always be closed.
 */
export class MinNotionalRule implements PreTradeRule {
  readonly name = 'min-notional';

  constructor(private readonly config: { readonly minNotional: number }) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact } = context;
    if (impact.reducesExposure) return ALLOWED;
    if (impact.referencePrice === null) return noReferencePrice(this.name, order);
    if (impact.notional >= this.config.minNotional) return ALLOWED;
    return deny(
      this.name,
      `order notional ${formatNumber(impact.notional)} is below min ${formatNumber(this.config.minNotional)}`,
      { notional: impact.notional, minNotional: this.config.minNotional },
    );
  }
}

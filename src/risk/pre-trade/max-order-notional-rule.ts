import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import {
  ALLOWED,
  deny,
  formatNumber,
  noReferencePrice,
  notionalLimit,
  notionalLimitBasis,
} from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface MaxOrderNotionalConfig {
  readonly maxNotional?: number | undefined;
  readonly maxEquityFraction?: number | undefined;
}

/**
 * One order's notional, quantity × referencePrice, must not exceed min(maxNotional, maxEquityFraction ×
 * equity). Exposure-reducing orders pass (an exit of a position larger than the limit must not be refused).
 */
export class MaxOrderNotionalRule implements PreTradeRule {
  readonly name = 'max-order-notional';

  constructor(private readonly config: MaxOrderNotionalConfig) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.reducesExposure) return ALLOWED;
    if (impact.referencePrice === null) return noReferencePrice(this.name, order);
    const { maxNotional, maxEquityFraction } = this.config;
    const limit = notionalLimit(maxNotional, maxEquityFraction, snapshot.equity);
    if (impact.notional <= limit) return ALLOWED;
    return deny(
      this.name,
      `order notional ${formatNumber(impact.notional)} exceeds max ${formatNumber(limit)}${notionalLimitBasis(maxNotional, maxEquityFraction, snapshot.equity)}`,
      {
        quantity: order.quantity,
        referencePrice: impact.referencePrice,
        notional: impact.notional,
        maxNotional: limit,
      },
    );
  }
}

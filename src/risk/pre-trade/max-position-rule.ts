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

export interface MaxPositionConfig {
  readonly maxQuantity?: number | undefined;
  readonly maxNotional?: number | undefined;
  readonly maxEquityFraction?: number | undefined;
}

/**
 * Max position per instrument after the order: |positionAfter| <= maxQuantity and |positionAfter| ×
 * referencePrice <= min(maxNotional, maxEquityFraction × equity), where positionAfter counts the other open
 * orders on the same side (order-impact.ts). Orders that reduce exposure always pass: a position pushed over
 * the limit by the market must be allowed to shrink.
 */
export class MaxPositionRule implements PreTradeRule {
  readonly name = 'max-position';

  constructor(private readonly config: MaxPositionConfig) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const { impact, snapshot } = context;
    if (impact.reducesExposure) return ALLOWED;
    const after = Math.abs(impact.positionAfter);
    const { maxQuantity, maxNotional, maxEquityFraction } = this.config;
    if (maxQuantity !== undefined && after > maxQuantity) {
      return deny(
        this.name,
        `position after the order ${formatNumber(after)} exceeds max quantity ${formatNumber(maxQuantity)} in ${order.instrumentId}`,
        { positionAfter: after, maxQuantity },
      );
    }
    if (maxNotional === undefined && maxEquityFraction === undefined) return ALLOWED;
    if (impact.referencePrice === null) return noReferencePrice(this.name, order);
    const notional = after * impact.referencePrice;
    const limit = notionalLimit(maxNotional, maxEquityFraction, snapshot.equity);
    if (notional <= limit) return ALLOWED;
    return deny(
      this.name,
      `position notional after the order ${formatNumber(notional)} exceeds max ${formatNumber(limit)}${notionalLimitBasis(maxNotional, maxEquityFraction, snapshot.equity)} in ${order.instrumentId}`,
      { positionAfter: after, referencePrice: impact.referencePrice, notional, maxNotional: limit },
    );
  }
}

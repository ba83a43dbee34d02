import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber, formatPercent } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

/**
 * Price band / fat-finger check: an order's limit price must lie within maxDeviation of the last price,
 * |limit − last| / last <= maxDeviation, on both sides (a buy limit far above the market trades at once at a
 * bad price; one far below is almost always a typo too). Orders without a limit price (market, stop) pass;
 * a limit order with no last price to compare is denied. Applies to exposure-reducing orders as well: a
 * mistyped exit price is still a mistake (the kill switch's market orders are not checked).
 */
export class PriceBandRule implements PreTradeRule {
  readonly name = 'price-band';

  constructor(private readonly config: { readonly maxDeviation: number }) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    const limit = order.limitPrice;
    if (limit === null) return ALLOWED;
    const last = context.impact.lastPrice;
    if (last === null || !(last > 0)) {
      return deny(
        this.name,
        `no last price for ${order.instrumentId} to check limit price ${formatNumber(limit)} against`,
        {
          limitPrice: limit,
        },
      );
    }
    const deviation = Math.abs(limit - last) / last;
    if (deviation <= this.config.maxDeviation) return ALLOWED;
    return deny(
      this.name,
      `limit price ${formatNumber(limit)} is ${formatPercent(deviation)} from last price ${formatNumber(last)}, ` +
        `outside the ${formatPercent(this.config.maxDeviation)} band`,
      { limitPrice: limit, lastPrice: last, deviation, maxDeviation: this.config.maxDeviation },
    );
  }
}

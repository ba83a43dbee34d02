import type { Order } from '../../model/order.types.js';
import { ALLOWED, deny, formatNumber } from './rule-decision.js';
import type { PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

const PRICE_FIELDS = ['limitPrice', 'stopPrice', 'trailPrice', 'takeProfitPrice', 'stopLossPrice'] as const;

/**
 * Lot and tick rounding: the quantity must be a whole number of the instrument's lots and every price on the
 * order (limit, stop, trail amount, take-profit, stop-loss) a whole number of ticks, as venues require. "Whole"
 * allows a relative error of 1e-12 in value / step (float noise such as 0.1 + 0.2), with a floor of 1e-9. An
 * instrument the view does not know is denied: its steps cannot be checked.
 */
export class LotTickRule implements PreTradeRule {
  readonly name = 'lot-tick';

  check(order: Order, view: RiskView): RuleDecision {
    const instrument = view.instrument(order.instrumentId);
    if (instrument === null) {
      return deny(
        this.name,
        `unknown instrument ${order.instrumentId}: lot and tick size cannot be checked`,
        {
          instrumentId: order.instrumentId,
        },
      );
    }
    if (!isMultiple(order.quantity, instrument.lotSize)) {
      return deny(
        this.name,
        `quantity ${formatNumber(order.quantity)} is not a whole number of lots of ${formatNumber(instrument.lotSize)}`,
        { quantity: order.quantity, lotSize: instrument.lotSize },
      );
    }
    for (const field of PRICE_FIELDS) {
      const price = order[field];
      if (price !== null && !isMultiple(price, instrument.tickSize)) {
        return deny(
          this.name,
          `${field} ${formatNumber(price)} is not a whole number of ticks of ${formatNumber(instrument.tickSize)}`,
          { [field]: price, tickSize: instrument.tickSize },
        );
      }
    }
    return ALLOWED;
  }
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) <= Math.max(1e-9, Math.abs(ratio) * 1e-12);
}

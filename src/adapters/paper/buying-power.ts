import type { Portfolio } from '../../engine/portfolio.js';
import type { Order } from '../../model/order.types.js';

export interface BuyingPowerCheck {
  /** Buying power the new order needs: the exposure it adds at its reference price. */
  readonly required: number;
  /** Buying power already held by working orders that add exposure. */
  readonly reserved: number;
}

/**
 * What an order costs in buying power, as a broker checks it before accepting the order. An order adds
 * exposure by `max(0, |q + s| - |q|)` shares, where q is the current signed position and s the order's
 * signed quantity (a sell that closes a long adds none; a sell beyond it opens a short), valued at the
 * order's reference price: its limit price, else its stop price, else the last price. Working orders reserve
 * buying power the same way, each against the current position (conservative: two buys both count in full).
 * An order without any known price (no bar yet, a market order) needs none: nothing can fill it before a
 * price exists, and the portfolio is checked again by the next order.
 */
export function requiredBuyingPower(
  order: Order,
  openOrders: readonly Order[],
  portfolio: Portfolio,
  lastPrice: (symbol: string) => number | null,
): BuyingPowerCheck {
  const cost = (o: Order, quantity: number): number => {
    const position = portfolio.position(o.instrumentId)?.quantity ?? 0;
    const signed = o.side === 'buy' ? quantity : -quantity;
    const added = Math.max(0, Math.abs(position + signed) - Math.abs(position));
    if (added === 0) return 0;
    const price = o.limitPrice ?? o.stopPrice ?? lastPrice(o.instrumentId);
    return price === null ? 0 : added * price;
  };
  let reserved = 0;
  for (const open of openOrders) reserved += cost(open, open.quantity - open.filledQuantity);
  return { required: cost(order, order.quantity), reserved };
}

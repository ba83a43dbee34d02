import { createHash } from 'node:crypto';
import type { BrokerPosition } from '../../../engine/execution-client.types.js';
import type { Quote, TradeTick } from '../../../model/bar.js';
import type { Order, OrderStatus } from '../../../model/order.types.js';
import type { ExecutionRecord, OrderLinks } from '../../paper/order-journal.js';
import { decimal, optionalDecimal } from '../alpaca-decimal.js';
import type {
  AlpacaBar,
  AlpacaFillActivity,
  AlpacaOrder,
  AlpacaPosition,
  AlpacaQuote,
  AlpacaTrade,
} from '../alpaca-schemas.js';

/**
 * Domain values in Alpaca's wire format, for the sandbox server: decimal strings for amounts on the Trading
 * API, JSON numbers on the Market Data API, RFC 3339 times, lower-case enums.
 */

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** A stable UUID-shaped id derived from a name (assets and accounts have UUIDs at Alpaca). */
export function stableUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Our statuses in Alpaca's words. Alpaca's `new` is an order working at the venue, our `accepted`; an order
 * not yet acknowledged is `pending_new` on both sides.
 */
export function alpacaStatus(status: OrderStatus): string {
  if (status === 'accepted') return 'new';
  if (status === 'new') return 'pending_new';
  return status;
}

function timeIf(order: Order, status: OrderStatus): string | null {
  return order.status === status ? rfc3339(order.tsLast) : null;
}

/**
 * An order as Alpaca's order object; `legs` (already converted) are nested when given. An exit leg reports
 * its parent's order class (`orderClass`), as Alpaca's legs do.
 */
export function orderJson(
  order: Order,
  links: OrderLinks,
  legs: AlpacaOrder[] | null,
  orderClass: string = order.orderClass,
): AlpacaOrder {
  return {
    id: order.id,
    client_order_id: order.clientOrderId,
    created_at: rfc3339(order.tsInit),
    updated_at: rfc3339(order.tsLast),
    submitted_at: rfc3339(order.tsInit),
    filled_at: timeIf(order, 'filled'),
    expired_at: timeIf(order, 'expired'),
    canceled_at: timeIf(order, 'canceled'),
    failed_at: timeIf(order, 'rejected'),
    replaced_at: timeIf(order, 'replaced'),
    replaced_by: links.replacedBy,
    replaces: links.replaces,
    asset_id: stableUuid(order.instrumentId),
    symbol: order.instrumentId,
    asset_class: 'us_equity',
    notional: null,
    qty: decimal(order.quantity),
    filled_qty: decimal(order.filledQuantity),
    filled_avg_price: optionalDecimal(order.averageFillPrice),
    order_class: orderClass,
    order_type: order.type,
    type: order.type,
    side: order.side,
    time_in_force: order.timeInForce,
    limit_price: optionalDecimal(order.limitPrice),
    stop_price: optionalDecimal(order.stopPrice),
    status: alpacaStatus(order.status),
    extended_hours: false,
    legs,
    trail_percent: optionalDecimal(order.trailPercent),
    trail_price: optionalDecimal(order.trailPrice),
    hwm: null,
  };
}

export function positionJson(position: BrokerPosition): AlpacaPosition & Record<string, unknown> {
  const costBasis = position.quantity * position.averageEntryPrice;
  return {
    asset_id: stableUuid(position.symbol),
    symbol: position.symbol,
    exchange: 'SANDBOX',
    asset_class: 'us_equity',
    asset_marginable: true,
    side: position.quantity >= 0 ? 'long' : 'short',
    qty: decimal(position.quantity),
    qty_available: decimal(position.quantity),
    avg_entry_price: decimal(position.averageEntryPrice),
    current_price: decimal(position.currentPrice),
    market_value: decimal(position.marketValue),
    cost_basis: decimal(costBasis),
    unrealized_pl: decimal(position.unrealizedPnl),
    unrealized_plpc: decimal(costBasis === 0 ? 0 : position.unrealizedPnl / Math.abs(costBasis)),
  };
}

/** A fill as a FILL account activity; its id ends with the execution id after `::`, as Alpaca's do. */
export function fillActivityJson(record: ExecutionRecord): AlpacaFillActivity {
  const { fill } = record;
  const stamp = rfc3339(fill.tsEvent).replace(/[-:TZ.]/g, '');
  return {
    id: `${stamp}::${fill.id}`,
    activity_type: 'FILL',
    transaction_time: rfc3339(fill.tsEvent),
    type: record.remainingQuantity > 0 ? 'partial_fill' : 'fill',
    price: decimal(fill.price),
    qty: decimal(fill.quantity),
    side: fill.side,
    symbol: fill.instrumentId,
    leaves_qty: decimal(record.remainingQuantity),
    order_id: fill.orderId,
    cum_qty: decimal(record.cumulativeQuantity),
    order_status: alpacaStatus(record.orderStatus),
  };
}

export function barJson(
  ts: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): AlpacaBar {
  return { t: rfc3339(ts), o: open, h: high, l: low, c: close, v: volume };
}

export function quoteJson(quote: Quote): AlpacaQuote {
  return {
    t: rfc3339(quote.tsEvent),
    ap: quote.askPrice,
    as: quote.askSize,
    bp: quote.bidPrice,
    bs: quote.bidSize,
  };
}

/** The paper feed prints one trade per bar and symbol, so its time (an integer, as Alpaca's ids are) is its id. */
export function tradeJson(trade: TradeTick): AlpacaTrade {
  return { t: rfc3339(trade.tsEvent), p: trade.price, s: trade.size, i: trade.tsEvent };
}

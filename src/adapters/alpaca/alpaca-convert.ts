import { clientOrderId, fillId, instrumentId, orderId, type OrderId } from '../../core/ids.js';
import type {
  BrokerAccount,
  BrokerOrderRequest,
  BrokerPosition,
} from '../../engine/execution-client.types.js';
import type { OrderChanges } from '../../model/order.js';
import {
  ORDER_CLASSES,
  ORDER_TYPES,
  TIME_IN_FORCE,
  type Fill,
  type Order,
  type OrderClass,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from '../../model/order.types.js';
import type { Timeframe } from '../../model/timeframe.js';
import { decimal, fromDecimal, optionalFromDecimal } from './alpaca-decimal.js';
import { payloadError } from './alpaca-error.js';
import type { AlpacaAccount, AlpacaFillActivity, AlpacaOrder, AlpacaPosition } from './alpaca-schemas.js';

/**
 * Alpaca's wire objects to our domain model and back, at the edge: decimal strings become numbers, RFC 3339
 * times epoch ms, Alpaca's statuses ours. Alpaca's `new` is a working order (our `accepted`) and its own
 * `accepted` is not yet routed (our `pending_new`); a `held` exit leg waits for its entry (`pending_new`);
 * `done_for_day`, `stopped` and `suspended` orders still work (`accepted`, or `partially_filled` once
 * something filled); `calculated` has finished trading (`filled` or `partially_filled` by its quantities).
 */
const SAME_STATUSES: readonly string[] = [
  'pending_new',
  'partially_filled',
  'filled',
  'canceled',
  'expired',
  'rejected',
  'replaced',
  'pending_cancel',
  'pending_replace',
];

export function statusFromAlpaca(status: string, quantity: number, filled: number): OrderStatus {
  if (SAME_STATUSES.includes(status)) return status as OrderStatus;
  if (status === 'new') return 'accepted';
  if (status === 'accepted' || status === 'held') return 'pending_new';
  if (status === 'done_for_day' || status === 'stopped' || status === 'suspended') {
    return filled > 0 ? 'partially_filled' : 'accepted';
  }
  if (status === 'calculated') return filled >= quantity ? 'filled' : 'partially_filled';
  throw payloadError('order', `unknown order status "${status}"`);
}

function member<T extends string>(values: readonly T[], value: string, field: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw payloadError('order', `unknown ${field} "${value}"`);
}

/**
 * One Alpaca order and its nested legs, flattened, parents first; `parentId` is the order's parent when the
 * caller knows it (a leg fetched on its own). Bracket / OTO take-profit and stop-loss prices are read from
 * the legs, where Alpaca carries them; an OCO order is itself the take-profit leg.
 */
export function ordersFromAlpaca(wire: AlpacaOrder, parentId: OrderId | null = null): Order[] {
  const legs = wire.legs ?? [];
  const takeProfit = legs.find((leg) => (leg.order_type ?? leg.type) === 'limit');
  const stopLoss = legs.find((leg) => (leg.order_type ?? leg.type) !== 'limit');
  const ownTakeProfit = wire.order_class === 'oco' ? optionalFromDecimal(wire.limit_price) : null;
  const order = orderFromAlpaca(wire, parentId, {
    takeProfitPrice: optionalFromDecimal(takeProfit?.limit_price) ?? ownTakeProfit,
    stopLossPrice: optionalFromDecimal(stopLoss?.stop_price),
  });
  return [order, ...legs.flatMap((leg) => ordersFromAlpaca(leg, order.id))];
}

function orderFromAlpaca(
  wire: AlpacaOrder,
  parentId: OrderId | null,
  exits: { takeProfitPrice: number | null; stopLossPrice: number | null },
): Order {
  if (wire.qty === null || wire.qty === undefined) {
    throw payloadError('order', `order "${wire.id}" has no qty: notional orders are not supported`);
  }
  const quantity = fromDecimal(wire.qty);
  const filledQuantity = fromDecimal(wire.filled_qty);
  const rawClass = wire.order_class === undefined || wire.order_class === '' ? 'simple' : wire.order_class;
  const created = Date.parse(wire.created_at);
  return {
    id: orderId(wire.id),
    clientOrderId: clientOrderId(wire.client_order_id === '' ? wire.id : wire.client_order_id),
    accountId: null,
    instrumentId: instrumentId(wire.symbol),
    strategyId: null,
    side: wire.side,
    type: member<OrderType>(ORDER_TYPES, wire.order_type ?? wire.type, 'order type'),
    timeInForce: member<TimeInForce>(TIME_IN_FORCE, wire.time_in_force, 'time in force'),
    // An exit leg is a simple order of its parent's class at Alpaca; ours are simple orders with a parent.
    orderClass: parentId === null ? member<OrderClass>(ORDER_CLASSES, rawClass, 'order class') : 'simple',
    quantity,
    limitPrice: optionalFromDecimal(wire.limit_price),
    stopPrice: optionalFromDecimal(wire.stop_price),
    trailPrice: optionalFromDecimal(wire.trail_price),
    trailPercent: optionalFromDecimal(wire.trail_percent),
    takeProfitPrice: parentId === null ? exits.takeProfitPrice : null,
    stopLossPrice: parentId === null ? exits.stopLossPrice : null,
    parentId,
    reduceOnly: parentId !== null,
    status: statusFromAlpaca(wire.status, quantity, filledQuantity),
    filledQuantity,
    averageFillPrice: optionalFromDecimal(wire.filled_avg_price),
    tsInit: created,
    tsLast: wire.updated_at == null ? created : Date.parse(wire.updated_at),
    reason: null,
  };
}

/**
 * Our order request as Alpaca's POST /v2/orders body. An OCO order is its own take-profit leg: Alpaca takes
 * its price from `take_profit` only. Alpaca has no reduce-only flag for stocks, so `reduceOnly` is not sent.
 */
export function orderRequestToAlpaca(request: BrokerOrderRequest): Record<string, unknown> {
  const orderClass = request.orderClass ?? 'simple';
  const body: Record<string, unknown> = {
    symbol: request.instrumentId,
    qty: decimal(request.quantity),
    side: request.side,
    type: request.type,
    time_in_force: request.timeInForce ?? 'day',
    client_order_id: request.clientOrderId,
  };
  if (orderClass !== 'simple') body.order_class = orderClass;
  if (request.limitPrice !== undefined && orderClass !== 'oco')
    body.limit_price = decimal(request.limitPrice);
  if (request.stopPrice !== undefined) body.stop_price = decimal(request.stopPrice);
  if (request.trailPrice !== undefined) body.trail_price = decimal(request.trailPrice);
  if (request.trailPercent !== undefined) body.trail_percent = decimal(request.trailPercent);
  if (request.takeProfitPrice !== undefined)
    body.take_profit = { limit_price: decimal(request.takeProfitPrice) };
  if (request.stopLossPrice !== undefined) body.stop_loss = { stop_price: decimal(request.stopLossPrice) };
  return body;
}

/** Order changes as Alpaca's PATCH body; `trail` is the order's own kind of trail (price or percent). */
export function changesToAlpaca(changes: OrderChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (changes.quantity !== undefined) body.qty = decimal(changes.quantity);
  if (changes.timeInForce !== undefined) body.time_in_force = changes.timeInForce;
  if (changes.limitPrice !== undefined) body.limit_price = decimal(changes.limitPrice);
  if (changes.stopPrice !== undefined) body.stop_price = decimal(changes.stopPrice);
  const trail = changes.trailPrice ?? changes.trailPercent;
  if (trail !== undefined) body.trail = decimal(trail);
  return body;
}

/** The execution id of a FILL activity: the part after `::` of its id when there is one. */
export function executionIdOf(activityId: string): string {
  const separator = activityId.indexOf('::');
  return separator < 0 ? activityId : activityId.slice(separator + 2);
}

/**
 * A FILL activity as our Fill. Alpaca reports no commission on stock fills (commission-free) and no
 * liquidity flag; fills are recorded as taker, the conservative assumption for fee models.
 */
export function fillFromActivity(activity: AlpacaFillActivity, clientOrder: string): Fill {
  return {
    id: fillId(executionIdOf(activity.id)),
    orderId: orderId(activity.order_id),
    clientOrderId: clientOrderId(clientOrder),
    instrumentId: instrumentId(activity.symbol),
    strategyId: null,
    side: activity.side === 'buy' ? 'buy' : 'sell',
    quantity: fromDecimal(activity.qty),
    price: fromDecimal(activity.price),
    commission: 0,
    liquidity: 'taker',
    tsEvent: Date.parse(activity.transaction_time),
  };
}

export function positionFromAlpaca(wire: AlpacaPosition): BrokerPosition {
  const quantity = fromDecimal(wire.qty);
  const averageEntryPrice = fromDecimal(wire.avg_entry_price);
  const currentPrice = optionalFromDecimal(wire.current_price) ?? averageEntryPrice;
  return {
    symbol: wire.symbol,
    // Alpaca's qty is signed for shorts; `side` confirms it for clients that send it unsigned.
    quantity: wire.side === 'short' ? -Math.abs(quantity) : quantity,
    averageEntryPrice,
    currentPrice,
    marketValue: optionalFromDecimal(wire.market_value) ?? quantity * currentPrice,
    unrealizedPnl: optionalFromDecimal(wire.unrealized_pl) ?? quantity * (currentPrice - averageEntryPrice),
  };
}

export function accountFromAlpaca(wire: AlpacaAccount): BrokerAccount {
  return {
    id: wire.id,
    currency: wire.currency,
    cash: fromDecimal(wire.cash),
    equity: fromDecimal(wire.equity),
    buyingPower: fromDecimal(wire.buying_power),
    status: wire.status,
    tradingBlocked: wire.trading_blocked || wire.account_blocked === true,
  };
}

const TIMEFRAMES: Readonly<Record<Timeframe, string>> = {
  '1m': '1Min',
  '5m': '5Min',
  '15m': '15Min',
  '30m': '30Min',
  '1h': '1Hour',
  '4h': '4Hour',
  '1d': '1Day',
  '1w': '1Week',
};

export function timeframeToAlpaca(timeframe: Timeframe): string {
  return TIMEFRAMES[timeframe];
}

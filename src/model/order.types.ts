import type { ClientOrderId, InstrumentId, OrderId, StrategyId, FillId, AccountId } from '../core/ids.js';

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** day, good-till-canceled, immediate-or-cancel, fill-or-kill, market-on-open, market-on-close (Alpaca's set). */
export const TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const ORDER_CLASSES = ['simple', 'bracket', 'oco', 'oto'] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];

export const ORDER_STATUSES = [
  'new',
  'pending_new',
  'accepted',
  'partially_filled',
  'filled',
  'pending_cancel',
  'pending_replace',
  'canceled',
  'expired',
  'rejected',
  'replaced',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What the caller asks for; `createOrder` validates it and assigns ids. */
export interface OrderRequest {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly timeInForce?: TimeInForce;
  readonly orderClass?: OrderClass;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  /** Trailing stops: exactly one of trailPrice (absolute) or trailPercent. */
  readonly trailPrice?: number;
  readonly trailPercent?: number;
  /** Bracket / OTO legs. */
  readonly takeProfitPrice?: number;
  readonly stopLossPrice?: number;
  readonly clientOrderId?: ClientOrderId;
  readonly strategyId?: StrategyId;
  readonly reduceOnly?: boolean;
}

/** An order's full state. Immutable: every transition returns a new object. */
export interface Order {
  readonly id: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly accountId: AccountId | null;
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId | null;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly orderClass: OrderClass;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly trailPrice: number | null;
  readonly trailPercent: number | null;
  readonly takeProfitPrice: number | null;
  readonly stopLossPrice: number | null;
  readonly parentId: OrderId | null;
  readonly reduceOnly: boolean;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Volume-weighted average fill price; null until the first fill. */
  readonly averageFillPrice: number | null;
  readonly tsInit: number;
  readonly tsLast: number;
  /** Why the order was rejected / canceled, when it was. */
  readonly reason: string | null;
}

/** One execution against an order. `commission` is in the account currency, always >= 0. */
export interface Fill {
  readonly id: FillId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId | null;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly liquidity: 'maker' | 'taker';
  readonly tsEvent: number;
}

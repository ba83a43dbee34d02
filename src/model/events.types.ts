import type { AccountId, ClientOrderId, InstrumentId, OrderId, StrategyId } from '../core/ids.js';
import type { OrderChanges } from './order.js';
import type { Fill, Order, OrderStatus, TimeInForce } from './order.types.js';
import type { AccountState, Position } from './position.types.js';

/**
 * Events (past tense, facts that happened) and commands (imperative, requests that may be refused), each a
 * discriminated union on `type`. The message bus dispatches on `type` to pre-registered handler arrays.
 * `tsEvent` is when it happened (venue time where the venue says), `tsInit` when this process created the
 * object; both epoch ms. Market data (bars, quotes, trades) does not travel as events: the data engine hands
 * strategies a reused bar view so the backtest path allocates nothing per bar (ARCHITECTURE §7).
 */
export const EVENT_TYPES = [
  'OrderInitialized',
  'OrderDenied',
  'OrderSubmitted',
  'OrderAccepted',
  'OrderRejected',
  'OrderPendingCancel',
  'OrderCancelRejected',
  'OrderCanceled',
  'OrderExpired',
  'OrderPendingReplace',
  'OrderReplaceRejected',
  'OrderUpdated',
  'OrderReplaced',
  'OrderFilled',
  'PositionOpened',
  'PositionChanged',
  'PositionClosed',
  'AccountStateChanged',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface EventBase {
  readonly tsEvent: number;
  readonly tsInit: number;
}

/** Identifies the order an event is about. */
interface OrderEventBase extends EventBase {
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId | null;
  readonly accountId: AccountId | null;
}

/** A validated order was created (status `new`); carries the full order. */
export interface OrderInitialized extends EventBase {
  readonly type: 'OrderInitialized';
  readonly order: Order;
}

/** The risk engine refused the order before it left the process: which rule, and why with the numbers. */
export interface OrderDenied extends OrderEventBase {
  readonly type: 'OrderDenied';
  readonly rule: string;
  readonly message: string;
  /** The numbers the rule compared (limit, value after the order, ...). */
  readonly values: Readonly<Record<string, number | string>>;
}

export interface OrderSubmitted extends OrderEventBase {
  readonly type: 'OrderSubmitted';
}

export interface OrderAccepted extends OrderEventBase {
  readonly type: 'OrderAccepted';
  /** The venue's own id for the order, when it has one distinct from ours. */
  readonly venueOrderId: string | null;
}

/** The venue refused the order. */
export interface OrderRejected extends OrderEventBase {
  readonly type: 'OrderRejected';
  readonly reason: string;
}

export interface OrderPendingCancel extends OrderEventBase {
  readonly type: 'OrderPendingCancel';
}

/** The venue refused a cancel; the order keeps working. */
export interface OrderCancelRejected extends OrderEventBase {
  readonly type: 'OrderCancelRejected';
  readonly reason: string;
}

export interface OrderCanceled extends OrderEventBase {
  readonly type: 'OrderCanceled';
  readonly reason: string | null;
}

export interface OrderExpired extends OrderEventBase {
  readonly type: 'OrderExpired';
}

export interface OrderPendingReplace extends OrderEventBase {
  readonly type: 'OrderPendingReplace';
}

/** The venue refused a replace / amend; the order keeps working unchanged. */
export interface OrderReplaceRejected extends OrderEventBase {
  readonly type: 'OrderReplaceRejected';
  readonly reason: string;
}

/** An in-place amendment took effect (same order id). Fields carry the order's values after the change. */
export interface OrderUpdated extends OrderEventBase {
  readonly type: 'OrderUpdated';
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly trailPrice: number | null;
  readonly trailPercent: number | null;
  readonly timeInForce: TimeInForce;
}

/** The venue replaced the order by a new one: `orderId` is now `replaced`, `replacement` is working. */
export interface OrderReplaced extends OrderEventBase {
  readonly type: 'OrderReplaced';
  readonly replacement: Order;
}

/** One execution; `status` is the order's status after it (partially_filled or filled). */
export interface OrderFilled extends OrderEventBase {
  readonly type: 'OrderFilled';
  readonly fill: Fill;
  readonly status: OrderStatus;
}

export interface PositionOpened extends EventBase {
  readonly type: 'PositionOpened';
  readonly position: Position;
}

/** The position's quantity changed without going flat (added, reduced or flipped). */
export interface PositionChanged extends EventBase {
  readonly type: 'PositionChanged';
  readonly position: Position;
  /** realizedPnl gained by the fill that caused the change (net of its commission). */
  readonly realizedPnlChange: number;
}

export interface PositionClosed extends EventBase {
  readonly type: 'PositionClosed';
  readonly position: Position;
  readonly realizedPnlChange: number;
}

export interface AccountStateChanged extends EventBase {
  readonly type: 'AccountStateChanged';
  readonly account: AccountState;
}

export type TradingEvent =
  | OrderInitialized
  | OrderDenied
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderPendingCancel
  | OrderCancelRejected
  | OrderCanceled
  | OrderExpired
  | OrderPendingReplace
  | OrderReplaceRejected
  | OrderUpdated
  | OrderReplaced
  | OrderFilled
  | PositionOpened
  | PositionChanged
  | PositionClosed
  | AccountStateChanged;

/** The event whose `type` is T: `EventOf<'OrderFilled'>` is `OrderFilled`. */
export type EventOf<T extends EventType> = Extract<TradingEvent, { readonly type: T }>;

export const COMMAND_TYPES = ['SubmitOrder', 'CancelOrder', 'ModifyOrder', 'CancelAllOrders'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

interface CommandBase {
  readonly strategyId: StrategyId | null;
  readonly tsInit: number;
}

/** Send a validated `new` order through the risk engine to the venue. */
export interface SubmitOrder extends CommandBase {
  readonly type: 'SubmitOrder';
  readonly order: Order;
}

export interface CancelOrder extends CommandBase {
  readonly type: 'CancelOrder';
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
}

/** Change a working order; absent fields stay as they are. Passes the risk engine like a new order. */
export interface ModifyOrder extends CommandBase, OrderChanges {
  readonly type: 'ModifyOrder';
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
}

/**
 * Cancel the issuing strategy's open orders (every strategy's when strategyId is null), optionally of one
 * instrument only (instrumentId null: all instruments).
 */
export interface CancelAllOrders extends CommandBase {
  readonly type: 'CancelAllOrders';
  readonly instrumentId: InstrumentId | null;
}

export type TradingCommand = SubmitOrder | CancelOrder | ModifyOrder | CancelAllOrders;

export type CommandOf<T extends CommandType> = Extract<TradingCommand, { readonly type: T }>;

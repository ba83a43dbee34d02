import type { ClientOrderId, OrderId } from '../core/ids.js';
import type { OrderChanges } from '../model/order.js';
import type { Fill, Order, OrderRequest } from '../model/order.types.js';

/**
 * The ExecutionClient port (issue 9): a broker or venue that takes orders. Implemented by the paper broker
 * (the backtester's simulated exchange driven in real time) and the Alpaca adapter; one contract suite runs
 * against every implementation. Orders and fills use the domain model: `Order.id` is the broker's id,
 * `clientOrderId` ours (idempotency key: submitting the same clientOrderId twice never creates two orders;
 * the second call resolves to the existing order or rejects with CONFLICT). Wire formats (Alpaca's decimal
 * strings) are converted at the adapter. Failures reject with typed errors carrying `code` and `retryable`;
 * a rejected order is never retried by the client.
 */

export interface BrokerPosition {
  readonly symbol: string;
  /** Signed: negative for a short. */
  readonly quantity: number;
  readonly averageEntryPrice: number;
  /** Last price the broker marked the position at. */
  readonly currentPrice: number;
  readonly marketValue: number;
  readonly unrealizedPnl: number;
}

export interface BrokerAccount {
  readonly id: string;
  readonly currency: string;
  readonly cash: number;
  readonly equity: number;
  readonly buyingPower: number;
  /** Broker's account status, e.g. `ACTIVE`. */
  readonly status: string;
  readonly tradingBlocked: boolean;
}

export const TRADE_UPDATE_EVENTS = [
  'new',
  'accepted',
  'pending_new',
  'partial_fill',
  'fill',
  'canceled',
  'pending_cancel',
  'expired',
  'done_for_day',
  'replaced',
  'pending_replace',
  'rejected',
] as const;
export type TradeUpdateEvent = (typeof TRADE_UPDATE_EVENTS)[number];

/** One order event from the broker's stream (Alpaca's `trade_updates`). */
export interface TradeUpdate {
  readonly event: TradeUpdateEvent;
  /** The order as of this event. */
  readonly order: Order;
  /** The execution, for `fill` and `partial_fill` (its `id` is the broker's execution id: dedupe by it). */
  readonly fill: Fill | null;
  /** Broker's event time, epoch ms. */
  readonly tsEvent: number;
}

export interface OrderListFilter {
  readonly status: 'open' | 'closed' | 'all';
  /** Orders submitted after this time (epoch ms). */
  readonly after?: number;
  readonly symbols?: readonly string[];
  /** Default 500. */
  readonly limit?: number;
}

export interface TradeUpdateSubscription {
  close(): Promise<void>;
}

/** An order request addressed to a broker: our client order id is required (idempotency). */
export type BrokerOrderRequest = OrderRequest & { readonly clientOrderId: ClientOrderId };

export interface ExecutionClient {
  readonly name: string;
  /** True when orders reach a real-money venue (Alpaca's live endpoint); paper and sandboxes are false. */
  readonly live: boolean;
  submitOrder(request: BrokerOrderRequest): Promise<Order>;
  /** Resolves once the broker accepted the cancel request; the `canceled` event follows on the stream. */
  cancelOrder(id: OrderId): Promise<void>;
  /** Replaces a working order; resolves to the new order (Alpaca gives it a new id). */
  replaceOrder(id: OrderId, changes: OrderChanges): Promise<Order>;
  getOrder(id: OrderId): Promise<Order | null>;
  getOrderByClientId(clientOrderId: ClientOrderId): Promise<Order | null>;
  listOrders(filter: OrderListFilter): Promise<Order[]>;
  /** Executions after a time (epoch ms), oldest first: how reconciliation finds fills missed while down. */
  listFills(after: number): Promise<Fill[]>;
  listPositions(): Promise<BrokerPosition[]>;
  getAccount(): Promise<BrokerAccount>;
  /** Closes a whole position with a market order; resolves to that order. */
  closePosition(symbol: string): Promise<Order>;
  subscribeTradeUpdates(handler: (update: TradeUpdate) => void): Promise<TradeUpdateSubscription>;
}

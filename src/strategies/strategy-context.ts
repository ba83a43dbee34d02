import type { Clock } from '../core/clock.js';
import type { OrderChanges } from '../model/order.js';
import type { Order, OrderRequest } from '../model/order.types.js';
import type { AccountState, Position } from '../model/position.types.js';
import type { Timeframe } from '../model/timeframe.js';

/** What a strategy asks for: an order request addressed by symbol (the engine resolves the instrument). */
export type StrategyOrderRequest = Omit<OrderRequest, 'instrumentId' | 'strategyId'> & {
  readonly symbol: string;
};

/**
 * Everything a strategy may see or do. The engine implements it in every mode (backtest, paper, live), so a
 * strategy never learns which one it runs in (ARCHITECTURE §1). Orders go through the risk engine; a denied
 * order arrives as an OrderDenied event, never as an exception.
 */
export interface StrategyContext {
  readonly clock: Clock;
  subscribeBars(symbol: string, timeframe: Timeframe): void;
  /** Creates and submits an order; returns it in its initial state (its id lets the strategy cancel it). */
  submitOrder(request: StrategyOrderRequest): Order;
  cancelOrder(order: Order): void;
  replaceOrder(order: Order, changes: OrderChanges): void;
  /** The strategy's net position in a symbol, or null when it never traded it. */
  position(symbol: string): Position | null;
  positions(): readonly Position[];
  openOrders(symbol?: string): readonly Order[];
  account(): AccountState;
  log(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

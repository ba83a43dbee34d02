import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { IllegalStateError, InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import {
  accountId as toAccountId,
  clientOrderId as toClientOrderId,
  fillId,
  instrumentId,
  orderId,
  type ClientOrderId,
  type OrderId,
} from '../../core/ids.js';
import type { SimulatedExchangeConfig } from '../../backtest/exchange/exchange.types.js';
import { SimulatedExchange } from '../../backtest/exchange/simulated-exchange.js';
import type { BrokerOrderRequest, TradeUpdate } from '../../engine/execution-client.types.js';
import { Portfolio } from '../../engine/portfolio.js';
import { createAccount } from '../../model/account.js';
import type { TradingEvent } from '../../model/events.types.js';
import { createOrder, isOpen, replaceOrder, type OrderChanges } from '../../model/order.js';
import type { Order } from '../../model/order.types.js';
import type { ReplayBar } from './bar-replay.js';
import { OrderJournal, type PaperTradeUpdate } from './order-journal.js';
import { requiredBuyingPower } from './buying-power.js';

export interface PaperVenueConfig {
  readonly exchange: SimulatedExchangeConfig;
  readonly startingCash: number;
  readonly currency?: string;
  readonly accountId?: string;
  /** Gross exposure allowed per unit of equity (1: cash account; Alpaca's margin accounts: 2 or 4). */
  readonly maxLeverage?: number;
  /** Market time (the replay): orders and fills are stamped with it. */
  readonly clock: Clock;
  /** Ids of orders and fills; random UUIDs (Alpaca's format) by default. */
  readonly newId?: () => string;
}

/** Refused before it reached the exchange: the account cannot carry the order (Alpaca's 403). */
export class InsufficientBuyingPowerError extends InvalidInputError {
  constructor(message: string) {
    super(message);
    this.name = 'InsufficientBuyingPowerError';
  }
}

/**
 * The paper broker's venue: the backtester's SimulatedExchange driven by replayed bars in market time, a
 * Portfolio booking its fills, and an OrderJournal holding every order under the ids clients see. Requests
 * are checked the way Alpaca checks them before anything reaches the exchange: a valid order (the model's
 * rules), a known symbol, enough buying power; a refusal throws a typed error and leaves no order behind. A
 * repeated clientOrderId returns the order it already names (idempotent submit). Replace follows Alpaca: the
 * original becomes `replaced` and a new order (new id) carries the changes and the remaining quantity.
 * Trade updates are published in event order, each on its own microtask, after the call that caused them
 * has updated the state (a subscriber reading the venue sees the state as of that update or later).
 */
export class PaperVenue {
  private readonly exchange: SimulatedExchange;
  private readonly portfolio: Portfolio;
  private readonly journal = new OrderJournal();
  private readonly listeners = new Set<(update: PaperTradeUpdate) => void>();
  private readonly lastClose = new Map<string, number>();
  private readonly newId: () => string;
  private readonly clock: Clock;

  constructor(private readonly config: PaperVenueConfig) {
    this.newId = config.newId ?? randomUUID;
    this.clock = config.clock;
    const account = createAccount({
      id: toAccountId(config.accountId ?? 'PAPER'),
      currency: config.currency ?? 'USD',
      startingCash: config.startingCash,
      maxLeverage: config.maxLeverage ?? 1,
    });
    if (!account.ok) throw account.error;
    this.portfolio = new Portfolio(account.value);
    this.exchange = new SimulatedExchange(config.exchange, (event) => this.handle(event), {
      nextFillId: () => fillId(this.newId()),
    });
  }

  get orders(): OrderJournal {
    return this.journal;
  }

  get book(): Portfolio {
    return this.portfolio;
  }

  /** The last close seen of `symbol`, or null before its first bar. */
  lastPrice(symbol: string): number | null {
    return this.lastClose.get(symbol) ?? null;
  }

  /** Matches working orders against a completed bar, then marks the position at its close. */
  onBar(bar: ReplayBar): void {
    this.exchange.processBar(bar);
    this.lastClose.set(bar.instrumentId, bar.close);
    this.portfolio.mark(bar.instrumentId, bar.close);
  }

  subscribe(listener: (update: PaperTradeUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  submit(request: BrokerOrderRequest): Order {
    const existing = this.journal.getByClientId(request.clientOrderId);
    if (existing !== null) return existing;
    const instruments = this.config.exchange.instruments;
    if (instruments !== undefined && !instruments.has(request.instrumentId)) {
      throw new InvalidInputError(`symbol ${quote(request.instrumentId)} is not tradable here`);
    }
    const now = this.clock.now();
    const created = createOrder(
      request,
      { id: orderId(this.newId()), clientOrderId: request.clientOrderId },
      now,
    );
    if (!created.ok) throw created.error;
    this.checkBuyingPower(created.value);
    this.journal.add(created.value);
    const result = this.exchange.submit(created.value, now);
    if (result.status === 'rejected') {
      throw new InvalidInputError(`order rejected: ${result.reason ?? 'no reason given'}`);
    }
    return this.journal.get(created.value.id) as Order;
  }

  cancel(id: OrderId): void {
    const order = this.working(id, 'canceled');
    const result = this.exchange.cancel(this.journal.exchangeId(order.id) as OrderId, this.clock.now());
    if (!result.ok) throw result.error;
  }

  /** `clientOrderId` names the replacement (default: its order id), as Alpaca's PATCH allows. */
  replace(id: OrderId, changes: OrderChanges, clientOrderId?: ClientOrderId): Order {
    const order = this.working(id, 'replaced');
    if (clientOrderId !== undefined && this.journal.getByClientId(clientOrderId) !== null) {
      throw new InvalidInputError(`client order id ${quote(clientOrderId)} is already in use`);
    }
    const exchangeId = this.journal.exchangeId(order.id) as OrderId;
    const now = this.clock.now();
    const replacementId = orderId(this.newId());
    const identity =
      clientOrderId === undefined ? { id: replacementId } : { id: replacementId, clientOrderId };
    const made = replaceOrder(order, identity, changes, now);
    if (!made.ok) throw made.error;
    const atExchange = this.exchange.openOrders(order.instrumentId).find((o) => o.id === exchangeId) as Order;
    // The exchange amends in place: its quantity is the total, fills before the replace included.
    const exchangeChanges =
      changes.quantity === undefined
        ? changes
        : { ...changes, quantity: atExchange.filledQuantity + changes.quantity };
    const amended = this.exchange.replace(exchangeId, exchangeChanges, now);
    if (!amended.ok) throw amended.error;
    const { replaced, replacement } = made.value;
    this.journal.recordReplacement(replaced, replacement);
    this.publish({ event: 'replaced', order: replaced, fill: null, tsEvent: now }, null);
    this.publish({ event: 'new', order: replacement, fill: null, tsEvent: now }, null);
    return replacement;
  }

  /** Closes the whole position in `symbol` with a market order. */
  closePosition(symbol: string): Order {
    const position = this.portfolio.position(instrumentId(symbol));
    if (position === null || position.quantity === 0) {
      throw new NotFoundError(`no open position in ${quote(symbol)}`);
    }
    return this.submit({
      instrumentId: position.instrumentId,
      side: position.quantity > 0 ? 'sell' : 'buy',
      type: 'market',
      quantity: Math.abs(position.quantity),
      timeInForce: 'day',
      clientOrderId: toClientOrderId(this.newId()),
    });
  }

  getByClientId(clientOrderId: ClientOrderId): Order | null {
    return this.journal.getByClientId(clientOrderId);
  }

  /** The order if it is working; NotFoundError for an unknown id, IllegalStateError for a finished one. */
  private working(id: OrderId, action: 'canceled' | 'replaced'): Order {
    const order = this.journal.get(id);
    if (order === null) throw new NotFoundError(`order ${quote(id)} not found`);
    if (!isOpen(order)) {
      throw new IllegalStateError(`order ${quote(id)} is ${order.status}: it cannot be ${action}`);
    }
    return order;
  }

  private checkBuyingPower(order: Order): void {
    if (order.reduceOnly) return;
    const openOrders = [...this.journal.openOrders()].filter((o) => !o.reduceOnly);
    const check = requiredBuyingPower(order, openOrders, this.portfolio, (symbol) => this.lastPrice(symbol));
    const available = this.portfolio.account().buyingPower - check.reserved;
    if (check.required > available + 1e-9) {
      throw new InsufficientBuyingPowerError(
        `insufficient buying power: the order needs ${check.required.toFixed(2)}, ` +
          `${Math.max(0, available).toFixed(2)} is available`,
      );
    }
  }

  private handle(event: TradingEvent): void {
    const applied = this.journal.apply(event);
    if (applied === null) return;
    let positionQuantity: number | null = null;
    if (applied.fill !== null) positionQuantity = this.portfolio.applyFill(applied.fill).quantity;
    this.publish(applied.update, positionQuantity);
  }

  private publish(update: TradeUpdate, positionQuantity: number | null): void {
    const paperUpdate: PaperTradeUpdate = { ...update, positionQuantity };
    queueMicrotask(() => {
      for (const listener of [...this.listeners]) listener(paperUpdate);
    });
  }
}

import type { Clock } from '../core/clock.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { instrumentId, type AccountId, type InstrumentId, type StrategyId } from '../core/ids.js';
import type { OrderDenied } from '../model/events.types.js';
import { createOrder, rejectOrder, type OrderChanges } from '../model/order.js';
import type { Order, OrderRequest } from '../model/order.types.js';
import type { AccountState, Position } from '../model/position.types.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Portfolio } from '../engine/portfolio.js';
import type { OrderPurpose } from '../risk/pre-trade/rule.types.js';
import { toOrderDenied } from '../risk/pre-trade/rule-decision.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategies/strategy-context.js';
import type { LiveRiskView } from './live-risk-view.js';
import { OrderManager } from './order-manager.js';

/** The last order a strategy decided on, for status reports. */
export interface LastSignal {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly tsEvent: number;
  /** `denied` when the risk engine refused it (with the rule's message in `reason`). */
  readonly outcome: 'sent' | 'denied';
  readonly reason: string | null;
}

export interface LiveStrategyContextDeps {
  readonly clock: Clock;
  readonly strategyId: StrategyId;
  readonly accountId: AccountId;
  readonly manager: OrderManager;
  readonly risk: RiskEngine;
  readonly riskView: LiveRiskView;
  /** The account-wide portfolio (what `account()` reports). */
  readonly account: Portfolio;
  /** This strategy's own fills only: its positions and P&L. */
  readonly own: Portfolio;
  /** Symbols this strategy may trade (its configured universe); null: any (the operator's context). */
  readonly symbols: ReadonlySet<string> | null;
  readonly onSubscribe: (symbol: string, timeframe: Timeframe) => void;
  readonly onDenied: (event: OrderDenied) => void;
  readonly onLog: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
}

/**
 * The StrategyContext of a live or paper node, the twin of the backtest's EngineContext: `submitOrder` is
 * synchronous (the strategy gets the order in state `new` at once), runs the same RiskEngine check, and hands
 * an allowed order to the order manager, which journals and sends it asynchronously. A denied order is
 * journaled as rejected and reported through `onDenied`, never thrown.
 */
export class LiveStrategyContext implements StrategyContext {
  private last: LastSignal | null = null;
  private lastSend: Promise<Order> | null = null;

  constructor(private readonly deps: LiveStrategyContextDeps) {}

  get clock(): Clock {
    return this.deps.clock;
  }

  get lastSignal(): LastSignal | null {
    return this.last;
  }

  subscribeBars(symbol: string, timeframe: Timeframe): void {
    this.deps.onSubscribe(this.symbol(symbol), timeframe);
  }

  submitOrder(request: StrategyOrderRequest): Order {
    return this.submitChecked(request, 'strategy');
  }

  submitChecked(request: StrategyOrderRequest, purpose: OrderPurpose): Order {
    const symbol = this.symbol(request.symbol);
    const id = this.deps.manager.nextClientOrderId(this.deps.strategyId);
    const now = this.deps.clock.now();
    const created = createOrder(
      toOrderRequest(request, instrumentId(symbol), this.deps.strategyId),
      { id: OrderManager.localId(id), clientOrderId: id, accountId: this.deps.accountId },
      now,
    );
    // An invalid order is a bug in the strategy: fail loudly rather than trade something else.
    if (!created.ok) throw created.error;
    const order = created.value;
    const decision = this.deps.risk.check(order, this.deps.riskView, { purpose });
    const signal = { symbol, side: order.side, quantity: order.quantity, tsEvent: now };
    if (!decision.allowed) {
      this.last = { ...signal, outcome: 'denied', reason: decision.message };
      const rejected = rejectOrder(order, now, decision.message);
      this.deps.manager.journalDenied(rejected);
      this.deps.onDenied(toOrderDenied(decision, order, now));
      return rejected;
    }
    this.last = { ...signal, outcome: 'sent', reason: null };
    this.lastSend = this.deps.manager.submit(order);
    return order;
  }

  /** Like submitOrder, but resolves to the order as the broker answered (or as denied by the risk engine). */
  submitAndWait(request: StrategyOrderRequest, purpose: OrderPurpose = 'strategy'): Promise<Order> {
    const order = this.submitChecked(request, purpose);
    return order.status === 'rejected' ? Promise.resolve(order) : (this.lastSend as Promise<Order>);
  }

  cancelOrder(order: Order): void {
    void this.deps.manager.cancel(order.clientOrderId).catch((error: unknown) => {
      this.deps.onLog('cancel failed', { clientOrderId: order.clientOrderId, error: String(error) });
    });
  }

  /** Replaces are sent as cancel + new order: the journal keeps one row per client id (Alpaca's replace issues a new id). */
  replaceOrder(order: Order, changes: OrderChanges): void {
    this.cancelOrder(order);
    const limitPrice = changes.limitPrice ?? order.limitPrice;
    const stopPrice = changes.stopPrice ?? order.stopPrice;
    this.submitOrder({
      symbol: order.instrumentId,
      side: order.side,
      type: order.type,
      quantity: changes.quantity ?? order.quantity - order.filledQuantity,
      timeInForce: changes.timeInForce ?? order.timeInForce,
      ...(limitPrice === null ? {} : { limitPrice }),
      ...(stopPrice === null ? {} : { stopPrice }),
    });
  }

  position(symbol: string): Position | null {
    return this.deps.own.position(instrumentId(symbol.toUpperCase()));
  }

  positions(): readonly Position[] {
    return this.deps.own.positions();
  }

  openOrders(symbol?: string): readonly Order[] {
    const upper = symbol?.toUpperCase();
    return this.deps.manager
      .openOrders()
      .filter(
        (order) =>
          order.strategyId === this.deps.strategyId && (upper === undefined || order.instrumentId === upper),
      );
  }

  account(): AccountState {
    return this.deps.account.account();
  }

  log(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.deps.onLog(message, fields);
  }

  private symbol(raw: string): string {
    const symbol = raw.toUpperCase();
    if (this.deps.symbols !== null && !this.deps.symbols.has(symbol)) {
      throw new InvalidInputError(
        `symbol ${quote(raw)} is not in strategy ${quote(this.deps.strategyId)}'s symbols: ${[...this.deps.symbols].join(', ')}`,
      );
    }
    return symbol;
  }
}

function toOrderRequest(
  request: StrategyOrderRequest,
  instrument: InstrumentId,
  strategyId: StrategyId,
): OrderRequest {
  const { symbol: _symbol, ...rest } = request;
  return { ...rest, instrumentId: instrument, strategyId };
}

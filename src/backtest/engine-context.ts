import { InvalidInputError, quote } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { clientOrderId, orderId, type InstrumentId, type StrategyId } from '../core/ids.js';
import type { Portfolio } from '../engine/portfolio.js';
import type { OrderDenied } from '../model/events.types.js';
import { createOrder, rejectOrder, type OrderChanges } from '../model/order.js';
import type { OrderPurpose } from '../risk/pre-trade/rule.types.js';
import { toOrderDenied } from '../risk/pre-trade/rule-decision.js';
import type { RiskView } from '../risk/pre-trade/risk-view.types.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { Order, OrderRequest } from '../model/order.types.js';
import type { AccountState, Position } from '../model/position.types.js';
import type { Timeframe } from '../model/timeframe.js';
import type { StrategyContext, StrategyOrderRequest } from '../strategies/strategy-context.js';
import type { SimulatedExchange } from './exchange/simulated-exchange.js';

export interface EngineContextDeps {
  readonly clock: Clock;
  readonly exchange: SimulatedExchange;
  readonly portfolio: Portfolio;
  /** Every order passes it before it reaches the exchange; a denial is published, never thrown. */
  readonly risk: RiskEngine;
  readonly riskView: RiskView;
  readonly onDenied: (event: OrderDenied) => void;
  readonly instruments: ReadonlyMap<string, InstrumentId>;
  readonly strategyId: StrategyId;
  readonly onSubscribe: (symbol: string, timeframe: Timeframe) => void;
  readonly onLog: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
}

/**
 * The StrategyContext of a backtest: orders go to the simulated exchange with deterministic ids
 * (`O-1`, `O-2`, ... and client ids `C-1`, ...), positions and the account come from the portfolio.
 */
export class EngineContext implements StrategyContext {
  private sequence = 0;
  private deniedCount = 0;
  private lastSymbol: string | null = null;
  private lastSlot = -1;

  constructor(private readonly deps: EngineContextDeps) {}

  get clock(): Clock {
    return this.deps.clock;
  }

  subscribeBars(symbol: string, timeframe: Timeframe): void {
    this.deps.onSubscribe(symbol.toUpperCase(), timeframe);
  }

  submitOrder(request: StrategyOrderRequest): Order {
    return this.submitChecked(request, 'strategy');
  }

  /**
   * Creates the order, runs it through the risk engine and, when allowed, sends it to the exchange. A denied
   * order is returned rejected (reason: the rule's message) after its OrderDenied event was published.
   */
  submitChecked(request: StrategyOrderRequest, purpose: OrderPurpose): Order {
    const instrumentId = this.instrument(request.symbol);
    this.sequence++;
    const now = this.deps.clock.now();
    const created = createOrder(
      toOrderRequest(request, instrumentId, this.deps.strategyId),
      { id: orderId(`O-${this.sequence}`), clientOrderId: clientOrderId(`C-${this.sequence}`) },
      now,
    );
    // An invalid order is a bug in the strategy: fail loudly rather than trade something else.
    if (!created.ok) throw created.error;
    const decision = this.deps.risk.check(created.value, this.deps.riskView, { purpose });
    if (!decision.allowed) {
      this.deniedCount++;
      const rejected = rejectOrder(created.value, now, decision.message);
      this.deps.onDenied(toOrderDenied(decision, created.value, now));
      return rejected;
    }
    return this.deps.exchange.submit(created.value, now);
  }

  /** Orders the risk engine denied so far. */
  get denied(): number {
    return this.deniedCount;
  }

  cancelOrder(order: Order): void {
    // NotFound means the order is no longer working (filled or canceled a moment ago): nothing to cancel.
    this.deps.exchange.cancel(order.id, this.deps.clock.now());
  }

  replaceOrder(order: Order, changes: OrderChanges): void {
    const result = this.deps.exchange.replace(order.id, changes, this.deps.clock.now());
    if (!result.ok) throw result.error;
  }

  position(symbol: string): Position | null {
    // Called on every bar by most strategies: remember the last symbol's portfolio slot.
    if (symbol !== this.lastSymbol) {
      const instrumentId =
        this.deps.instruments.get(symbol) ?? this.deps.instruments.get(symbol.toUpperCase());
      if (instrumentId === undefined) return null;
      this.lastSymbol = symbol;
      this.lastSlot = this.deps.portfolio.slot(instrumentId);
    }
    return this.deps.portfolio.positionAt(this.lastSlot);
  }

  positions(): readonly Position[] {
    return this.deps.portfolio.positions();
  }

  openOrders(symbol?: string): readonly Order[] {
    return this.deps.exchange.openOrders(symbol === undefined ? undefined : this.instrument(symbol));
  }

  account(): AccountState {
    return this.deps.portfolio.account();
  }

  log(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.deps.onLog(message, fields);
  }

  private instrument(symbol: string): InstrumentId {
    const instrumentId = this.deps.instruments.get(symbol.toUpperCase());
    if (instrumentId === undefined) {
      throw new InvalidInputError(`symbol ${quote(symbol)} is not in this backtest's data`);
    }
    return instrumentId;
  }
}

/**
 * The model's OrderRequest for a strategy's request, written out field by field: rest/spread copies are slow
 * in V8 on this per-order path. Absent optional fields stay undefined, which validation and createOrder read
 * as absent.
 */
function toOrderRequest(
  request: StrategyOrderRequest,
  instrumentId: InstrumentId,
  strategyId: StrategyId,
): OrderRequest {
  const fields: { [K in keyof OrderRequest]-?: OrderRequest[K] | undefined } = {
    instrumentId,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    timeInForce: request.timeInForce,
    orderClass: request.orderClass,
    limitPrice: request.limitPrice,
    stopPrice: request.stopPrice,
    trailPrice: request.trailPrice,
    trailPercent: request.trailPercent,
    takeProfitPrice: request.takeProfitPrice,
    stopLossPrice: request.stopLossPrice,
    clientOrderId: request.clientOrderId,
    strategyId,
    reduceOnly: request.reduceOnly,
  };
  return fields as OrderRequest;
}

import { IllegalStateError, invariant, quote } from '../../core/errors.js';
import type { InvalidInputError, NotFoundError } from '../../core/errors.js';
import type { InstrumentId, OrderId } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { TradingEvent } from '../../model/events.types.js';
import { createFillForOrder } from '../../model/fill.js';
import {
  acceptOrder,
  applyFill,
  cancelOrder,
  expireOrder,
  rejectOrder,
  remainingQuantity,
  updateOrder,
  type OrderChanges,
} from '../../model/order.js';
import type { Order } from '../../model/order.types.js';
import { FILL_TIMINGS } from '../backtest.types.js';
import type {
  AmbiguousExit,
  ExchangeBar,
  ExchangeIds,
  FillReport,
  SimulatedExchangeConfig,
} from './exchange.types.js';
import { chargeCommission, fillPrice, fillReport, participationCapacity } from './fill-pricing.js';
import { OrderBook } from './order-book.js';
import { IntrabarPath } from './intrabar-path.js';
import { ambiguousExit, createExitLeg, createOcoStopLeg, hasPendingLegs, legRolesOf } from './order-links.js';
import * as events from './order-events.js';
import { findMatch, type Match } from './order-matching.js';
import {
  evaluationWindow,
  isDayOver,
  remainderReason,
  utcDay,
  type EvaluationWindow,
  type WorkingOrder,
} from './working-order.js';
import { submissionProblem, validateExchangeBar, validateExchangeConfig } from './exchange-validation.js';
import { EvaluatedBar, LastBars } from './bar-state.js';

/**
 * A simulated venue for backtests: accepts orders, matches them against OHLCV bars and emits the model's
 * order events (OrderInitialized for exchange-created legs, OrderAccepted / OrderRejected, OrderFilled,
 * OrderCanceled, OrderExpired, OrderUpdated / OrderReplaceRejected) through `emit`, synchronously. Orders go
 * through the pure transitions of model/order.ts; the exchange never mutates an Order.
 *
 * Timing (`config.fillTiming`, see FillTiming). An order submitted at `ts` is eligible only for bars with
 * `tsEvent >= ts + latencyMs`, and never for a bar processed before it was submitted. A strategy deciding
 * on bar t submits at t's tsClose, so its order first meets bar t+1:
 * - `next-open`: market orders fill at the first eligible bar's open; resting orders see that bar's whole
 *   intrabar path from the open, so a stop that gaps through fills at the open, not at the stop.
 * - `next-close`: market orders fill at the first eligible bar's close; resting orders as under next-open.
 * - `close`: `submit` evaluates the order at once against the close of the last bar processed for its
 *   instrument (a single-price path at that close, the bar's volume for the participation cap): a market
 *   order fills at the close of the bar the decision was made on. Such fills are counted in
 *   `lookAheadFills` and flagged `sameBarClose` in `fillReports`. What does not fill then works from the
 *   next bar as under next-close. `close` requires latencyMs 0. Orders submitted from inside an event
 *   handler while a bar is being processed are not evaluated until the next bar.
 * Fills at path time 0 (the open) carry the bar's tsEvent, others its tsClose (same-bar close: the submit ts).
 *
 * Matching follows IntrabarPath (open → nearer extreme → farther extreme → close) and findMatch (per order
 * type); time in force follows evaluationWindow: opg trades only at its first bar's open and cls only at its
 * first bar's close (the remainder expires); ioc / fok trade only at their arrival point (the remainder is
 * canceled; fok fills all of its quantity there, within the participation cap, or is canceled without a
 * fill). A day order is good for the UTC day of the first bar it is evaluated on (under `close` timing, the
 * decision bar) and expires when a bar of a later UTC day arrives (at that bar's tsEvent, before matching),
 * so a day order placed after the close works the next session. gtc orders never expire. Order classes (bracket, oco, oto) follow order-links.ts.
 *
 * Quantities: each order takes at most `maxParticipation × bar volume` per bar (rounded down to lots when
 * instruments are known) and trades at most once per bar; the remainder keeps working. Prices: slippage
 * worsens taker fills, the fill price is clamped to the bar's [low, high] and to the limit (fill-pricing.ts).
 * Fees follow the cumulative FeeModel. Cancel and replace take effect at once (no latency); a replace is an
 * in-place amendment (OrderUpdated) whose new terms apply from `ts + latencyMs`.
 */
export class SimulatedExchange {
  private readonly book = new OrderBook();
  private readonly lastBars = new LastBars();
  private readonly path = new IntrabarPath();
  private readonly latencyMs: number;
  private readonly reports: FillReport[] = [];
  private readonly ambiguousExits: AmbiguousExit[] = [];
  private barSerial = 0;
  private lookAheadFillCount = 0;
  /** The bar under evaluation (reused; `active` outside one is false): range, volume, fill timestamps. */
  private readonly current = new EvaluatedBar();

  constructor(
    private readonly config: SimulatedExchangeConfig,
    private readonly emit: (event: TradingEvent) => void,
    private readonly ids: ExchangeIds,
  ) {
    validateExchangeConfig(config, FILL_TIMINGS);
    this.latencyMs = config.latencyMs ?? 0;
  }

  /** Bars where both legs of an OCO pair could have filled (one per pair and bar); details in `ambiguities`. */
  get ambiguousBars(): number {
    return this.ambiguousExits.length;
  }

  get ambiguities(): readonly AmbiguousExit[] {
    return this.ambiguousExits;
  }

  /** Fills made at the close of the decision bar (`close` timing): look-ahead-prone. */
  get lookAheadFills(): number {
    return this.lookAheadFillCount;
  }

  /** One report per fill, in fill order: reference price, slippage cost, liquidity, same-bar flag. */
  get fillReports(): readonly FillReport[] {
    return this.reports;
  }

  /** Working orders (accepted or partially filled), in submission order; of one instrument when given. */
  openOrders(instrumentId?: InstrumentId): readonly Order[] {
    return this.book.orders(instrumentId);
  }

  /**
   * Takes an order in status `new` or `pending_new` and accepts it (OrderAccepted) or rejects it
   * (OrderRejected: a duplicate id, an unknown instrument, an oco order that is not a limit at its
   * take-profit). Returns the order as the exchange now holds it. Throws IllegalStateError for any other status.
   */
  submit(order: Order, ts: number): Order {
    if (order.status !== 'new' && order.status !== 'pending_new') {
      throw new IllegalStateError(
        `cannot submit order ${quote(order.id)} in status ${quote(order.status)}: expected new or pending_new`,
      );
    }
    const problem = submissionProblem(order, this.book, this.config.instruments);
    if (problem !== null) {
      const rejected = rejectOrder(order, ts, problem);
      this.emit(events.orderRejected(rejected, ts, problem));
      return rejected;
    }
    const working = this.register(acceptOrder(order, ts), ts + this.latencyMs);
    this.emit(events.orderAccepted(working.order, ts));
    if (order.orderClass === 'oco') this.startLegs([createOcoStopLeg(working.order, ts)], ts, working);
    if (this.config.fillTiming === 'close' && order.timeInForce !== 'opg' && !this.current.active) {
      this.evaluateAtLastClose(working, ts);
    }
    return working.order;
  }

  /**
   * Cancels a working order (OrderCanceled) and, if it is one leg of an OCO pair, the other. A bracket / oto
   * entry canceled after a partial fill starts its exit legs for the filled quantity. NotFoundError when the
   * order is not working here (unknown, or already filled, canceled, expired or rejected).
   */
  cancel(orderId: OrderId, ts: number): Result<Order, NotFoundError> {
    const working = this.book.get(orderId);
    if (working === undefined) return err(this.book.notWorkingError(orderId));
    this.end(working, 'cancel', ts, 'canceled by request', null);
    return ok(working.order);
  }

  /**
   * Amends a working order in place (OrderUpdated; same id). Invalid changes (see model updateOrder) emit
   * OrderReplaceRejected and leave the order as it was. The new terms apply to bars from `ts + latencyMs`;
   * an amended limit counts as newly arrived (taker if marketable).
   */
  replace(
    orderId: OrderId,
    changes: OrderChanges,
    ts: number,
  ): Result<Order, NotFoundError | InvalidInputError> {
    const working = this.book.get(orderId);
    if (working === undefined) return err(this.book.notWorkingError(orderId));
    const updated = updateOrder(working.order, changes, ts);
    if (!updated.ok) {
      this.emit(events.orderReplaceRejected(working.order, ts, updated.error.message));
      return updated;
    }
    working.order = updated.value;
    working.eligibleFrom = Math.max(working.eligibleFrom, ts + this.latencyMs);
    working.rested = false;
    this.emit(events.orderUpdated(working.order, ts));
    return ok(working.order);
  }

  /** Matches the instrument's working orders against the bar, in submission order; bars of one instrument
   * come in increasing tsEvent order, and a malformed bar throws InvalidInputError. */
  processBar(bar: ExchangeBar): void {
    validateExchangeBar(bar, this.lastBars.get(bar.instrumentId)?.tsEvent ?? null);
    this.processCheckedBar(bar);
  }

  /** processBar for a bar known valid and in order (the engine checks its series up front): no field checks. */
  processCheckedBar(bar: ExchangeBar): void {
    if (this.current.active)
      throw new IllegalStateError('processBar cannot run inside an event handler of another bar');
    this.lastBars.record(bar);
    if (this.book.size === 0) return;
    const orders = this.book.ofInstrument(bar.instrumentId);
    if (orders === undefined || orders.size === 0) return;
    this.barSerial += 1;
    this.path.reset(bar.open, bar.high, bar.low, bar.close);
    this.current.enterBar(bar);
    try {
      for (const working of orders.values()) {
        if (working.lastBarSerial === this.barSerial || bar.tsEvent < working.eligibleFrom) continue;
        if (isDayOver(working, bar.tsEvent)) {
          this.end(working, 'expire', bar.tsEvent, null, 0);
          continue;
        }
        // A leg amended with latency may not be eligible yet: its sibling then trades alone on this bar.
        const sibling = working.ocoSibling;
        this.evaluate(working, 0, sibling === null || bar.tsEvent >= sibling.eligibleFrom);
      }
    } finally {
      this.current.leave();
    }
  }

  private evaluateAtLastClose(working: WorkingOrder, ts: number): void {
    const last = this.lastBars.get(working.order.instrumentId);
    if (last === undefined) return;
    this.barSerial += 1;
    this.path.resetPoint(last.close);
    this.current.enterClose(last, ts);
    try {
      this.evaluate(working, 0);
    } finally {
      this.current.leave();
    }
  }

  /** Evaluates an order (or, with `withSibling`, its OCO pair) on the current bar from path time `from`. */
  private evaluate(working: WorkingOrder, from: number, withSibling = true): void {
    const sibling = working.ocoSibling;
    if (sibling !== null && withSibling) {
      this.evaluatePair(working, sibling, from);
      return;
    }
    const window = this.startEvaluation(working, from);
    const match = findMatch(working, this.path, window);
    const shortfall = match === null ? null : this.tryFill(working, match);
    this.finishEvaluation(working, window, shortfall);
  }

  private startEvaluation(working: WorkingOrder, from: number): EvaluationWindow {
    const bar = this.bar();
    working.lastBarSerial = this.barSerial;
    working.tradingDay ??= utcDay(bar.tsEvent);
    return evaluationWindow(working, this.config.fillTiming, from);
  }

  /** Ends the remainder of an opg / cls (expire) or ioc / fok (cancel) order after its only evaluation. */
  private finishEvaluation(working: WorkingOrder, window: EvaluationWindow, shortfall: string | null): void {
    if (!this.isWorking(working)) return;
    if (window.remainder === 'keep') {
      working.rested = true;
      return;
    }
    const ts = window.from === 0 ? this.bar().openTs : this.bar().closeTs;
    this.end(working, window.remainder, ts, remainderReason(working.order, window, shortfall), null);
  }

  /**
   * Both legs of an OCO pair: the leg whose condition the path meets first fills and the other is canceled.
   * When both conditions are met later than the window's start, the bar is ambiguous (recorded).
   */
  private evaluatePair(first: WorkingOrder, second: WorkingOrder, from: number): void {
    const firstWindow = this.startEvaluation(first, from);
    const secondWindow = this.startEvaluation(second, from);
    const firstMatch = findMatch(first, this.path, firstWindow);
    const secondMatch = findMatch(second, this.path, secondWindow);
    const firstWins = firstMatch !== null && (secondMatch === null || firstMatch.time <= secondMatch.time);
    const [winner, winnerMatch, loser, loserMatch] = firstWins
      ? [first, firstMatch, second, secondMatch]
      : [second, secondMatch, first, firstMatch];
    if (winnerMatch !== null && this.tryFill(winner, winnerMatch) === null) {
      if (loserMatch !== null && !winnerMatch.atStart)
        this.recordAmbiguity(winner, winnerMatch, loser, loserMatch);
    }
    for (const working of [first, second]) if (this.isWorking(working)) working.rested = true;
  }

  private recordAmbiguity(winner: WorkingOrder, match: Match, loser: WorkingOrder, loserMatch: Match): void {
    const report = this.reports[this.reports.length - 1];
    invariant(report !== undefined && report.orderId === winner.order.id, 'the winning leg just filled');
    const ts = this.bar().tsEvent;
    this.ambiguousExits.push(
      ambiguousExit(winner.order, loser.order, report, ts, match.price, loserMatch.price),
    );
  }

  /** Fills what the bar allows; returns null on a fill, else why nothing filled (for an ioc / fok reason). */
  private tryFill(working: WorkingOrder, match: Match): string | null {
    const remaining = remainingQuantity(working.order);
    const capacity = participationCapacity(this.config, working.order.instrumentId, this.bar().volume);
    if (working.order.timeInForce === 'fok' && capacity < remaining) {
      return `fok order could not fill ${remaining} in full (the bar allows ${capacity})`;
    }
    const quantity = Math.min(remaining, capacity);
    if (!(quantity > 0)) return `no quantity available (the bar allows ${capacity})`;
    this.executeFill(working, match, quantity);
    return null;
  }

  private executeFill(working: WorkingOrder, match: Match, quantity: number): void {
    const bar = this.bar();
    const order = working.order;
    const price = fillPrice(order, match, quantity, bar, this.config.slippage);
    const commission = chargeCommission(working, quantity, price, match.liquidity, this.config.fees);
    const tsEvent = match.time === 0 ? bar.openTs : bar.closeTs;
    const created = createFillForOrder(order, {
      id: this.ids.nextFillId(),
      quantity,
      price,
      commission,
      liquidity: match.liquidity,
      tsEvent,
    });
    if (!created.ok) throw created.error;
    const fill = created.value;
    working.order = applyFill(order, fill);
    this.reports.push(fillReport(fill, match.price, bar.tsEvent, bar.sameBarClose));
    if (bar.sameBarClose) this.lookAheadFillCount += 1;
    const filled = working.order.status === 'filled';
    if (filled) this.book.remove(working);
    this.emit(events.orderFilled(working.order, fill));
    this.breakPair(working, 'cancel', tsEvent, 'oco: the other leg filled');
    if (filled && hasPendingLegs(working.order)) this.startEntryLegs(working.order, tsEvent, match.time);
  }

  /**
   * Cancels or expires a working order, then its OCO sibling; a partly filled entry starts its legs, evaluated
   * on the current bar from path time `legsFrom` (null: from the next bar).
   */
  private end(
    working: WorkingOrder,
    how: 'cancel' | 'expire',
    ts: number,
    reason: string | null,
    legsFrom: number | null,
  ): void {
    const order = how === 'cancel' ? cancelOrder(working.order, ts, reason) : expireOrder(working.order, ts);
    working.order = order;
    this.book.remove(working);
    this.emit(how === 'cancel' ? events.orderCanceled(order, ts) : events.orderExpired(order, ts));
    this.breakPair(working, how, ts, how === 'cancel' ? 'oco: the other leg was canceled' : null);
    if (hasPendingLegs(order) && order.filledQuantity > 0) this.startEntryLegs(order, ts, legsFrom);
  }

  private breakPair(
    working: WorkingOrder,
    how: 'cancel' | 'expire',
    ts: number,
    reason: string | null,
  ): void {
    const sibling = working.ocoSibling;
    if (sibling === null) return;
    working.ocoSibling = null;
    sibling.ocoSibling = null;
    if (this.isWorking(sibling)) this.end(sibling, how, ts, reason, null);
  }

  /** Starts a filled (or partly filled and ended) entry's exit legs, evaluated at once from path time `from`. */
  private startEntryLegs(entry: Order, ts: number, from: number | null): void {
    const legs = legRolesOf(entry).map((role) => createExitLeg(entry, role, entry.filledQuantity, ts));
    const first = this.startLegs(legs, ts, null);
    if (from !== null) this.evaluate(first, from);
  }

  /** Registers exchange-created legs (OrderInitialized + OrderAccepted); two legs, or a leg and `partner`, form an OCO pair. */
  private startLegs(legs: readonly Order[], ts: number, partner: WorkingOrder | null): WorkingOrder {
    const registered = legs.map((leg) => {
      const working = this.register(acceptOrder(leg, ts), partner?.eligibleFrom ?? ts);
      this.emit(events.orderInitialized(leg, ts));
      this.emit(events.orderAccepted(working.order, ts));
      return working;
    });
    const [first, second = partner] = registered;
    invariant(first !== undefined, 'an order class starts at least one leg');
    if (second !== null) {
      first.ocoSibling = second;
      second.ocoSibling = first;
    }
    return first;
  }

  /** Orders arriving while a bar is evaluated (from an event handler) wait for the next bar. */
  private register(order: Order, eligibleFrom: number): WorkingOrder {
    return this.book.add(order, eligibleFrom, this.current.active ? this.barSerial : -1);
  }

  private isWorking(working: WorkingOrder): boolean {
    return this.book.contains(working);
  }

  private bar(): EvaluatedBar {
    invariant(this.current.active, 'a bar is under evaluation');
    return this.current;
  }
}

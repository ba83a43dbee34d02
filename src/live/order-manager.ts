import type { Clock } from '../core/clock.js';
import { NeuralTraderError } from '../core/errors.js';
import { orderId, type ClientOrderId, type OrderId, type StrategyId } from '../core/ids.js';
import type { ExecutionClient, TradeUpdate } from '../engine/execution-client.types.js';
import { canTransition, isTerminal } from '../model/order-status.js';
import { cancelOrder, rejectOrder, requestCancel, submitOrder } from '../model/order.js';
import type { Fill, Order } from '../model/order.types.js';
import type { FillRepository, OrderRepository } from '../store/repositories.types.js';
import { mergeBrokerOrder } from './merge-broker-order.js';
import { FillLedger } from './fill-ledger.js';
import { toBrokerRequest } from './broker-request.js';
import { ClientOrderSequence } from './client-order-sequence.js';
import type { SequenceStore } from './sequence-store.js';

/** What the manager tells the node: an order changed, a new execution was booked, something failed. */
export type OrderManagerEvent =
  | { readonly type: 'order'; readonly order: Order }
  | { readonly type: 'fill'; readonly order: Order; readonly fill: Fill }
  | { readonly type: 'orphan'; readonly update: TradeUpdate }
  | { readonly type: 'error'; readonly error: Error; readonly order: Order | null };

export interface OrderManagerDeps {
  readonly client: ExecutionClient;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  readonly sequences: SequenceStore;
  readonly clock: Clock;
  /**
   * When the broker reports more filled on an order than the executions booked (a fill event lost with a
   * dropped stream), executions are fetched (listFills) after this delay (default 500 ms), unless the stream
   * delivered them meanwhile.
   */
  readonly catchUpDelayMs?: number;
  /** Attempts to learn the outcome of a send whose answer was lost (default 3), `retryDelayMs` apart. */
  readonly resolveAttempts?: number;
  readonly retryDelayMs?: number;
}

/** Reason of an order the broker never received (found in the journal, not at the broker). */
export const NEVER_SENT = 'never sent: not found at the broker';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** True for a failure that says nothing about whether the broker got the order (network, timeout, 5xx). */
function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof NeuralTraderError) || error.retryable;
}

/**
 * The order manager of a live or paper node. Invariants it keeps:
 * - Client order ids are `<strategy>-<n>`, n from a persisted per-strategy sequence, so an id is never reused
 *   and a re-sent order is recognised by the broker (idempotency key).
 * - An order is journaled (store, status `pending_new`) before it is sent; every later state is saved too.
 *   The journal's id of an order is its client order id; the broker's id is kept beside it in memory and
 *   recovered by client id after a restart.
 * - Broker reports only move an order forward (mergeBrokerOrder); executions are booked once by id.
 * - A send whose answer was lost (connection dropped) is resolved by asking the broker for the client id:
 *   found → adopted; not found → re-sent with the same client id, which the broker cannot duplicate.
 */
export class OrderManager {
  private readonly byClientId = new Map<string, Order>();
  private readonly open = new Map<string, Order>();
  private readonly brokerIds = new Map<string, OrderId>();
  private readonly ledger = new FillLedger();
  private readonly listeners = new Set<(event: OrderManagerEvent) => void>();
  private readonly pending = new Set<Promise<unknown>>();
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly sequences: ClientOrderSequence;

  constructor(private readonly deps: OrderManagerDeps) {
    this.sequences = new ClientOrderSequence(deps.sequences, deps.orders, (work) => {
      void this.background(work, null);
    });
  }

  get client(): ExecutionClient {
    return this.deps.client;
  }

  onEvent(listener: (event: OrderManagerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads the sequences of these strategies (see ClientOrderSequence); required before their first id. */
  loadSequences(strategies: readonly string[]): Promise<void> {
    return this.sequences.load(strategies);
  }

  /** The next client order id of a strategy (synchronous; its journal row is written before the send). */
  nextClientOrderId(strategy: StrategyId | string): ClientOrderId {
    return this.sequences.next(strategy);
  }

  /** Local id of an order: its client order id (the journal's key). */
  static localId(id: ClientOrderId): OrderId {
    return orderId(id);
  }

  /** Every order known in this session (journal included after reconciliation). */
  orders(): Order[] {
    return [...this.byClientId.values()];
  }

  /** Orders not in a terminal status; kept apart so the risk engine's view costs O(open orders) per check. */
  openOrders(): Order[] {
    return [...this.open.values()];
  }

  get(id: ClientOrderId | string): Order | null {
    return this.byClientId.get(id) ?? null;
  }

  brokerId(id: ClientOrderId | string): OrderId | null {
    return this.brokerIds.get(id) ?? null;
  }

  /** Starts tracking an order (created here, or found in the journal at restart). */
  track(order: Order, brokerId: OrderId | null = null): void {
    this.remember(order);
    if (brokerId !== null) this.brokerIds.set(order.clientOrderId, brokerId);
  }

  /** Marks an execution as booked (fills already in the store at restart). */
  markFillSeen(fill: Fill): void {
    this.ledger.add(fill);
  }

  /** Fetches executions since the latest booked one and books those of ours that were missed; resolves to how many. */
  async catchUpFills(): Promise<number> {
    let count = 0;
    for (const fill of await this.deps.client.listFills(this.ledger.latestTs - 1)) {
      if (await this.bookFill(fill)) count++;
    }
    return count;
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer !== null) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null;
      if (![...this.byClientId.values()].some((order) => this.ledger.lags(order))) return;
      void this.background(this.catchUpFills(), null);
    }, this.deps.catchUpDelayMs ?? 500);
    this.catchUpTimer.unref?.();
  }

  /** Records a risk-denied order (never sent) in the journal. */
  journalDenied(order: Order): void {
    this.track(order);
    void this.background(this.deps.orders.save(order), order);
  }

  /**
   * Journals the order as pending_new, then sends it. Resolves to the order as known after the broker's
   * answer; never rejects (failures are events; the order ends rejected or stays pending for reconciliation).
   */
  submit(order: Order): Promise<Order> {
    this.track(order);
    return this.background(this.send(order, true), order);
  }

  private async send(order: Order, mayResend: boolean): Promise<Order> {
    const sent = submitOrder(order, this.deps.clock.now());
    await this.save(sent);
    this.sequences.markUsed(order);
    try {
      const broker = await this.deps.client.submitOrder(toBrokerRequest(order));
      return await this.adopt(broker);
    } catch (error) {
      if (outcomeUnknown(error)) {
        return (
          (await this.resolveUnknown(order.clientOrderId, mayResend)) ??
          (this.get(order.clientOrderId) as Order)
        );
      }
      const current = this.get(order.clientOrderId) ?? sent;
      if (isTerminal(current.status)) return current;
      return this.replace(rejectOrder(current, this.deps.clock.now(), String((error as Error).message)));
    }
  }

  /**
   * Learns the fate of an order whose send outcome is unknown: found at the broker → adopted; not found →
   * re-sent once with the same client id when `resend` (a connection dropped mid-send), else rejected as
   * never sent (a restart: the process died before the broker answered, and a strategy decision that old
   * is not acted on blindly). Lookups that fail are retried; when every one fails the order stays pending
   * and null is returned.
   */
  async resolveUnknown(id: ClientOrderId, resend: boolean): Promise<Order | null> {
    const attempts = this.deps.resolveAttempts ?? 3;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(this.deps.retryDelayMs ?? 200);
      let found: Order | null;
      try {
        found = await this.deps.client.getOrderByClientId(id);
      } catch (error) {
        this.emit({ type: 'error', error: error as Error, order: this.get(id) });
        continue;
      }
      if (found !== null) return this.adopt(found);
      const order = this.get(id) as Order;
      if (resend) return this.send({ ...order, status: 'new' }, false);
      const now = this.deps.clock.now();
      return this.replace(
        canTransition(order.status, 'rejected')
          ? rejectOrder(order, now, NEVER_SENT)
          : cancelOrder(order, now, NEVER_SENT),
      );
    }
    return null;
  }

  /** Applies the broker's view of one of our orders (stream event, submit answer, reconciliation). */
  async adopt(broker: Order): Promise<Order> {
    const local = this.get(broker.clientOrderId);
    if (local === null) throw new Error(`order ${broker.clientOrderId} is not ours`);
    this.brokerIds.set(broker.clientOrderId, broker.id);
    const merged = mergeBrokerOrder(local, broker);
    const current = merged === null ? local : await this.replace(merged);
    if (this.ledger.lags(current)) this.scheduleCatchUp();
    return current;
  }

  /** One event of the broker's trade_updates stream. Duplicates and stale events change nothing. */
  async applyUpdate(update: TradeUpdate): Promise<void> {
    const local = this.get(update.order.clientOrderId);
    if (local === null) {
      this.emit({ type: 'orphan', update });
      return;
    }
    if (update.fill !== null) await this.bookFill(update.fill);
    await this.adopt(update.order);
  }

  /** Books an execution of one of our orders once (by execution id); false for a duplicate or a stranger. */
  async bookFill(raw: Fill): Promise<boolean> {
    const local = this.get(raw.clientOrderId);
    if (local === null || this.ledger.has(raw.id)) return false;
    const fill: Fill = { ...raw, orderId: local.id, strategyId: local.strategyId };
    this.markFillSeen(fill);
    const isNew = await this.deps.fills.append(fill);
    if (isNew) this.emit({ type: 'fill', order: this.get(raw.clientOrderId) as Order, fill });
    return isNew;
  }

  /** Asks the broker to cancel; an order not yet sent is canceled locally. */
  async cancel(id: ClientOrderId): Promise<void> {
    const order = this.get(id);
    if (order === null || isTerminal(order.status)) return;
    const brokerId = this.brokerIds.get(id);
    if (order.status === 'new' || brokerId === undefined) {
      if (order.status === 'new')
        await this.replace(cancelOrder(order, this.deps.clock.now(), 'canceled before send'));
      return;
    }
    if (order.status !== 'pending_cancel') await this.replace(requestCancel(order, this.deps.clock.now()));
    await this.deps.client.cancelOrder(brokerId);
  }

  /** Stops the timers and writes the sequences still unsaved (the node's stop). */
  async dispose(): Promise<void> {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    await this.sequences.flush();
  }

  /** Resolves once every journal write and send started so far has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private remember(order: Order): void {
    this.byClientId.set(order.clientOrderId, order);
    if (isTerminal(order.status)) this.open.delete(order.clientOrderId);
    else this.open.set(order.clientOrderId, order);
  }

  private async replace(order: Order): Promise<Order> {
    this.remember(order);
    await this.save(order);
    this.emit({ type: 'order', order });
    return order;
  }

  private save(order: Order): Promise<void> {
    return this.deps.orders.save(order);
  }

  private background<T>(work: Promise<T>, order: Order | null): Promise<T> {
    const tracked = work.catch((error: unknown) => {
      this.emit({ type: 'error', error: error as Error, order });
      return (order === null ? null : this.get(order.clientOrderId)) as T;
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  private emit(event: OrderManagerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

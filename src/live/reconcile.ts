import type { AccountId } from '../core/ids.js';
import type { BrokerPosition } from '../engine/execution-client.types.js';
import { isTerminal } from '../model/order-status.js';
import type { Fill, Order } from '../model/order.types.js';
import type { FillRepository, OrderRepository } from '../store/repositories.types.js';
import { NEVER_SENT, type OrderManager } from './order-manager.js';

export interface ReconcileDeps {
  readonly manager: OrderManager;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  /** Only journal orders of this broker account are ours to reconcile (the store may hold other accounts'). */
  readonly accountId: AccountId;
  /** Executions before this time are not asked for when the store holds none of ours (epoch ms). */
  readonly since: number;
  /** Journal rows read (default 100,000). */
  readonly journalLimit?: number;
}

export interface PositionDiscrepancy {
  readonly symbol: string;
  /** Net quantity from the fills in our journal. */
  readonly journal: number;
  /** What the broker holds (the truth the node trades from). */
  readonly broker: number;
}

export interface ReconciliationReport {
  /** Journal orders still working before the restart, by outcome. */
  readonly adopted: readonly Order[];
  readonly neverSent: readonly Order[];
  /** Lookups that failed: these stay pending and are tried again. */
  readonly unresolved: readonly Order[];
  /** Open broker orders that are not in our journal: reported, never adopted or duplicated. */
  readonly orphans: readonly Order[];
  /** Executions of our orders booked now that the stream did not deliver while we were down. */
  readonly missedFills: readonly Fill[];
  readonly positions: readonly BrokerPosition[];
  readonly discrepancies: readonly PositionDiscrepancy[];
}

const TOLERANCE = 1e-9;

/**
 * Reconciliation after a (re)start, before any strategy runs (issue 9): the journal's working orders are
 * looked up at the broker by client id (found: the broker's state is adopted; not found: the send never
 * reached it and the order is marked rejected, not re-sent), executions since the last one we booked are
 * fetched and booked once each, open broker orders we do not know are reported as orphans, and the net
 * position of our fills is compared with the broker's per symbol. The broker is the truth: the node trades
 * from its positions, and the discrepancies are reported (fills outside this journal: another tool, a
 * manual trade, or a journal that was reset).
 */
export async function reconcileWithBroker(deps: ReconcileDeps): Promise<ReconciliationReport> {
  const { manager } = deps;
  const client = manager.client;
  const journal = (await deps.orders.list({ limit: deps.journalLimit ?? 100_000 })).filter(
    (order) => order.accountId === deps.accountId,
  );
  for (const order of journal) manager.track(order);
  const ours = new Set(journal.map((order) => order.clientOrderId as string));
  const stored = (await deps.fills.list()).filter((fill) => ours.has(fill.clientOrderId));
  let lastFill = deps.since;
  for (const fill of stored) {
    manager.markFillSeen(fill);
    lastFill = Math.max(lastFill, fill.tsEvent);
  }

  const adopted: Order[] = [];
  const neverSent: Order[] = [];
  const unresolved: Order[] = [];
  for (const order of journal.filter((o) => !isTerminal(o.status))) {
    const after = await manager.resolveUnknown(order.clientOrderId, false);
    if (after === null) unresolved.push(order);
    else if (after.status === 'rejected' && after.reason === NEVER_SENT) neverSent.push(after);
    else adopted.push(after);
  }

  const missedFills: Fill[] = [];
  for (const fill of await client.listFills(lastFill)) {
    if (await manager.bookFill(fill)) missedFills.push(fill);
  }
  const orphans = (await client.listOrders({ status: 'open' })).filter(
    (order) => manager.get(order.clientOrderId) === null,
  );

  const positions = await client.listPositions();
  const journalNet = new Map<string, number>();
  for (const fill of [...stored, ...missedFills]) {
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    journalNet.set(fill.instrumentId, (journalNet.get(fill.instrumentId) ?? 0) + signed);
  }
  const brokerNet = new Map(positions.map((p) => [p.symbol, p.quantity]));
  const discrepancies: PositionDiscrepancy[] = [];
  for (const symbol of new Set([...journalNet.keys(), ...brokerNet.keys()])) {
    const journalQuantity = journalNet.get(symbol) ?? 0;
    const brokerQuantity = brokerNet.get(symbol) ?? 0;
    if (Math.abs(journalQuantity - brokerQuantity) > TOLERANCE) {
      discrepancies.push({ symbol, journal: journalQuantity, broker: brokerQuantity });
    }
  }
  discrepancies.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return { adopted, neverSent, unresolved, orphans, missedFills, positions, discrepancies };
}

import { afterEach, describe, expect, it } from 'vitest';
import { accountId, clientOrderId, instrumentId, strategyId } from '../core/ids.js';
import { createOrder, submitOrder } from '../model/order.js';
import type { Order } from '../model/order.types.js';
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { acmeClose, HISTORY_BARS, livePaperBroker, memoryStore } from './live-market.fixture.js';
import { NEVER_SENT, OrderManager } from './order-manager.js';
import { reconcileWithBroker } from './reconcile.js';
import { MemorySequenceStore } from './sequence-store.js';

let store: SqliteStore;
afterEach(async () => store.close());

function journaled(id: string, symbol: string, quantity: number, account = 'PAPER'): Order {
  const created = createOrder(
    {
      instrumentId: instrumentId(symbol),
      side: 'buy',
      type: 'market',
      quantity,
      strategyId: strategyId('momentum'),
    },
    {
      id: OrderManager.localId(clientOrderId(id)),
      clientOrderId: clientOrderId(id),
      accountId: accountId(account),
    },
    0,
  );
  if (!created.ok) throw created.error;
  return submitOrder(created.value, 0);
}

describe('reconcileWithBroker', () => {
  it('adopts sent orders, rejects never-sent ones, books missed fills, reports orphans and position gaps', async () => {
    store = memoryStore();
    const broker = livePaperBroker();
    // Before the "crash": three journal rows. momentum-2 reached the broker (killed before the answer),
    // momentum-1 did not; another account's row is not ours to touch.
    const neverSent = journaled('momentum-1', 'ACME', 5);
    const sent = journaled('momentum-2', 'ACME', 10);
    const otherAccount = journaled('momentum-3', 'ACME', 7, 'OTHER');
    for (const order of [neverSent, sent, otherAccount]) await store.orders.save(order);
    await broker.execution.submitOrder({
      instrumentId: sent.instrumentId,
      side: 'buy',
      type: 'market',
      quantity: 10,
      clientOrderId: sent.clientOrderId,
    });
    // Orders placed outside this journal: a working limit (an orphan) and a filled BETA buy.
    await broker.execution.submitOrder({
      instrumentId: instrumentId('ACME'),
      side: 'buy',
      type: 'limit',
      limitPrice: 1,
      quantity: 3,
      clientOrderId: clientOrderId('broker-ui-1'),
    });
    await broker.execution.submitOrder({
      instrumentId: instrumentId('BETA'),
      side: 'buy',
      type: 'market',
      quantity: 4,
      clientOrderId: clientOrderId('broker-ui-2'),
    });

    const manager = new OrderManager({
      client: broker.execution,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: broker.replay,
      retryDelayMs: 1,
    });
    const report = await reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    });

    expect(report.neverSent.map((o) => [o.clientOrderId, o.status, o.reason])).toEqual([
      ['momentum-1', 'rejected', NEVER_SENT],
    ]);
    expect(report.adopted.map((o) => [o.clientOrderId, o.status, o.filledQuantity])).toEqual([
      ['momentum-2', 'filled', 10],
    ]);
    expect(report.unresolved).toEqual([]);
    expect(report.missedFills.map((f) => [f.clientOrderId, f.quantity, f.price])).toEqual([
      ['momentum-2', 10, acmeClose(HISTORY_BARS - 1)],
    ]);
    expect(report.orphans.map((o) => o.clientOrderId)).toEqual(['broker-ui-1']);
    expect(report.discrepancies).toEqual([{ symbol: 'BETA', journal: 0, broker: 4 }]);
    // The journal now says the same; the other account's order was left alone and nothing was re-sent.
    expect((await store.orders.getByClientOrderId(clientOrderId('momentum-1')))?.status).toBe('rejected');
    expect((await store.orders.getByClientOrderId(clientOrderId('momentum-3')))?.status).toBe('pending_new');
    expect(await broker.execution.getOrderByClientId(clientOrderId('momentum-1'))).toBeNull();
    expect((await store.fills.list()).map((f) => [f.orderId, f.strategyId])).toEqual([
      ['momentum-2', 'momentum'],
    ]);

    // A second reconciliation finds nothing new: no fill is booked twice.
    const again = await reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    });
    expect(again.missedFills).toEqual([]);
    expect(again.adopted).toEqual([]);
    expect(await store.fills.list()).toHaveLength(1);
  });

  it('leaves an order pending when the broker cannot be asked', async () => {
    store = memoryStore();
    const broker = livePaperBroker();
    const order = journaled('momentum-1', 'ACME', 5);
    await store.orders.save(order);
    const client = broker.execution;
    const failing = Object.assign(
      Object.create(Object.getPrototypeOf(client) as object) as typeof client,
      client,
      {
        getOrderByClientId: () => Promise.reject(new Error('network down')),
      },
    );
    const manager = new OrderManager({
      client: failing,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: broker.replay,
      retryDelayMs: 1,
      resolveAttempts: 2,
    });
    const errors: string[] = [];
    manager.onEvent((event) => {
      if (event.type === 'error') errors.push(event.error.message);
    });
    const report = await reconcileWithBroker({
      manager,
      orders: store.orders,
      fills: store.fills,
      accountId: accountId('PAPER'),
      since: 0,
    });
    expect(report.unresolved.map((o) => o.clientOrderId)).toEqual(['momentum-1']);
    expect(errors).toEqual(['network down', 'network down']);
    expect((await store.orders.getByClientOrderId(clientOrderId('momentum-1')))?.status).toBe('pending_new');
  });
});

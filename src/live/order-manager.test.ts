import { afterEach, describe, expect, it } from 'vitest';
import { NeuralTraderError } from '../core/errors.js';
import { accountId, clientOrderId, instrumentId, strategyId, type ClientOrderId } from '../core/ids.js';
import type { ExecutionClient, TradeUpdate } from '../engine/execution-client.types.js';
import { createOrder } from '../model/order.js';
import type { Order } from '../model/order.types.js';
import type { SqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { acmeClose, eventually, livePaperBroker, memoryStore, HISTORY_BARS } from './live-market.fixture.js';
import { OrderManager } from './order-manager.js';
import { MemorySequenceStore } from './sequence-store.js';

let store: SqliteStore;
afterEach(async () => store.close());

function setup(client?: (inner: ExecutionClient) => ExecutionClient) {
  store = memoryStore();
  const broker = livePaperBroker();
  const sequences = new MemorySequenceStore();
  const manager = new OrderManager({
    client: client === undefined ? broker.execution : client(broker.execution),
    orders: store.orders,
    fills: store.fills,
    sequences,
    clock: broker.replay,
    retryDelayMs: 1,
  });
  return { broker, manager, sequences };
}

function marketBuy(manager: OrderManager, quantity = 10, symbol = 'ACME'): Order {
  const id = manager.nextClientOrderId('momentum');
  const created = createOrder(
    {
      instrumentId: instrumentId(symbol),
      side: 'buy',
      type: 'market',
      quantity,
      strategyId: strategyId('momentum'),
    },
    { id: OrderManager.localId(id), clientOrderId: id, accountId: accountId('PAPER') },
    0,
  );
  if (!created.ok) throw created.error;
  return created.value;
}

describe('OrderManager', () => {
  it('numbers client ids per strategy from the persisted sequence', async () => {
    const { manager, sequences } = setup();
    await sequences.save('momentum', 41);
    await manager.loadSequences(['momentum']);
    expect(manager.nextClientOrderId('momentum')).toBe('momentum-42');
    expect(manager.nextClientOrderId('momentum')).toBe('momentum-43');
    expect(() => manager.nextClientOrderId('pairs')).toThrow(/sequence of strategy pairs was not loaded/);
    // The journal is the durable record: a higher number there wins over the setting.
    await store.orders.save({
      ...marketBuy(manager),
      id: OrderManager.localId(clientOrderId('momentum-57')),
      clientOrderId: clientOrderId('momentum-57'),
    });
    await manager.loadSequences(['momentum']);
    expect(manager.nextClientOrderId('momentum')).toBe('momentum-58');
  });

  it('journals the order as pending_new before the broker sees it, then its fill', async () => {
    const seenAtSend: (Order | null)[] = [];
    const { manager, sequences } = setup((inner) => ({
      ...bind(inner),
      submitOrder: async (request) => {
        seenAtSend.push(await store.orders.getByClientOrderId(request.clientOrderId));
        return inner.submitOrder(request);
      },
    }));
    await manager.loadSequences(['momentum']);
    const order = marketBuy(manager);
    const after = await manager.submit(order);
    expect(seenAtSend[0]?.status).toBe('pending_new');
    await manager.dispose();
    expect(await sequences.load('momentum')).toBe(1);
    // A market order at the paper broker fills at once at the last close (the last history bar).
    expect(after.status).toBe('filled');
    expect(after.averageFillPrice).toBe(acmeClose(HISTORY_BARS - 1));
    expect(after.id).toBe('momentum-1');
    expect((await store.orders.get(after.id))?.status).toBe('filled');
  });

  it('books each execution once and never moves an order backwards', async () => {
    const { broker, manager } = setup();
    await manager.loadSequences(['momentum']);
    const fills: string[] = [];
    manager.onEvent((event) => {
      if (event.type === 'fill') fills.push(event.fill.id);
    });
    const updates: TradeUpdate[] = [];
    await broker.execution.subscribeTradeUpdates((update) => updates.push(update));
    await manager.submit(marketBuy(manager));
    const fillUpdate = updates.find((u) => u.event === 'fill') as TradeUpdate;
    const acceptedUpdate = updates.find((u) => u.event === 'new' || u.event === 'accepted');
    // Replayed stream: the fill twice, then a stale acknowledgement after it.
    await manager.applyUpdate(fillUpdate);
    await manager.applyUpdate(fillUpdate);
    if (acceptedUpdate !== undefined) await manager.applyUpdate(acceptedUpdate);
    await manager.applyUpdate({
      ...fillUpdate,
      event: 'accepted',
      order: { ...fillUpdate.order, status: 'accepted', filledQuantity: 0 },
    });
    expect(fills).toHaveLength(1);
    expect(manager.get('momentum-1')?.status).toBe('filled');
    expect(await store.fills.list()).toHaveLength(1);
  });

  it('fetches executions the stream never delivered once the broker reports the order filled', async () => {
    store = memoryStore();
    const broker = livePaperBroker();
    const manager = new OrderManager({
      client: broker.execution,
      orders: store.orders,
      fills: store.fills,
      sequences: new MemorySequenceStore(),
      clock: broker.replay,
      catchUpDelayMs: 1,
    });
    await manager.loadSequences(['momentum']);
    const booked: number[] = [];
    manager.onEvent((event) => {
      if (event.type === 'fill') booked.push(event.fill.quantity);
    });
    // No trade-update subscription at all: the submit answer says filled, the execution is fetched.
    await manager.submit(marketBuy(manager, 7));
    await eventually(() => (booked.length === 1 ? true : undefined));
    expect(booked).toEqual([7]);
    expect(await manager.catchUpFills()).toBe(0);
    await manager.dispose();
  });

  it('reports updates of orders that are not ours as orphans', async () => {
    const { broker, manager } = setup();
    const foreign = await broker.execution.submitOrder({
      instrumentId: instrumentId('BETA'),
      side: 'buy',
      type: 'limit',
      limitPrice: 10,
      quantity: 1,
      clientOrderId: 'manual-ui-1' as ClientOrderId,
    });
    const events: string[] = [];
    manager.onEvent((event) => events.push(event.type));
    await manager.applyUpdate({ event: 'new', order: foreign, fill: null, tsEvent: 0 });
    expect(events).toEqual(['orphan']);
    expect(manager.orders()).toHaveLength(0);
  });

  it('adopts an order whose acknowledgement was lost (connection dropped after the broker got it)', async () => {
    let calls = 0;
    const { broker, manager } = setup((inner) => ({
      ...bind(inner),
      submitOrder: async (request) => {
        calls++;
        await inner.submitOrder(request);
        throw new NeuralTraderError('UNAVAILABLE', 'socket hang up', { retryable: true });
      },
    }));
    await manager.loadSequences(['momentum']);
    const after = await manager.submit(marketBuy(manager));
    expect(calls).toBe(1);
    expect(after.status).toBe('filled');
    expect(await broker.execution.listOrders({ status: 'all' })).toHaveLength(1);
  });

  it('re-sends with the same client id when the order never reached the broker, and only once', async () => {
    let calls = 0;
    const { broker, manager } = setup((inner) => ({
      ...bind(inner),
      submitOrder: async (request) => {
        calls++;
        if (calls === 1)
          throw new NeuralTraderError('UNAVAILABLE', 'connection refused', { retryable: true });
        return inner.submitOrder(request);
      },
    }));
    await manager.loadSequences(['momentum']);
    const after = await manager.submit(marketBuy(manager));
    expect(calls).toBe(2);
    expect(after.status).toBe('filled');
    const atBroker = await broker.execution.listOrders({ status: 'all' });
    expect(atBroker.map((o) => o.clientOrderId)).toEqual(['momentum-1']);
  });

  it('marks an order the broker refused as rejected, with the reason, and never retries it', async () => {
    let calls = 0;
    const { manager } = setup((inner) => ({
      ...bind(inner),
      submitOrder: (request) => {
        calls++;
        return inner.submitOrder(request);
      },
    }));
    await manager.loadSequences(['momentum']);
    const after = await manager.submit(marketBuy(manager, 1_000_000));
    expect(calls).toBe(1);
    expect(after.status).toBe('rejected');
    expect(after.reason).toMatch(/buying power/i);
  });

  it('cancels a working order at the broker and a never-sent one locally', async () => {
    const { broker, manager } = setup();
    await manager.loadSequences(['momentum']);
    const id = manager.nextClientOrderId('momentum');
    const created = createOrder(
      {
        instrumentId: instrumentId('ACME'),
        side: 'buy',
        type: 'limit',
        limitPrice: 50,
        quantity: 1,
        strategyId: strategyId('momentum'),
      },
      { id: OrderManager.localId(id), clientOrderId: id, accountId: accountId('PAPER') },
      0,
    );
    if (!created.ok) throw created.error;
    await broker.execution.subscribeTradeUpdates((update) => void manager.applyUpdate(update));
    const working = await manager.submit(created.value);
    expect(working.status).toBe('accepted');
    await manager.cancel(id);
    await manager.idle();
    expect(manager.get(id)?.status).toBe('canceled');
    const local = marketBuy(manager);
    manager.track(local);
    await manager.cancel(local.clientOrderId);
    expect(manager.get(local.clientOrderId)?.status).toBe('canceled');
  });
});

/** The client's methods bound to it, so a test can override one and keep the rest. */
function bind(client: ExecutionClient): ExecutionClient {
  return {
    name: client.name,
    live: client.live,
    submitOrder: (r) => client.submitOrder(r),
    cancelOrder: (id) => client.cancelOrder(id),
    replaceOrder: (id, c) => client.replaceOrder(id, c),
    getOrder: (id) => client.getOrder(id),
    getOrderByClientId: (id) => client.getOrderByClientId(id),
    listOrders: (f) => client.listOrders(f),
    listFills: (after) => client.listFills(after),
    listPositions: () => client.listPositions(),
    getAccount: () => client.getAccount(),
    closePosition: (s) => client.closePosition(s),
    subscribeTradeUpdates: (h) => client.subscribeTradeUpdates(h),
  };
}

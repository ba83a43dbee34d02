import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, clientOrderId, instrumentId, orderId, strategyId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function order(id: string, overrides: Partial<Order> = {}): Order {
  return {
    id: orderId(id),
    clientOrderId: clientOrderId(`c-${id}`),
    accountId: null,
    instrumentId: instrumentId('AAPL'),
    strategyId: null,
    side: 'buy',
    type: 'limit',
    timeInForce: 'day',
    orderClass: 'simple',
    quantity: 10,
    limitPrice: 187.25,
    stopPrice: null,
    trailPrice: null,
    trailPercent: null,
    takeProfitPrice: null,
    stopLossPrice: null,
    parentId: null,
    reduceOnly: false,
    status: 'accepted',
    filledQuantity: 0,
    averageFillPrice: null,
    tsInit: 1_000,
    tsLast: 1_000,
    reason: null,
    ...overrides,
  };
}

describe('SqliteOrderRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('round-trips every field, by id and by client order id', async () => {
    const bracket = order('o1', {
      accountId: accountId('acc-1'),
      strategyId: strategyId('sma-cross'),
      orderClass: 'bracket',
      type: 'stop_limit',
      stopPrice: 186.5,
      takeProfitPrice: 195,
      stopLossPrice: 180.1,
      trailPercent: 1.5,
      trailPrice: 2,
      parentId: orderId('o0'),
      reduceOnly: true,
      reason: 'why not',
    });
    await store.orders.save(bracket);
    expect(await store.orders.get(orderId('o1'))).toEqual(bracket);
    expect(await store.orders.getByClientOrderId(clientOrderId('c-o1'))).toEqual(bracket);
    expect(await store.orders.get(orderId('missing'))).toBeNull();
    expect(await store.orders.getByClientOrderId(clientOrderId('missing'))).toBeNull();
  });

  it('saves a new state over the old one (upsert by id)', async () => {
    await store.orders.save(order('o1'));
    const filled = order('o1', {
      status: 'filled',
      filledQuantity: 10,
      averageFillPrice: 187.2,
      tsLast: 2_000,
    });
    await store.orders.save(filled);
    expect(await store.orders.get(orderId('o1'))).toEqual(filled);
    expect(await store.orders.list()).toHaveLength(1);
  });

  it('lists open orders only, oldest first', async () => {
    await store.orders.save(order('a', { status: 'new', tsInit: 3 }));
    await store.orders.save(order('b', { status: 'filled', tsInit: 1 }));
    await store.orders.save(order('c', { status: 'partially_filled', tsInit: 2 }));
    await store.orders.save(order('d', { status: 'canceled', tsInit: 4 }));
    await store.orders.save(order('e', { status: 'pending_cancel', tsInit: 5 }));
    await store.orders.save(order('f', { status: 'rejected', tsInit: 6 }));
    await store.orders.save(order('g', { status: 'expired', tsInit: 7 }));
    await store.orders.save(order('h', { status: 'replaced', tsInit: 8 }));
    expect((await store.orders.listOpen()).map((o) => o.id)).toEqual(['c', 'a', 'e']);
  });

  it('filters by status and instrument, newest first, up to a limit', async () => {
    await store.orders.save(order('a', { tsInit: 1 }));
    await store.orders.save(order('b', { tsInit: 2, instrumentId: instrumentId('MSFT') }));
    await store.orders.save(order('c', { tsInit: 3, status: 'filled' }));
    await store.orders.save(order('d', { tsInit: 4 }));
    expect((await store.orders.list()).map((o) => o.id)).toEqual(['d', 'c', 'b', 'a']);
    expect((await store.orders.list({ status: 'accepted' })).map((o) => o.id)).toEqual(['d', 'b', 'a']);
    expect(
      (await store.orders.list({ instrumentId: instrumentId('AAPL'), status: 'accepted' })).map((o) => o.id),
    ).toEqual(['d', 'a']);
    expect((await store.orders.list({ limit: 2 })).map((o) => o.id)).toEqual(['d', 'c']);
    await expect(store.orders.list({ limit: 0 })).rejects.toThrow(/limit "0" must be an integer >= 1/);
  });

  it('refuses a second order with a client order id already taken', async () => {
    await store.orders.save(order('a'));
    await expect(
      store.orders.save(order('b', { clientOrderId: clientOrderId('c-a') })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

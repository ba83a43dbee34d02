import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderId, fillId, instrumentId, orderId, strategyId } from '../../core/ids.js';
import type { Fill } from '../../model/order.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function fill(id: string, order: string, tsEvent: number, overrides: Partial<Fill> = {}): Fill {
  return {
    id: fillId(id),
    orderId: orderId(order),
    clientOrderId: clientOrderId(`c-${order}`),
    instrumentId: instrumentId('AAPL'),
    strategyId: null,
    side: 'buy',
    quantity: 5,
    price: 101.25,
    commission: 0.35,
    liquidity: 'taker',
    tsEvent,
    ...overrides,
  };
}

describe('SqliteFillRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('records a fill once: appending the same fill id again changes nothing', async () => {
    const first = fill('f1', 'o1', 10, { strategyId: strategyId('s1'), liquidity: 'maker', side: 'sell' });
    expect(await store.fills.append(first)).toBe(true);
    expect(await store.fills.append({ ...first, price: 999 })).toBe(false);
    expect(await store.fills.listByOrder(orderId('o1'))).toEqual([first]);
  });

  it('lists the fills of one order oldest first', async () => {
    await store.fills.append(fill('f3', 'o1', 30));
    await store.fills.append(fill('f1', 'o1', 10));
    await store.fills.append(fill('f2', 'o2', 20));
    expect((await store.fills.listByOrder(orderId('o1'))).map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(await store.fills.listByOrder(orderId('none'))).toEqual([]);
  });

  it('lists fills in a half-open time range', async () => {
    for (const [id, ts] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
    ] as const) {
      await store.fills.append(fill(id, 'o', ts));
    }
    expect((await store.fills.list()).map((f) => f.id)).toEqual(['a', 'b', 'c']);
    expect((await store.fills.list({ from: 20 })).map((f) => f.id)).toEqual(['b', 'c']);
    expect((await store.fills.list({ from: 10, to: 30 })).map((f) => f.id)).toEqual(['a', 'b']);
    expect((await store.fills.list({ to: 10 })).map((f) => f.id)).toEqual([]);
  });
});

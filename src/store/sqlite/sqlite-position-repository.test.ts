import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, instrumentId, positionId, strategyId } from '../../core/ids.js';
import type { Position } from '../../model/position.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function position(
  symbol: string,
  strategy: string | null,
  quantity: number,
  overrides: Partial<Position> = {},
): Position {
  return {
    id: positionId(`${symbol}-${strategy ?? 'none'}`),
    accountId: null,
    instrumentId: instrumentId(symbol),
    strategyId: strategy === null ? null : strategyId(strategy),
    side: quantity > 0 ? 'long' : quantity < 0 ? 'short' : 'flat',
    quantity,
    averagePrice: 100.5,
    realizedPnl: -3.25,
    commissions: 1.1,
    tsOpened: 1_000,
    tsLast: 2_000,
    ...overrides,
  };
}

describe('SqlitePositionRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('keeps one current position per instrument and strategy, strategy-less included', async () => {
    const net = position('AAPL', null, 10, { accountId: accountId('acc') });
    const bySma = position('AAPL', 'sma', -4);
    await store.positions.save(net);
    await store.positions.save(bySma);
    expect(await store.positions.get(instrumentId('AAPL'))).toEqual(net);
    expect(await store.positions.get(instrumentId('AAPL'), null)).toEqual(net);
    expect(await store.positions.get(instrumentId('AAPL'), strategyId('sma'))).toEqual(bySma);
    expect(await store.positions.get(instrumentId('AAPL'), strategyId('other'))).toBeNull();
  });

  it('replaces the position when saved again', async () => {
    await store.positions.save(position('MSFT', 'sma', 10));
    const closed = position('MSFT', 'sma', 0, { realizedPnl: 42, tsLast: 9_000 });
    await store.positions.save(closed);
    expect(await store.positions.list()).toEqual([closed]);
  });

  it('lists positions by instrument, then strategy with no strategy first', async () => {
    await store.positions.save(position('MSFT', null, 1));
    await store.positions.save(position('AAPL', 'zeta', 2));
    await store.positions.save(position('AAPL', null, 3));
    await store.positions.save(position('AAPL', 'alpha', 4));
    expect((await store.positions.list()).map((p) => [p.instrumentId, p.strategyId])).toEqual([
      ['AAPL', null],
      ['AAPL', 'alpha'],
      ['AAPL', 'zeta'],
      ['MSFT', null],
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstrument } from '../../model/instrument.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

describe('SqliteInstrumentRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('round-trips instruments and lists them by symbol', async () => {
    const btc = createInstrument({
      symbol: 'BTC/USD',
      assetClass: 'crypto',
      tickSize: 0.5,
      lotSize: 0.0001,
      name: 'Bitcoin',
    });
    const aapl = createInstrument({ symbol: 'aapl', sector: 'Technology', name: 'Apple Inc.' });
    await store.instruments.upsert([btc, aapl]);
    expect(await store.instruments.get('BTC/USD')).toEqual(btc);
    expect(await store.instruments.get('aapl')).toEqual(aapl);
    expect(await store.instruments.list()).toEqual([aapl, btc]);
  });

  it('replaces an instrument stored under the same symbol', async () => {
    await store.instruments.upsert(createInstrument({ symbol: 'MSFT', tickSize: 0.01 }));
    const updated = createInstrument({ symbol: 'MSFT', tickSize: 0.05, sector: 'Technology' });
    await store.instruments.upsert(updated);
    expect(await store.instruments.list()).toEqual([updated]);
  });

  it('answers null for an unknown symbol and rejects an invalid one', async () => {
    expect(await store.instruments.get('NOPE')).toBeNull();
    await expect(store.instruments.get('')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

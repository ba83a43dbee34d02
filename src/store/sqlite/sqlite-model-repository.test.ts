import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRecord } from '../repositories.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function model(
  id: string,
  name: string,
  version: number,
  blob = new Uint8Array([version, 1, 2, 3]),
): ModelRecord {
  return {
    id,
    name,
    kind: 'nhits',
    version,
    createdAt: 1_700_000_000_000 + version,
    metrics: { mae: 0.5 / version, coverage: [0.8, 0.95] },
    params: { horizon: 24, layers: 3 },
    blob,
  };
}

describe('SqliteModelRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('round-trips the weights blob byte for byte, from a view into a larger buffer too', async () => {
    const weights = new Float32Array(50_000).map((_, i) => Math.sin(i));
    const bytes = new Uint8Array(weights.buffer);
    const record = model('m1', 'btc-nhits', 1, bytes.subarray(4, bytes.length - 4));
    await store.models.save(record);
    const loaded = await store.models.get('m1');
    expect(loaded).not.toBeNull();
    expect(loaded?.blob).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(loaded?.blob ?? []).equals(Buffer.from(record.blob))).toBe(true);
    expect({ ...loaded, blob: null }).toEqual({ ...record, blob: null });
    expect(await store.models.get('nope')).toBeNull();
  });

  it('finds the latest version of a name', async () => {
    await store.models.save(model('m2', 'btc', 2));
    await store.models.save(model('m10', 'btc', 10));
    await store.models.save(model('m3', 'btc', 3));
    await store.models.save(model('e1', 'eth', 11));
    expect((await store.models.latest('btc'))?.id).toBe('m10');
    expect(await store.models.latest('doge')).toBeNull();
  });

  it('lists summaries without weights, by name then version', async () => {
    await store.models.save(model('b2', 'b', 2));
    await store.models.save(model('a1', 'a', 1));
    await store.models.save(model('b1', 'b', 1));
    const all = await store.models.list();
    expect(all.map((m) => m.id)).toEqual(['a1', 'b1', 'b2']);
    expect(all[0]).not.toHaveProperty('blob');
    expect(all[0]?.metrics).toEqual({ mae: 0.5, coverage: [0.8, 0.95] });
    expect((await store.models.list({ name: 'b' })).map((m) => m.id)).toEqual(['b1', 'b2']);
  });

  it('replaces a model saved again under its id, and refuses another id for a taken name and version', async () => {
    await store.models.save(model('m1', 'btc', 1));
    await store.models.save({ ...model('m1', 'btc', 1), blob: new Uint8Array([9]) });
    expect(Array.from((await store.models.get('m1'))?.blob ?? [])).toEqual([9]);
    await expect(store.models.save(model('other', 'btc', 1))).rejects.toThrow(
      /model "btc" version "1" is already stored as "m1"/,
    );
    await expect(store.models.save(model('m0', 'btc', 0))).rejects.toThrow(
      /model version "0" must be an integer >= 1/,
    );
  });
});

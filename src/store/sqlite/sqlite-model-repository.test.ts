import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRecord, ModelStage } from '../repositories.types.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function model(
  id: string,
  name: string,
  version: number,
  blob = new Uint8Array([version, 1, 2, 3]),
  stage: ModelStage = 'candidate',
): ModelRecord {
  return {
    id,
    name,
    kind: 'nhits',
    version,
    createdAt: 1_700_000_000_000 + version,
    stage,
    dataFingerprint: `sha256:${id}`,
    codeVersion: '0.1.0/1/abc',
    metrics: { mae: 0.5 / version, coverage: [0.8, 0.95] },
    params: { horizon: 24, layers: 3 },
    history: { loss: [3, 2, 1] },
    blob,
  };
}

describe('SqliteModelRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('round-trips every field and the weights blob byte for byte, from a view into a larger buffer too', async () => {
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

  it('lists summaries without weights or history, by name then version, filtered by name and stage', async () => {
    await store.models.save(model('b2', 'b', 2));
    await store.models.save(model('a1', 'a', 1));
    await store.models.save(model('b1', 'b', 1, undefined, 'archived'));
    const all = await store.models.list();
    expect(all.map((m) => m.id)).toEqual(['a1', 'b1', 'b2']);
    expect(all[0]).not.toHaveProperty('blob');
    expect(all[0]).not.toHaveProperty('history');
    expect(all[0]?.metrics).toEqual({ mae: 0.5, coverage: [0.8, 0.95] });
    expect(all[0]?.stage).toBe('candidate');
    expect((await store.models.list({ name: 'b' })).map((m) => m.id)).toEqual(['b1', 'b2']);
    expect((await store.models.list({ stage: 'archived' })).map((m) => m.id)).toEqual(['b1']);
    await expect(store.models.list({ stage: 'live' as ModelStage })).rejects.toThrow(
      /model stage "live" must be one of candidate, production, archived/,
    );
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

  it('promotes one production model per name, archiving the previous one in the same step', async () => {
    await store.models.save(model('v1', 'btc', 1));
    await store.models.save(model('v2', 'btc', 2));
    await store.models.save(model('e1', 'eth', 1, undefined, 'production'));
    expect(await store.models.production('btc')).toBeNull();
    expect((await store.models.setStage('v1', 'production')).stage).toBe('production');
    expect((await store.models.production('btc'))?.id).toBe('v1');
    await store.models.setStage('v2', 'production');
    const stages = (await store.models.list()).map((m) => [m.id, m.stage]);
    expect(stages).toEqual([
      ['v1', 'archived'],
      ['v2', 'production'],
      ['e1', 'production'],
    ]);
    // Promoting the production model again changes nothing.
    await store.models.setStage('v2', 'production');
    expect((await store.models.production('btc'))?.id).toBe('v2');
    await expect(store.models.setStage('zzz', 'archived')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.models.setStage('v1', 'gold' as ModelStage)).rejects.toThrow(/model stage "gold"/);
  });

  it('refuses to save a second production model of a name; the index refuses it in raw SQL too', async () => {
    await store.models.save(model('v1', 'btc', 1, undefined, 'production'));
    await expect(store.models.save(model('v2', 'btc', 2, undefined, 'production'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await store.models.save(model('v1', 'btc', 1, undefined, 'production')); // itself: a replace
    const db = new Database(':memory:');
    runMigrations(db);
    const insert = db.prepare(
      `INSERT INTO models (id, name, kind, version, created_at, metrics, params, blob, stage)
       VALUES (?, 'x', 'nhits', ?, 0, '{}', '{}', x'00', 'production')`,
    );
    insert.run('a', 1);
    expect(() => insert.run('b', 2)).toThrow(/UNIQUE constraint failed/);
    db.close();
  });

  it('deletes a model by id', async () => {
    await store.models.save(model('v1', 'btc', 1));
    expect(await store.models.delete('v1')).toBe(true);
    expect(await store.models.get('v1')).toBeNull();
    expect(await store.models.delete('v1')).toBe(false);
  });
});

describe('migration 8', () => {
  it('keeps models stored before it as candidates without fingerprint, code version or history', () => {
    const db = new Database(':memory:');
    runMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version < 8),
    );
    db.prepare(
      `INSERT INTO models (id, name, kind, version, created_at, metrics, params, blob)
       VALUES ('old', 'btc', 'nhits', 1, 5, '{"mae":1}', '{}', x'0102')`,
    ).run();
    runMigrations(db);
    const row = db
      .prepare('SELECT stage, data_fingerprint, code_version, history FROM models WHERE id = ?')
      .get('old');
    expect(row).toEqual({ stage: 'candidate', data_fingerprint: null, code_version: null, history: 'null' });
    db.close();
  });
});

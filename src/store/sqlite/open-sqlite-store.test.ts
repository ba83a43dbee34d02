import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSeries } from '../../data/bar-series.js';
import { createInstrument } from '../../model/instrument.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './open-sqlite-store.js';

describe('openSqliteStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nt-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent folders and a WAL database with the documented settings', async () => {
    const path = join(dir, 'a', 'b', 'store.db');
    const store = openSqliteStore({ path, busyTimeoutMs: 1_234 });
    expect(existsSync(path)).toBe(true);
    expect(store.path).toBe(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.settings()).toEqual({
      journalMode: 'wal',
      synchronous: 'normal',
      foreignKeys: true,
      busyTimeoutMs: 1_234,
      pageSize: 16_384,
      readonly: false,
    });
    await store.close();
  });

  it('keeps data across reopening and migrates only once', async () => {
    const path = join(dir, 'store.db');
    const first = openSqliteStore({ path });
    await first.instruments.upsert(createInstrument({ symbol: 'AAPL' }));
    await first.close();
    const second = openSqliteStore({ path });
    expect((await second.instruments.list()).map((i) => i.symbol)).toEqual(['AAPL']);
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    await second.close();
  });

  it('refuses a database written by a newer version, naming both versions', () => {
    const path = join(dir, 'store.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER)',
    );
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(MIGRATIONS.length + 1, 'future');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(
      expect.objectContaining({
        code: 'STORE_FAILURE',
        message: expect.stringMatching(
          new RegExp(
            `schema version "${MIGRATIONS.length + 1}" is newer than the ${MIGRATIONS.length} this program knows`,
          ),
        ) as unknown,
      }),
    );
  });

  it('opens read-only: reads work, writes are refused, and no migration runs', async () => {
    const path = join(dir, 'store.db');
    const writer = openSqliteStore({ path });
    await writer.bars.upsertBars(
      BarSeries.fromBars('AAPL', '1d', [{ tsEvent: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]),
    );
    await writer.close();
    const reader = openSqliteStore({ path, readonly: true });
    expect(reader.settings().readonly).toBe(true);
    expect((await reader.bars.loadBars('AAPL', '1d')).close[0]).toBe(1.5);
    await expect(reader.instruments.upsert(createInstrument({ symbol: 'MSFT' }))).rejects.toMatchObject({
      code: 'STORE_FAILURE',
      message: expect.stringMatching(/SQLITE_READONLY/) as unknown,
    });
    await reader.close();
  });

  it('refuses read-only access to a database that needs migrating', () => {
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.close();
    expect(() => openSqliteStore({ path, readonly: true })).toThrow(
      new RegExp(`older than the ${MIGRATIONS.length} this program needs; open it once read-write`),
    );
  });

  it('rejects impossible options with clear messages', () => {
    expect(() => openSqliteStore({ path: '' })).toThrow(/store path "" must be a file path/);
    expect(() => openSqliteStore({ path: ':memory:', readonly: true })).toThrow(/cannot be opened read-only/);
    expect(() => openSqliteStore({ path: ':memory:', busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs "-1"/);
    expect(() => openSqliteStore({ path: join(dir, 'missing.db'), readonly: true })).toThrow(
      /cannot open store/,
    );
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(
      path,
      'this is not a database, just a long enough line of plain text to fill a header page.',
    );
    expect(() => openSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'STORE_FAILURE' }));
  });

  it('reports integrity problems, including rows whose parent is missing', async () => {
    const path = join(dir, 'store.db');
    const store = openSqliteStore({ path });
    expect(await store.integrityCheck()).toEqual([]);
    const raw = new Database(path);
    raw.pragma('foreign_keys = OFF'); // to plant an orphan row the store itself would refuse
    raw.prepare('INSERT INTO article_symbols (symbol, article_id) VALUES (?, ?)').run('AAPL', 'ghost');
    raw.close();
    const problems = await store.integrityCheck();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/of article_symbols references a missing articles row/);
    await store.close();
    await store.close();
  });

  it('reports an article search index that no longer matches the articles', async () => {
    const path = join(dir, 'store.db');
    const store = openSqliteStore({ path });
    await store.articles.upsert({
      id: 'a1',
      source: 'test',
      url: 'https://example.com/a1',
      title: 'Acme beats estimates',
      body: 'Record quarter.',
      publishedAt: 1_000,
      symbols: ['ACME'],
      sentiment: null,
    });
    expect(await store.integrityCheck()).toEqual([]);
    const raw = new Database(path);
    raw.exec('DROP TRIGGER articles_fts_update'); // so the title changes behind the index's back
    raw.prepare('UPDATE articles SET title = ?').run('Acme misses estimates');
    raw.close();
    const problems = await store.integrityCheck();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^article search index: /);
    await store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertSchemaCurrent, runMigrations, schemaVersion } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations.js';

const tables = (db: Database.Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('runMigrations', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  it('applies every migration once, in order, and records each in schema_migrations', () => {
    const outcome = runMigrations(db);
    expect(outcome).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: MIGRATIONS.length });
    const ledger = db
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all() as {
      version: number;
      name: string;
      applied_at: number;
    }[];
    expect(ledger.map((row) => [row.version, row.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    // applied_at is epoch ms, set by SQLite's clock: after 2020 and not absurdly far in the future.
    for (const row of ledger) expect(row.applied_at).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'instruments',
        'bar_chunks',
        'orders',
        'fills',
        'positions',
        'runs',
        'models',
        'articles',
      ]),
    );
  });

  it('is idempotent: a second start-up applies nothing and changes nothing', () => {
    runMigrations(db);
    const before = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    expect(runMigrations(db)).toEqual({ applied: [], version: MIGRATIONS.length });
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
  });

  it('applies only the migrations a database lacks', () => {
    runMigrations(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(runMigrations(db).applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
  });

  it('refuses a database whose schema is newer than the code knows', () => {
    runMigrations(db);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(99, 'from the future');
    expect(() => runMigrations(db)).toThrow(
      new RegExp(`schema version "99" is newer than the ${MIGRATIONS.length} this program knows`),
    );
  });

  it('refuses a database whose recorded migrations differ from the code (another program)', () => {
    runMigrations(db, [{ version: 1, name: 'someone else', sql: 'CREATE TABLE other (x)' }]);
    expect(() => runMigrations(db)).toThrow(
      /migration 1 is "someone else" but this program's is "instruments and bar chunks"/,
    );
  });

  it('rolls a failing migration back whole and keeps the earlier ones', () => {
    const broken: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x)' },
      {
        version: 2,
        name: 'two',
        sql: 'CREATE TABLE b (x); CREATE TABLE c (x); INSERT INTO nowhere VALUES (1)',
      },
    ];
    expect(() => runMigrations(db, broken)).toThrow(/no such table: nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a', 'schema_migrations']);
  });

  it('rejects a migration list with gaps in its versions', () => {
    expect(() => runMigrations(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(
      /has version 2, expected 1/,
    );
  });

  it('reports version 0 for a database never migrated', () => {
    expect(schemaVersion(db)).toBe(0);
  });
});

describe('assertSchemaCurrent', () => {
  it('accepts a current database and refuses an older one with a hint to migrate', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 2));
    expect(() => assertSchemaCurrent(db)).toThrow(
      new RegExp(`schema version "2" is older than the ${MIGRATIONS.length} this program needs`),
    );
    runMigrations(db);
    expect(() => assertSchemaCurrent(db)).not.toThrow();
    db.close();
  });

  it('refuses an empty database', () => {
    const db = new Database(':memory:');
    expect(() => assertSchemaCurrent(db)).toThrow(/schema version "0" is older/);
    db.close();
  });
});

describe('concurrent start-up', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nt-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a second connection find the work done by the first', () => {
    const path = join(dir, 'store.db');
    const first = new Database(path);
    const second = new Database(path);
    expect(runMigrations(first).applied).toHaveLength(MIGRATIONS.length);
    expect(runMigrations(second).applied).toEqual([]);
    first.close();
    second.close();
  });
});

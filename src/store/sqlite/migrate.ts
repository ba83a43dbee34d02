import type Database from 'better-sqlite3';
import { NeuralTraderError, invariant, quote } from '../../core/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export interface MigrationOutcome {
  /** Versions applied by this call, in order (empty when the database was already current). */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly version: number;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
  )`;

interface AppliedRow {
  readonly version: number;
  readonly name: string;
}

/**
 * Brings the schema up to the newest known migration. Each migration runs in its own IMMEDIATE transaction
 * together with its ledger row in `schema_migrations`, so a failure leaves the previous version intact and
 * two processes starting at once cannot apply the same step twice (the second re-reads the ledger under the
 * write lock and skips it). Refuses a database whose schema is newer than the code, or whose ledger names
 * differ from the code's (a different program's database).
 */
export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationOutcome {
  checkMigrationList(migrations);
  db.exec(CREATE_LEDGER);
  assertCompatible(readLedger(db), migrations);
  const insertLedger = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const applied: number[] = [];
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version) !== undefined) return false;
      db.exec(migration.sql);
      insertLedger.run(migration.version, migration.name);
      return true;
    });
    if (apply.immediate()) applied.push(migration.version);
  }
  const ledger = readLedger(db);
  assertCompatible(ledger, migrations);
  return { applied, version: ledger.at(-1)?.version ?? 0 };
}

/** The schema version recorded in the database (0 for a database never migrated). */
export function schemaVersion(db: Database.Database): number {
  const ledgerExists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get();
  if (ledgerExists === undefined) return 0;
  return readLedger(db).at(-1)?.version ?? 0;
}

/**
 * For read-only connections, which cannot migrate: the database must be exactly at the code's version.
 */
export function assertSchemaCurrent(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  checkMigrationList(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const version = schemaVersion(db);
  if (version > 0) assertCompatible(readLedger(db), migrations);
  if (version < latest) {
    throw new NeuralTraderError(
      'STORE_FAILURE',
      `database schema version ${quote(version)} is older than the ${latest} this program needs; open it once read-write to migrate it`,
    );
  }
}

function readLedger(db: Database.Database): AppliedRow[] {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

function assertCompatible(ledger: readonly AppliedRow[], migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const newest = ledger.at(-1)?.version ?? 0;
  if (newest > latest) {
    throw new NeuralTraderError(
      'STORE_FAILURE',
      `database schema version ${quote(newest)} is newer than the ${latest} this program knows; use a newer neural-trader or another database file`,
    );
  }
  for (const row of ledger) {
    const known = migrations[row.version - 1];
    if (known?.name !== row.name) {
      throw new NeuralTraderError(
        'STORE_FAILURE',
        `database migration ${row.version} is ${quote(row.name)} but this program's is ${quote(known?.name)}; the file belongs to another program`,
      );
    }
  }
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    invariant(
      migration.version === index + 1,
      `migration ${quote(migration.name)} has version ${migration.version}, expected ${index + 1}`,
    );
  });
}

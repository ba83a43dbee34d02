export type * from './repositories.types.js';
export { RUN_KINDS, RUN_STATUSES } from './repositories.types.js';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/open-sqlite-store.js';
export { MIGRATIONS, type Migration } from './sqlite/migrations.js';
export { runMigrations, schemaVersion, type MigrationOutcome } from './sqlite/migrate.js';

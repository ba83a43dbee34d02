import Database from 'better-sqlite3';
import { NeuralTraderError, quote } from '../../core/errors.js';
import type { ApiKeyRepository, SettingRepository } from '../api-repositories.types.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { settle, toStoreError } from './settle.js';
import { SqliteApiKeyRepository } from './sqlite-api-key-repository.js';
import { SqliteSettingRepository } from './sqlite-setting-repository.js';

export interface ApiRepositories {
  readonly apiKeys: ApiKeyRepository;
  readonly settings: SettingRepository;
  close(): Promise<void>;
}

/**
 * The API server's repositories over the store's database file, on a connection of their own (WAL lets
 * several connections of one process share the file). The schema is brought up to date first, which is a
 * no-op for a store that was just opened. For ':memory:' this is a separate in-memory database, which
 * lives as long as the server, like the store it accompanies.
 */
export function openApiRepositories(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): ApiRepositories {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 5_000 });
  } catch (error) {
    throw new NeuralTraderError('STORE_FAILURE', `cannot open store ${quote(path)}: ${String(error)}`, {
      cause: error,
    });
  }
  try {
    db.pragma('foreign_keys = ON');
    runMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
  return {
    apiKeys: new SqliteApiKeyRepository(db),
    settings: new SqliteSettingRepository(db),
    close: () =>
      settle(() => {
        if (db.open) db.close();
      }),
  };
}

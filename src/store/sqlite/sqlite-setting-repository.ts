import type Database from 'better-sqlite3';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SettingRepository, StoredSetting } from '../api-repositories.types.js';
import type { JsonValue } from '../repositories.types.js';
import { fromJsonText, toJsonText } from './json-column.js';
import { settle } from './settle.js';

/** Named JSON settings in SQLite (table `settings`). */
export class SqliteSettingRepository implements SettingRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  get(key: string): Promise<StoredSetting | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], { value: string; updatedAt: number }>(
          'SELECT value, updated_at AS updatedAt FROM settings WHERE key = ?',
        )
        .get(key);
      return row === undefined ? null : { value: fromJsonText(row.value), updatedAt: row.updatedAt };
    });
  }

  put(key: string, value: JsonValue, updatedAt: number): Promise<void> {
    return settle(() => {
      if (key.trim() === '') throw new InvalidInputError(`setting key ${quote(key)} must not be empty`);
      if (!Number.isFinite(updatedAt)) {
        throw new InvalidInputError(`setting time ${quote(updatedAt)} must be epoch ms`);
      }
      this.db
        .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run(key, toJsonText(value, `setting ${key}`), updatedAt);
    });
  }
}

import Database from 'better-sqlite3';
import { NeuralTraderError } from '../../core/errors.js';

/**
 * Runs synchronous SQLite work behind the asynchronous repository ports: resolves with its value, or rejects
 * (never throws synchronously), with SQLite's own errors translated into NeuralTraderErrors.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(toStoreError(error));
  }
}

/**
 * A uniqueness clash becomes `CONFLICT`; a busy or locked database `STORE_FAILURE` marked retryable; anything
 * else from SQLite `STORE_FAILURE`. Errors that are not SQLite's (our own typed errors, a throwing callback)
 * pass through unchanged (a thrown non-Error is wrapped in an Error).
 */
export function toStoreError(error: unknown): Error {
  if (!(error instanceof Database.SqliteError))
    return error instanceof Error ? error : new Error(String(error));
  const conflict = error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  const retryable = error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED');
  return new NeuralTraderError(
    conflict ? 'CONFLICT' : 'STORE_FAILURE',
    `sqlite ${error.code}: ${error.message}`,
    {
      retryable,
      cause: error,
    },
  );
}

import type Database from 'better-sqlite3';
import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import type { RunId } from '../../core/ids.js';
import type { JsonValue, StoredTrial, TrialRepository } from '../repositories.types.js';
import { float64Bytes, float64Values } from './float64-blob.js';
import { fromJsonText, toJsonText } from './json-column.js';
import { settle } from './settle.js';

interface TrialRow {
  readonly trialId: string;
  readonly trialIndex: number;
  readonly params: string;
  readonly metrics: string;
  readonly returns: Buffer;
  readonly returnTs: Buffer;
  readonly error: string | null;
  readonly durationMs: number;
}

const COLUMNS = `trial_id AS trialId, trial_index AS trialIndex, params, metrics, returns, return_ts AS returnTs,
  error, duration_ms AS durationMs`;

/**
 * Optimization trials in SQLite. Each save is one INSERT in its own (implicit) transaction, committed before
 * the promise settles: a process killed mid-run loses at most the trial being written, never a half row.
 * `INSERT ... ON CONFLICT DO NOTHING` makes a repeated delivery of a trial id a no-op.
 */
export class SqliteTrialRepository implements TrialRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  save(runId: RunId, trial: StoredTrial): Promise<boolean> {
    return settle(() => {
      if (trial.returns.length !== trial.returnTs.length) {
        throw new InvalidInputError(
          `trial ${quote(trial.id)} has ${trial.returns.length} returns but ${trial.returnTs.length} return times`,
        );
      }
      if (!Number.isInteger(trial.index) || trial.index < 0) {
        throw new InvalidInputError(`trial index ${quote(trial.index)} must be an integer >= 0`);
      }
      const exists = this.db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck().get(runId);
      if (exists === undefined) throw new NotFoundError(`run ${quote(runId)} does not exist`);
      const outcome = this.db
        .prepare(
          `INSERT INTO optimization_trials
             (run_id, trial_id, trial_index, params, metrics, returns, return_ts, error, duration_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_id, trial_id) DO NOTHING`,
        )
        .run(
          runId,
          trial.id,
          trial.index,
          toJsonText(trial.params, 'trial params'),
          toJsonText(encodeMetrics(trial.metrics), 'trial metrics'),
          float64Bytes(trial.returns),
          float64Bytes(trial.returnTs),
          trial.error,
          trial.durationMs,
        );
      return outcome.changes === 1;
    });
  }

  list(runId: RunId): Promise<StoredTrial[]> {
    return settle(() =>
      this.db
        .prepare<[string], TrialRow>(
          `SELECT ${COLUMNS} FROM optimization_trials WHERE run_id = ? ORDER BY trial_index, trial_id`,
        )
        .all(runId)
        .map(toTrial),
    );
  }

  completedIds(runId: RunId): Promise<Set<string>> {
    return settle(
      () =>
        new Set(
          this.db
            .prepare<[string], string>(
              'SELECT trial_id FROM optimization_trials WHERE run_id = ? ORDER BY trial_id',
            )
            .pluck()
            .all(runId),
        ),
    );
  }
}

/** JSON has no ±Infinity: they are written as the strings "Infinity" / "-Infinity" (as metricsToJson does). */
function encodeMetrics(metrics: Readonly<Record<string, number | null>>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(metrics)) {
    out[name] =
      value === Number.POSITIVE_INFINITY
        ? 'Infinity'
        : value === Number.NEGATIVE_INFINITY
          ? '-Infinity'
          : value;
  }
  return out;
}

function decodeMetrics(json: JsonValue): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(json as Record<string, JsonValue>)) {
    out[name] =
      value === 'Infinity'
        ? Number.POSITIVE_INFINITY
        : value === '-Infinity'
          ? Number.NEGATIVE_INFINITY
          : (value as number | null);
  }
  return out;
}

function toTrial(row: TrialRow): StoredTrial {
  return {
    id: row.trialId,
    index: row.trialIndex,
    params: fromJsonText(row.params) as StoredTrial['params'],
    metrics: decodeMetrics(fromJsonText(row.metrics)),
    returns: float64Values(row.returns),
    returnTs: float64Values(row.returnTs),
    durationMs: row.durationMs,
    error: row.error,
  };
}

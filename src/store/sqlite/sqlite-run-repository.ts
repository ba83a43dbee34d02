import type Database from 'better-sqlite3';
import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import type { RunId } from '../../core/ids.js';
import type {
  Run,
  RunKind,
  RunListFilter,
  RunColumns,
  RunRepository,
  RunStatus,
  RunUpdate,
} from '../repositories.types.js';
import { float64Bytes, float64Values } from './float64-blob.js';
import { fromJsonText, toJsonText } from './json-column.js';
import { settle } from './settle.js';

const DEFAULT_LIMIT = 1_000;

const COLUMNS = 'id, kind, status, config, metrics, started_at AS startedAt, finished_at AS finishedAt';

interface RunRow {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly config: string;
  readonly metrics: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export class SqliteRunRepository implements RunRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  create(run: Run, columns: RunColumns = {}): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        this.insert(run);
        const put = this.db.prepare('INSERT INTO run_columns (run_id, name, data) VALUES (?, ?, ?)');
        for (const [name, values] of Object.entries(columns)) put.run(run.id, name, float64Bytes(values));
      })(),
    );
  }

  columns(id: RunId): Promise<Record<string, Float64Array>> {
    return settle(() => {
      if (this.getNow(id) === null) throw new NotFoundError(`run ${quote(id)} does not exist`);
      const rows = this.db
        .prepare('SELECT name, data FROM run_columns WHERE run_id = ? ORDER BY name')
        .all(id) as { name: string; data: Buffer }[];
      const out: Record<string, Float64Array> = {};
      for (const row of rows) out[row.name] = float64Values(row.data);
      return out;
    });
  }

  private insert(run: Run): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, kind, status, config, metrics, started_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.kind,
        run.status,
        toJsonText(run.config, 'run config'),
        run.metrics === null ? null : toJsonText(run.metrics, 'run metrics'),
        run.startedAt,
        run.finishedAt,
      );
  }

  update(id: RunId, update: RunUpdate): Promise<Run> {
    return settle(() =>
      this.db.transaction(() => {
        const current = this.getNow(id);
        if (current === null) throw new NotFoundError(`run ${quote(id)} does not exist`);
        const next: Run = { ...current, ...update };
        this.db
          .prepare('UPDATE runs SET status = ?, metrics = ?, finished_at = ? WHERE id = ?')
          .run(
            next.status,
            next.metrics === null ? null : toJsonText(next.metrics, 'run metrics'),
            next.finishedAt,
            id,
          );
        return next;
      })(),
    );
  }

  get(id: RunId): Promise<Run | null> {
    return settle(() => this.getNow(id));
  }

  list(filter: RunListFilter = {}): Promise<Run[]> {
    return settle(() => {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1)
        throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
      return this.db
        .prepare<[{ kind: string | null; status: string | null; limit: number }], RunRow>(
          `SELECT ${COLUMNS} FROM runs WHERE (@kind IS NULL OR kind = @kind) AND (@status IS NULL OR status = @status)
            ORDER BY started_at DESC, id DESC LIMIT @limit`,
        )
        .all({ kind: filter.kind ?? null, status: filter.status ?? null, limit })
        .map(toRun);
    });
  }

  private getNow(id: RunId): Run | null {
    const row = this.db.prepare<[string], RunRow>(`SELECT ${COLUMNS} FROM runs WHERE id = ?`).get(id);
    return row === undefined ? null : toRun(row);
  }
}

function toRun(row: RunRow): Run {
  return {
    id: row.id as RunId,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    config: fromJsonText(row.config),
    metrics: row.metrics === null ? null : fromJsonText(row.metrics),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

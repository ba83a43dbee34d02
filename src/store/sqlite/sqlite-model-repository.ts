import type Database from 'better-sqlite3';
import { InvalidInputError, NeuralTraderError, quote } from '../../core/errors.js';
import type { ModelRecord, ModelRepository, ModelSummary } from '../repositories.types.js';
import { fromJsonText, toJsonText } from './json-column.js';
import { settle } from './settle.js';

const SUMMARY_COLUMNS = 'id, name, kind, version, created_at AS createdAt, metrics, params';

interface SummaryRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly version: number;
  readonly createdAt: number;
  readonly metrics: string;
  readonly params: string;
}

type RecordRow = SummaryRow & { readonly blob: Buffer };

export class SqliteModelRepository implements ModelRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  save(model: ModelRecord): Promise<void> {
    return settle(() => {
      if (!Number.isInteger(model.version) || model.version < 1) {
        throw new InvalidInputError(`model version ${quote(model.version)} must be an integer >= 1`);
      }
      this.db.transaction(() => {
        const holder = this.db
          .prepare<[string, number], string>('SELECT id FROM models WHERE name = ? AND version = ?')
          .pluck()
          .get(model.name, model.version);
        if (holder !== undefined && holder !== model.id) {
          throw new NeuralTraderError(
            'CONFLICT',
            `model ${quote(model.name)} version ${quote(model.version)} is already stored as ${quote(holder)}`,
          );
        }
        this.db
          .prepare(
            `INSERT OR REPLACE INTO models (id, name, kind, version, created_at, metrics, params, blob)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            model.id,
            model.name,
            model.kind,
            model.version,
            model.createdAt,
            toJsonText(model.metrics, 'model metrics'),
            toJsonText(model.params, 'model params'),
            Buffer.from(model.blob.buffer, model.blob.byteOffset, model.blob.byteLength),
          );
      })();
    });
  }

  get(id: string): Promise<ModelRecord | null> {
    return settle(() => this.one('WHERE id = ?', id));
  }

  latest(name: string): Promise<ModelRecord | null> {
    return settle(() => this.one('WHERE name = ? ORDER BY version DESC LIMIT 1', name));
  }

  list(filter: { readonly name?: string } = {}): Promise<ModelSummary[]> {
    return settle(() =>
      this.db
        .prepare<[{ name: string | null }], SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM models WHERE @name IS NULL OR name = @name ORDER BY name, version`,
        )
        .all({ name: filter.name ?? null })
        .map(toSummary),
    );
  }

  private one(clause: string, value: string): ModelRecord | null {
    const row = this.db
      .prepare<[string], RecordRow>(`SELECT ${SUMMARY_COLUMNS}, blob FROM models ${clause}`)
      .get(value);
    if (row === undefined) return null;
    // A plain Uint8Array view over the fetched bytes (better-sqlite3 hands out a fresh Buffer).
    return {
      ...toSummary(row),
      blob: new Uint8Array(row.blob.buffer, row.blob.byteOffset, row.blob.byteLength),
    };
  }
}

function toSummary(row: SummaryRow): ModelSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    version: row.version,
    createdAt: row.createdAt,
    metrics: fromJsonText(row.metrics),
    params: fromJsonText(row.params),
  };
}

import type Database from 'better-sqlite3';
import { InvalidInputError, NeuralTraderError, NotFoundError, quote } from '../../core/errors.js';
import {
  MODEL_STAGES,
  type ModelListFilter,
  type ModelRecord,
  type ModelRepository,
  type ModelStage,
  type ModelSummary,
} from '../repositories.types.js';
import { fromJsonText, toJsonText } from './json-column.js';
import { settle } from './settle.js';

const SUMMARY_COLUMNS =
  'id, name, kind, version, created_at AS createdAt, stage, data_fingerprint AS dataFingerprint, ' +
  'code_version AS codeVersion, metrics, params';

interface SummaryRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly version: number;
  readonly createdAt: number;
  readonly stage: string;
  readonly dataFingerprint: string | null;
  readonly codeVersion: string | null;
  readonly metrics: string;
  readonly params: string;
}

type RecordRow = SummaryRow & { readonly history: string; readonly blob: Buffer };

function checkStage(stage: unknown): ModelStage {
  if (!(MODEL_STAGES as readonly unknown[]).includes(stage)) {
    throw new InvalidInputError(`model stage ${quote(stage)} must be one of ${MODEL_STAGES.join(', ')}`);
  }
  return stage as ModelStage;
}

/**
 * The model registry's table (migrations 3 and 8). "One production model per name" is enforced twice: the
 * partial unique index models_one_production refuses a second one, and setStage archives the current holder in
 * the same transaction as the promotion, so a promotion never fails on it. A save that would add a second
 * production model of a name is refused with CONFLICT.
 */
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
      const stage = checkStage(model.stage);
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
        const producer = this.productionId(model.name);
        if (stage === 'production' && producer !== undefined && producer !== model.id) {
          throw new NeuralTraderError(
            'CONFLICT',
            `model ${quote(model.name)} already has a production version (${quote(producer)}); save as a candidate and promote it`,
          );
        }
        this.db
          .prepare(
            `INSERT OR REPLACE INTO models (id, name, kind, version, created_at, stage, data_fingerprint,
               code_version, metrics, params, history, blob)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            model.id,
            model.name,
            model.kind,
            model.version,
            model.createdAt,
            stage,
            model.dataFingerprint,
            model.codeVersion,
            toJsonText(model.metrics, 'model metrics'),
            toJsonText(model.params, 'model params'),
            toJsonText(model.history, 'model history'),
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

  production(name: string): Promise<ModelRecord | null> {
    return settle(() => this.one(`WHERE name = ? AND stage = 'production'`, name));
  }

  list(filter: ModelListFilter = {}): Promise<ModelSummary[]> {
    return settle(() => {
      if (filter.stage !== undefined) checkStage(filter.stage);
      return this.db
        .prepare<[{ name: string | null; stage: string | null }], SummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM models
            WHERE (@name IS NULL OR name = @name) AND (@stage IS NULL OR stage = @stage)
            ORDER BY name, version`,
        )
        .all({ name: filter.name ?? null, stage: filter.stage ?? null })
        .map(toSummary);
    });
  }

  setStage(id: string, stage: ModelStage): Promise<ModelSummary> {
    return settle(() => {
      const wanted = checkStage(stage);
      return this.db.transaction(() => {
        const name = this.db
          .prepare<[string], string>('SELECT name FROM models WHERE id = ?')
          .pluck()
          .get(id);
        if (name === undefined) throw new NotFoundError(`model ${quote(id)} is not in the registry`);
        if (wanted === 'production') {
          this.db
            .prepare(
              `UPDATE models SET stage = 'archived' WHERE name = ? AND stage = 'production' AND id <> ?`,
            )
            .run(name, id);
        }
        this.db.prepare('UPDATE models SET stage = ? WHERE id = ?').run(wanted, id);
        return toSummary(
          this.db
            .prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM models WHERE id = ?`)
            .get(id) as SummaryRow,
        );
      })();
    });
  }

  delete(id: string): Promise<boolean> {
    return settle(() => this.db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0);
  }

  private productionId(name: string): string | undefined {
    return this.db
      .prepare<[string], string>(`SELECT id FROM models WHERE name = ? AND stage = 'production'`)
      .pluck()
      .get(name);
  }

  private one(clause: string, value: string): ModelRecord | null {
    const row = this.db
      .prepare<[string], RecordRow>(`SELECT ${SUMMARY_COLUMNS}, history, blob FROM models ${clause}`)
      .get(value);
    if (row === undefined) return null;
    // A plain Uint8Array view over the fetched bytes (better-sqlite3 hands out a fresh Buffer).
    return {
      ...toSummary(row),
      history: fromJsonText(row.history),
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
    stage: checkStage(row.stage),
    dataFingerprint: row.dataFingerprint,
    codeVersion: row.codeVersion,
    metrics: fromJsonText(row.metrics),
    params: fromJsonText(row.params),
  };
}

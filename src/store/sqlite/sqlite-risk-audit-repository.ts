import type Database from 'better-sqlite3';
import { InvalidInputError, quote } from '../../core/errors.js';
import { RISK_AUDIT_KINDS, type RiskAuditEntry } from '../../risk/risk-audit.types.js';
import type { RiskAuditListFilter, RiskAuditRepository } from '../repositories.types.js';
import { settle } from './settle.js';

const DEFAULT_LIMIT = 1_000;

/** The risk audit log in SQLite: one row per entry, the entry itself as JSON (see migration 4). */
export class SqliteRiskAuditRepository implements RiskAuditRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  append(entries: readonly RiskAuditEntry[]): Promise<void> {
    return settle(() => {
      if (entries.length === 0) return;
      const insert = this.db.prepare(
        'INSERT INTO risk_audit (ts, kind, rule, instrument_id, entry) VALUES (?, ?, ?, ?, ?)',
      );
      // One transaction: an entry that fails (here or in SQLite) rolls back the ones before it.
      this.db.transaction(() => {
        entries.forEach((entry, index) => {
          assertEntry(entry, index);
          insert.run(
            entry.ts,
            entry.kind,
            'rule' in entry ? entry.rule : null,
            'instrumentId' in entry ? entry.instrumentId : null,
            JSON.stringify(entry, keepNonFinite),
          );
        });
      })();
    });
  }

  list(filter: RiskAuditListFilter = {}): Promise<RiskAuditEntry[]> {
    return settle(() => {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1)
        throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
      return this.db
        .prepare<[{ from: number; to: number; kind: string | null; limit: number }], string>(
          `SELECT entry FROM risk_audit WHERE ts >= @from AND ts < @to AND (@kind IS NULL OR kind = @kind)
            ORDER BY ts, seq LIMIT @limit`,
        )
        .pluck()
        .all({
          from: filter.from ?? -Number.MAX_VALUE,
          to: filter.to ?? Number.MAX_VALUE,
          kind: filter.kind ?? null,
          limit,
        })
        .map((text) => JSON.parse(text) as RiskAuditEntry);
    });
  }
}

function assertEntry(entry: RiskAuditEntry, index: number): void {
  if (!(RISK_AUDIT_KINDS as readonly string[]).includes(entry.kind)) {
    throw new InvalidInputError(
      `risk audit entry [${index}] kind ${quote(entry.kind)} must be one of ${RISK_AUDIT_KINDS.join(', ')}`,
    );
  }
  if (!Number.isFinite(entry.ts))
    throw new InvalidInputError(
      `risk audit entry [${index}] ts ${quote(entry.ts)} must be a finite epoch ms`,
    );
}

/** JSON.stringify replacer: NaN and ±Infinity (JSON would write null) become "NaN", "Infinity", "-Infinity". */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

import type Database from 'better-sqlite3';
import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import { ACCESS_ROLES, type ApiKeyRecord, type ApiKeyRepository } from '../api-repositories.types.js';
import { settle } from './settle.js';

const COLUMNS =
  'id, name, role, salt, hash, created_at AS createdAt, created_by AS createdBy, revoked_at AS revokedAt';
const HEX = /^[0-9a-f]+$/;

/** API keys in SQLite (table `api_keys`): one row per key, the secret only as a salted hash. */
export class SqliteApiKeyRepository implements ApiKeyRepository {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], ApiKeyRecord>;

  constructor(db: Database.Database) {
    this.db = db;
    // Prepared once: the key lookup runs on every request authenticated by an API key.
    this.selectOne = db.prepare<[string], ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`);
  }

  create(record: ApiKeyRecord): Promise<void> {
    return settle(() => {
      assertRecord(record);
      this.db
        .prepare(
          `INSERT INTO api_keys (id, name, role, salt, hash, created_at, created_by, revoked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.id,
          record.name,
          record.role,
          record.salt,
          record.hash,
          record.createdAt,
          record.createdBy,
          record.revokedAt,
        );
    });
  }

  get(id: string): Promise<ApiKeyRecord | null> {
    return settle(() => this.selectOne.get(id) ?? null);
  }

  list(): Promise<ApiKeyRecord[]> {
    return settle(() =>
      this.db.prepare<[], ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`).all(),
    );
  }

  revoke(id: string, at: number): Promise<ApiKeyRecord> {
    return settle(() => {
      if (!Number.isFinite(at)) throw new InvalidInputError(`revocation time ${quote(at)} must be epoch ms`);
      const changed = this.db
        .prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
        .run(at, id).changes;
      if (changed === 0) throw new NotFoundError(`API key ${quote(id)} does not exist`);
      return this.selectOne.get(id) as ApiKeyRecord;
    });
  }
}

function assertRecord(record: ApiKeyRecord): void {
  if (record.id.trim() === '')
    throw new InvalidInputError(`API key id ${quote(record.id)} must not be empty`);
  if (record.name.trim() === '') {
    throw new InvalidInputError(`API key name ${quote(record.name)} must not be empty`);
  }
  if (!(ACCESS_ROLES as readonly string[]).includes(record.role)) {
    throw new InvalidInputError(
      `API key role ${quote(record.role)} must be one of ${ACCESS_ROLES.join(', ')}`,
    );
  }
  for (const [field, value] of [
    ['salt', record.salt],
    ['hash', record.hash],
  ] as const) {
    if (!HEX.test(value)) throw new InvalidInputError(`API key ${field} must be lower-case hex`);
  }
  if (!Number.isFinite(record.createdAt)) {
    throw new InvalidInputError(`API key createdAt ${quote(record.createdAt)} must be epoch ms`);
  }
}

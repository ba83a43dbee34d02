import type { JsonValue } from './repositories.types.js';

/**
 * Persistence ports of the API server: API keys and small named settings (the risk limits and the trading
 * state the operator set). Same conventions as repositories.types.ts: Promises, NeuralTraderError rejections
 * (`CONFLICT`, `NOT_FOUND`, `INVALID_INPUT`, `STORE_FAILURE`), epoch ms.
 */

/** Who may do what: `viewer` reads and analyses; `trader` may also change trading state and risk limits. */
export const ACCESS_ROLES = ['viewer', 'trader'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/**
 * A stored API key. The secret itself is never stored: only `hash`, the SHA-256 of the salt followed by the
 * secret (hex), so a copy of the database does not reveal usable keys.
 */
export interface ApiKeyRecord {
  /** The public identifier, also part of the key text (it selects the row to check). */
  readonly id: string;
  readonly name: string;
  readonly role: AccessRole;
  /** 16 random bytes, hex. */
  readonly salt: string;
  /** SHA-256(salt ‖ secret), hex. */
  readonly hash: string;
  readonly createdAt: number;
  /** The user or key that created it. */
  readonly createdBy: string;
  readonly revokedAt: number | null;
}

export interface ApiKeyRepository {
  /** Rejects with CONFLICT when the id exists. */
  create(record: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | null>;
  /** Oldest first (by createdAt, then id), revoked keys included. */
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked at `at` (a key revoked earlier keeps its first time); NOT_FOUND when unknown. */
  revoke(id: string, at: number): Promise<ApiKeyRecord>;
}

export interface StoredSetting {
  readonly value: JsonValue;
  readonly updatedAt: number;
}

/** Named JSON settings the server keeps across restarts. */
export interface SettingRepository {
  get(key: string): Promise<StoredSetting | null>;
  /** Inserts or replaces. */
  put(key: string, value: JsonValue, updatedAt: number): Promise<void>;
}

import { InvalidInputError, quote } from '../../core/errors.js';
import {
  ACCESS_ROLES,
  type AccessRole,
  type ApiKeyRecord,
  type ApiKeyRepository,
} from '../../store/api-repositories.types.js';
import { HttpError, unauthorized } from '../http-error.js';
import { generateApiKey, looksLikeApiKey, parseApiKey, secretMatches } from './api-key-secrets.js';
import type { BootstrapUser } from './bootstrap-user.js';
import type { JwtTokens } from './jwt-tokens.js';
import type { LoginThrottle } from './login-throttle.js';
import { roleAllows, type Principal } from './principal.js';

/** An API key as listed: everything but the salt and hash. */
export type ApiKeySummary = Omit<ApiKeyRecord, 'salt' | 'hash'>;

export interface AuthenticatorParts {
  readonly tokens: JwtTokens;
  /** Null when AUTH_USERNAME / AUTH_PASSWORD are not set: nobody can log in, API keys still work. */
  readonly user: BootstrapUser | null;
  readonly apiKeys: ApiKeyRepository;
  readonly throttle: LoginThrottle;
  readonly now?: () => number;
}

/**
 * Authentication when AUTH_ENABLED=true: bearer JWTs from POST /auth/login (the bootstrap user, role trader)
 * and API keys (`Authorization: Bearer ntk_...` or `X-API-Key: ntk_...`) with the role they were created with.
 */
export class Authenticator {
  private readonly parts: AuthenticatorParts;
  private readonly now: () => number;

  constructor(parts: AuthenticatorParts) {
    this.parts = parts;
    this.now = parts.now ?? Date.now;
  }

  /** The caller of a credential (a JWT or an API key); a 401 HttpError when it is missing or not valid. */
  async authenticate(credential: string | undefined): Promise<Principal> {
    if (credential === undefined || credential === '') {
      throw unauthorized('authentication required: send Authorization: Bearer <token or API key>');
    }
    if (!looksLikeApiKey(credential)) return this.parts.tokens.verify(credential);
    const parsed = parseApiKey(credential);
    const record = parsed === null ? null : await this.parts.apiKeys.get(parsed.id);
    if (parsed === null || record === null || !secretMatches(parsed.secret, record.salt, record.hash)) {
      throw unauthorized('the API key is not valid');
    }
    if (record.revokedAt !== null) throw unauthorized('the API key has been revoked');
    return { subject: `key:${record.id}`, role: record.role, via: 'api-key' };
  }

  /**
   * Checks the bootstrap user's name and password and issues a token. Throttled per user name and per
   * client address: while either is locked out the answer is 429 with Retry-After, checked before the
   * password so a locked-out guesser learns nothing.
   */
  async login(
    username: string,
    password: string,
    clientAddress: string,
  ): Promise<{ token: string; expiresAt: number; subject: string; role: AccessRole }> {
    const keys = [`user:${username.toLowerCase()}`, `address:${clientAddress}`];
    const waitMs = this.parts.throttle.retryAfterMs(keys);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError('RATE_LIMITED', `too many failed logins: try again in ${seconds} s`, {
        'retry-after': String(seconds),
      });
    }
    const user = this.parts.user;
    if (user === null) {
      throw unauthorized('no user is configured: set AUTH_USERNAME and AUTH_PASSWORD, or use an API key');
    }
    if (!(await user.verify(username, password))) {
      this.parts.throttle.failed(keys);
      throw unauthorized('wrong user name or password');
    }
    this.parts.throttle.succeeded(keys);
    const role: AccessRole = 'trader';
    return { ...(await this.parts.tokens.sign(username, role)), subject: username, role };
  }

  /** Creates a key no stronger than its creator's role; the full key text is returned only here. */
  async createApiKey(
    name: string,
    role: AccessRole,
    creator: Principal,
  ): Promise<{ key: string; apiKey: ApiKeySummary }> {
    if (!(ACCESS_ROLES as readonly string[]).includes(role)) {
      throw new InvalidInputError(`role ${quote(role)} must be one of ${ACCESS_ROLES.join(', ')}`);
    }
    if (!roleAllows(creator.role, role)) {
      throw new HttpError('FORBIDDEN', `a ${creator.role} cannot create a key with role ${role}`);
    }
    const generated = generateApiKey();
    const record: ApiKeyRecord = {
      id: generated.id,
      name,
      role,
      salt: generated.salt,
      hash: generated.hash,
      createdAt: this.now(),
      createdBy: creator.subject,
      revokedAt: null,
    };
    await this.parts.apiKeys.create(record);
    return { key: generated.text, apiKey: summary(record) };
  }

  async listApiKeys(): Promise<ApiKeySummary[]> {
    return (await this.parts.apiKeys.list()).map(summary);
  }

  async revokeApiKey(id: string): Promise<ApiKeySummary> {
    return summary(await this.parts.apiKeys.revoke(id, this.now()));
  }
}

function summary(record: ApiKeyRecord): ApiKeySummary {
  const { salt: _salt, hash: _hash, ...rest } = record;
  return rest;
}

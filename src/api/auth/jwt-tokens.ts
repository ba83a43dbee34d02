import { errors, jwtVerify, SignJWT } from 'jose';
import { ACCESS_ROLES, type AccessRole } from '../../store/api-repositories.types.js';
import { unauthorized } from '../http-error.js';
import type { Principal } from './principal.js';

export interface JwtTokensOptions {
  /** JWT_SECRET_KEY: at least 32 characters (the config enforces it). */
  readonly secret: string;
  /** Lifetime of a token (default 24 h). */
  readonly ttlSeconds?: number;
  readonly now?: () => number;
  /** Verified tokens remembered (default 10,000). */
  readonly cacheSize?: number;
}

export const JWT_ISSUER = 'neural-trader';
export const JWT_AUDIENCE = 'neural-trader-api';

interface CachedToken {
  readonly principal: Principal;
  /** Expiry, epoch ms. */
  readonly expiresAt: number;
}

/**
 * HS256 bearer tokens (jose). Verification pins the algorithm (a token signed with `none` or RS256 is
 * refused), the issuer and the audience, and checks expiry against the injected clock. A token that verified
 * is remembered until it expires, bounded in number (oldest forgotten first): its signature cannot change,
 * so checking it again on every request would only spend time (HMAC through WebCrypto is about 20 µs, more
 * than the rest of a cheap request). Only verified tokens enter the cache, so a forged one is always checked.
 */
export class JwtTokens {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, CachedToken>();

  constructor(options: JwtTokensOptions) {
    this.key = new TextEncoder().encode(options.secret);
    this.ttlSeconds = options.ttlSeconds ?? 24 * 60 * 60;
    this.now = options.now ?? Date.now;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  async sign(subject: string, role: AccessRole): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: expiresAt * 1000 };
  }

  /** The token's principal; a 401 HttpError saying why when it is expired, forged or malformed. */
  async verify(token: string): Promise<Principal> {
    const cached = this.cache.get(token);
    if (cached !== undefined) {
      if (this.now() < cached.expiresAt) return cached.principal;
      this.cache.delete(token);
      throw unauthorized('the token has expired: log in again');
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('the token has expired: log in again');
      throw unauthorized('the token is not valid');
    }
    const role = payload['role'];
    if (typeof role !== 'string' || !(ACCESS_ROLES as readonly string[]).includes(role)) {
      throw unauthorized('the token carries no valid role');
    }
    const principal: Principal = { subject: payload.sub as string, role: role as AccessRole, via: 'jwt' };
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { principal, expiresAt: (payload.exp as number) * 1000 });
    return principal;
  }
}

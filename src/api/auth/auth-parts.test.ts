import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  generateApiKey,
  hashSecret,
  looksLikeApiKey,
  parseApiKey,
  secretMatches,
} from './api-key-secrets.js';
import { BootstrapUser } from './bootstrap-user.js';
import { JWT_AUDIENCE, JWT_ISSUER, JwtTokens } from './jwt-tokens.js';
import { LoginThrottle } from './login-throttle.js';
import { roleAllows } from './principal.js';

const SECRET = 'unit-secret-0123456789abcdef0123456789abcdef';

describe('API key secrets', () => {
  it('generates ntk_<16 hex>_<43 base64url> keys whose stored hash is SHA-256(salt ‖ secret)', () => {
    const key = generateApiKey();
    expect(key.text).toMatch(/^ntk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key.text);
    expect(parsed?.id).toBe(key.id);
    const independent = createHash('sha256')
      .update(Buffer.concat([Buffer.from(key.salt, 'hex'), Buffer.from(parsed?.secret ?? '', 'utf8')]))
      .digest('hex');
    expect(key.hash).toBe(independent);
    expect(key.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(secretMatches(parsed?.secret ?? '', key.salt, key.hash)).toBe(true);
    expect(generateApiKey().text).not.toBe(key.text);
  });

  it('rejects a wrong secret, a wrong salt and malformed keys', () => {
    const key = generateApiKey();
    const secret = parseApiKey(key.text)?.secret ?? '';
    const other = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(secretMatches(other, key.salt, key.hash)).toBe(false);
    expect(secretMatches(secret, '00'.repeat(16), key.hash)).toBe(false);
    expect(secretMatches(secret, key.salt, 'abcd')).toBe(false); // stored hash of another length
    expect(parseApiKey('ntk_short_x')).toBeNull();
    expect(parseApiKey(`${key.text}x`)).toBeNull();
    expect(looksLikeApiKey(key.text)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOi...')).toBe(false);
    expect(hashSecret(key.salt, secret)).toBe(key.hash);
  });
});

describe('JwtTokens', () => {
  it('signs HS256 tokens with subject, role, issuer, audience and a 24 h expiry, and verifies them', async () => {
    const now = 1_700_000_000_000;
    const tokens = new JwtTokens({ secret: SECRET, now: () => now });
    const { token, expiresAt } = await tokens.sign('alice', 'trader');
    expect(expiresAt).toBe(now + 24 * 3600 * 1000);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      sub: 'alice',
      role: 'trader',
      iss: JWT_ISSUER,
      aud: JWT_AUDIENCE,
      iat: now / 1000,
    });
    expect(await tokens.verify(token)).toEqual({ subject: 'alice', role: 'trader', via: 'jwt' });
  });

  it('refuses expired tokens, also once they were verified and remembered', async () => {
    let now = 1_700_000_000_000;
    const tokens = new JwtTokens({ secret: SECRET, ttlSeconds: 60, now: () => now });
    const { token } = await tokens.sign('alice', 'viewer');
    await tokens.verify(token); // remembered
    now += 61_000;
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
    const fresh = new JwtTokens({ secret: SECRET, now: () => now });
    await expect(fresh.verify(token)).rejects.toMatchObject({ statusCode: 401, message: /expired/ });
  });

  it('refuses forged tokens: another key, alg none, another audience, no valid role', async () => {
    const tokens = new JwtTokens({ secret: SECRET });
    const key = (text: string) => new TextEncoder().encode(text);
    const signed = (claims: Record<string, unknown>, secret = SECRET, audience = JWT_AUDIENCE) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer(JWT_ISSUER)
        .setAudience(audience)
        .setExpirationTime('1h')
        .sign(key(secret));
    await expect(
      tokens.verify(await signed({ role: 'trader' }, 'another-secret-0123456789abcdef0123')),
    ).rejects.toThrow(/not valid/);
    await expect(tokens.verify(await signed({ role: 'trader' }, SECRET, 'someone-else'))).rejects.toThrow(
      /not valid/,
    );
    await expect(tokens.verify(await signed({ role: 'admin' }))).rejects.toThrow(/no valid role/);
    const none = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          sub: 'mallory',
          role: 'trader',
          iss: JWT_ISSUER,
          aud: JWT_AUDIENCE,
          exp: 9_999_999_999,
        }),
      ).toString('base64url'),
      '',
    ].join('.');
    await expect(tokens.verify(none)).rejects.toThrow(/not valid/);
    await expect(tokens.verify('not-a-token')).rejects.toThrow(/not valid/);
  });

  it('remembers at most cacheSize verified tokens', async () => {
    const tokens = new JwtTokens({ secret: SECRET, cacheSize: 2 });
    const issued = await Promise.all(['a', 'b', 'c'].map((s) => tokens.sign(s, 'viewer')));
    for (const { token } of issued) await tokens.verify(token);
    const cache = (tokens as unknown as { cache: Map<string, unknown> }).cache;
    expect(cache.size).toBe(2);
    expect(cache.has(issued[0]?.token ?? '')).toBe(false);
  });
});

describe('LoginThrottle', () => {
  it('locks a key out after maxFailures, doubles the lockout on the next failure, and clears on success', () => {
    let now = 0;
    const throttle = new LoginThrottle({
      maxFailures: 3,
      lockoutMs: 1_000,
      maxLockoutMs: 3_000,
      now: () => now,
    });
    const keys = ['user:alice'];
    throttle.failed(keys);
    throttle.failed(keys);
    expect(throttle.retryAfterMs(keys)).toBe(0);
    throttle.failed(keys);
    expect(throttle.retryAfterMs(keys)).toBe(1_000);
    now = 1_000;
    expect(throttle.retryAfterMs(keys)).toBe(0);
    throttle.failed(keys); // right after a lockout: locked again, twice as long
    expect(throttle.retryAfterMs(keys)).toBe(2_000);
    now = 3_000;
    throttle.failed(keys);
    expect(throttle.retryAfterMs(keys)).toBe(3_000); // capped
    throttle.succeeded(keys);
    expect(throttle.retryAfterMs(keys)).toBe(0);
  });

  it('answers for the most locked of several keys and forgets the oldest beyond maxKeys', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, lockoutMs: 500, maxKeys: 2, now: () => 0 });
    throttle.failed(['user:a']);
    expect(throttle.retryAfterMs(['user:b', 'user:a'])).toBe(500);
    throttle.failed(['user:b']);
    throttle.failed(['user:c']); // 'user:a' is forgotten
    expect(throttle.retryAfterMs(['user:a'])).toBe(0);
    expect(throttle.retryAfterMs(['user:c'])).toBe(500);
  });
});

describe('BootstrapUser', () => {
  it('stores an argon2id hash and accepts only the right name and password', async () => {
    const user = new BootstrapUser('alice', 's3cret pass');
    expect(await user.storedHash()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await user.verify('alice', 's3cret pass')).toBe(true);
    expect(await user.verify('alice', 's3cret pasS')).toBe(false);
    expect(await user.verify('bob', 's3cret pass')).toBe(false);
    expect(await user.verify('', '')).toBe(false);
  });
});

describe('roles', () => {
  it('trader includes viewer, not the other way round', () => {
    expect(roleAllows('trader', 'viewer')).toBe(true);
    expect(roleAllows('trader', 'trader')).toBe(true);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'trader')).toBe(false);
  });
});

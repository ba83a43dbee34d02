import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_ENV,
  call,
  JWT_SECRET,
  PASSWORD,
  seededDirectory,
  startTestServer,
  USERNAME,
  type Json,
  type TestServer,
} from './api-test-server.js';

describe('authentication on', () => {
  let server: TestServer;
  let clock = Date.now();
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({
      cwd: await seededDirectory('SPY', '60'),
      env: AUTH_ENV,
      now: () => clock,
      loginThrottle: { maxFailures: 3, lockoutMs: 60_000 },
    });
    const login = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    token = login.body['token'] as string;
  });
  afterAll(() => server.close());

  it('keeps /health, /gpu-status and /metrics public and refuses everything else without a credential', async () => {
    for (const path of ['/health', '/gpu-status', '/metrics', '/openapi.json'])
      expect((await call(server, 'GET', path)).status).toBe(200);
    const denied = await call(server, 'GET', '/strategies');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="neural-trader"');
    expect(denied.body).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/authentication required/) as unknown,
    });
    expect((await call(server, 'GET', '/strategies', { token: 'garbage' })).status).toBe(401);
  });

  it('logs in with the bootstrap user and a token that works, expiring in 24 h', async () => {
    const login = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    expect(login.body).toMatchObject({ tokenType: 'Bearer', subject: USERNAME, role: 'trader' });
    const expiresIn = Date.parse(login.body['expiresAt'] as string) - clock;
    expect(Math.abs(expiresIn - 24 * 3600 * 1000)).toBeLessThan(1_000);
    const verify = await call(server, 'GET', '/auth/verify', { token });
    expect(verify.body).toEqual({
      authenticated: true,
      authEnabled: true,
      subject: USERNAME,
      role: 'trader',
      via: 'jwt',
    });
    expect((await call(server, 'GET', '/strategies', { token })).status).toBe(200);
  });

  it('refuses a wrong password or user name with one message, and bad login bodies naming the field', async () => {
    const wrong = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body['message']).toBe('wrong user name or password');
    const who = await call(server, 'POST', '/auth/login', {
      body: { username: 'mallory', password: PASSWORD },
    });
    expect(who.body['message']).toBe('wrong user name or password');
    const missing = await call(server, 'POST', '/auth/login', { body: { username: USERNAME } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'INVALID_INPUT', field: 'body.password' });
    // A successful login clears the failures of this user and address.
    expect(
      (await call(server, 'POST', '/auth/login', { body: { username: USERNAME, password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('refuses expired and forged tokens', async () => {
    const forged = await new SignJWT({ role: 'trader' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(USERNAME)
      .setIssuer('neural-trader')
      .setAudience('neural-trader-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(`${JWT_SECRET}-but-not-quite`));
    const refused = await call(server, 'GET', '/strategies', { token: forged });
    expect(refused.status).toBe(401);
    expect(refused.body['message']).toBe('the token is not valid');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, sub: 'root' })).toString('base64url'),
      signature,
    ].join('.');
    expect((await call(server, 'GET', '/strategies', { token: tampered })).status).toBe(401);

    const login = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    const shortLived = login.body['token'] as string;
    expect((await call(server, 'GET', '/strategies', { token: shortLived })).status).toBe(200);
    clock += 24 * 3600 * 1000 + 1_000;
    try {
      const expired = await call(server, 'GET', '/strategies', { token: shortLived });
      expect(expired.status).toBe(401);
      expect(expired.body['message']).toMatch(/expired/);
    } finally {
      clock -= 24 * 3600 * 1000 + 1_000;
    }
  });

  it('creates API keys shown once, lists them without secrets, denies roles, and revokes them at once', async () => {
    const created = await call(server, 'POST', '/auth/api-keys', {
      token,
      body: { name: 'grafana', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const key = created.body['key'] as string;
    expect(key).toMatch(/^ntk_[0-9a-f]{16}_/);
    const apiKey = created.body['apiKey'] as Json;
    expect(apiKey).toMatchObject({ name: 'grafana', role: 'viewer', createdBy: USERNAME, revokedAt: null });

    expect((await call(server, 'GET', '/strategies', { apiKey: key })).status).toBe(200);
    expect((await call(server, 'GET', '/auth/verify', { token: key })).body).toMatchObject({
      role: 'viewer',
      via: 'api-key',
    });

    // Role denial: a viewer may not change limits, engage the kill switch or manage keys.
    const put = await call(server, 'PUT', '/risk/limits', { apiKey: key, body: { preset: 'low' } });
    expect(put.status).toBe(403);
    expect(put.body['message']).toMatch(/needs the trader role; key:[0-9a-f]{16} has the viewer role/);
    expect(
      (
        await call(server, 'POST', '/risk/kill-switch', {
          apiKey: key,
          body: { action: 'engage', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(server, 'POST', '/auth/api-keys', {
          apiKey: key,
          body: { name: 'escalate', role: 'trader' },
        })
      ).status,
    ).toBe(403);

    const listed = await call(server, 'GET', '/auth/api-keys', { token });
    const entry = (listed.body['apiKeys'] as Json[]).find((k) => k['id'] === apiKey['id']);
    expect(entry).toBeDefined();
    expect(Object.keys(entry ?? {}).sort()).toEqual([
      'createdAt',
      'createdBy',
      'id',
      'name',
      'revokedAt',
      'role',
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(21));

    // Stored as a salted hash: the database file never contains the secret part of the key.
    const dbFile = join(server.cwd, '.neural-trader', 'neural-trader.db');
    const files = [dbFile, `${dbFile}-wal`].flatMap((f) => {
      try {
        return [readFileSync(f)];
      } catch {
        return [];
      }
    });
    expect(files.some((bytes) => bytes.includes(Buffer.from(key.slice(21))))).toBe(false);

    const revoked = await call(server, 'DELETE', `/auth/api-keys/${apiKey['id'] as string}`, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body['revokedAt']).toEqual(expect.any(String));
    const after = await call(server, 'GET', '/strategies', { apiKey: key });
    expect(after.status).toBe(401);
    expect(after.body['message']).toBe('the API key has been revoked');
    const wrongSecret = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect((await call(server, 'GET', '/strategies', { apiKey: wrongSecret })).body['message']).toBe(
      'the API key is not valid',
    );
    expect((await call(server, 'DELETE', '/auth/api-keys/0123456789abcdef', { token })).status).toBe(404);
    expect((await call(server, 'DELETE', '/auth/api-keys/nothex', { token })).body['field']).toBe(
      'params.id',
    );
  });

  it('a trader API key may create trader keys and call trader routes', async () => {
    const created = await call(server, 'POST', '/auth/api-keys', {
      token,
      body: { name: 'bot', role: 'trader' },
    });
    const key = created.body['key'] as string;
    const next = await call(server, 'POST', '/auth/api-keys', {
      token: key,
      body: { name: 'bot-2', role: 'trader' },
    });
    expect(next.status).toBe(201);
    expect((next.body['apiKey'] as Json)['createdBy']).toBe(
      `key:${(created.body['apiKey'] as Json)['id'] as string}`,
    );
  });

  it('throttles failed logins per user: 429 with Retry-After, even for the right password while locked out', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await call(server, 'POST', '/auth/login', { body: { username: 'carol', password: 'x' } })).status,
      ).toBe(401);
    }
    const locked = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    // The address is locked out too (the same client made the three failures).
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect(locked.body['message']).toMatch(/too many failed logins: try again in 60 s/);
    clock += 61_000;
    expect(
      (await call(server, 'POST', '/auth/login', { body: { username: USERNAME, password: PASSWORD } }))
        .status,
    ).toBe(200);
  });
});

describe('authentication off (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ cwd: await seededDirectory('SPY', '60') });
  });
  afterAll(() => server.close());

  it('serves every route to the local trader without credentials and has no login', async () => {
    expect((await call(server, 'GET', '/auth/verify')).body).toEqual({
      authenticated: true,
      authEnabled: false,
      subject: 'local',
      role: 'trader',
      via: 'local',
    });
    expect((await call(server, 'GET', '/strategies')).status).toBe(200);
    expect((await call(server, 'PUT', '/risk/limits', { body: { preset: 'low' } })).status).toBe(200);
    expect(
      (await call(server, 'POST', '/auth/login', { body: { username: 'a', password: 'b' } })).status,
    ).toBe(404);
    expect((await call(server, 'GET', '/auth/api-keys')).status).toBe(404);
  });
});

describe('authentication on without a bootstrap user', () => {
  it('refuses logins with a message saying what to set', async () => {
    const server = await startTestServer({
      cwd: await seededDirectory('SPY', '30'),
      env: { AUTH_ENABLED: 'true', JWT_SECRET_KEY: JWT_SECRET },
    });
    try {
      const login = await call(server, 'POST', '/auth/login', { body: { username: 'a', password: 'b' } });
      expect(login.status).toBe(401);
      expect(login.body['message']).toMatch(/set AUTH_USERNAME and AUTH_PASSWORD/);
      expect(server.logs.join('')).toContain('nobody can log in');
    } finally {
      await server.close();
    }
  });
});

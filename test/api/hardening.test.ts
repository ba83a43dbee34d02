import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposureWarning, isLoopback, ROUTE_MODULES, type RouteModule } from '../../src/api/index.js';
import { corsSettings } from '../../src/api/plugins/hardening.js';
import { API_SECURITY_HEADERS } from '../../src/api/plugins/security-headers.js';
import { NeuralTraderError } from '../../src/core/errors.js';
import {
  AUTH_ENV,
  call,
  PASSWORD,
  seededDirectory,
  startTestServer,
  USERNAME,
  type TestServer,
} from './api-test-server.js';

const ORIGIN = 'https://app.example.com';

const failing: RouteModule = {
  name: 'failing',
  register(app) {
    app.get('/boom', { config: { access: 'public' } }, () => {
      throw new Error('secret internals at /srv/app.js:42');
    });
    app.get('/busy', { config: { access: 'public' } }, () => {
      throw new NeuralTraderError('STORE_FAILURE', 'sqlite SQLITE_BUSY: database is locked', {
        retryable: true,
      });
    });
  },
};

describe('hardening (authentication on)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({
      cwd: await seededDirectory('SPY', '60'),
      env: AUTH_ENV,
      corsOrigins: [ORIGIN],
      bodyLimitBytes: 2_048,
      routeModules: [...ROUTE_MODULES, failing],
    });
    token = (await call(server, 'POST', '/auth/login', { body: { username: USERNAME, password: PASSWORD } }))
      .body['token'] as string;
  });
  afterAll(() => server.close());

  it('answers CORS only for allowed origins, with credentials, and preflights without a credential', async () => {
    const allowed = await fetch(`${server.url}/health`, { headers: { origin: ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/strategies`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses bodies above the limit (413) and bodies that are not JSON (400)', async () => {
    const big = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(3_000), password: 'y' }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
    const broken = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(broken.status).toBe(400);
  });

  it('sends the security headers on API responses, the same as helmet sends on /docs but for the JSON policy', async () => {
    const api = await fetch(`${server.url}/health`);
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS))
      expect(api.headers.get(name)).toBe(value);
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('swagger-ui');
    for (const name of Object.keys(API_SECURITY_HEADERS)) {
      if (name === 'content-security-policy') continue;
      expect([name, docs.headers.get(name)]).toEqual([name, API_SECURITY_HEADERS[name]]);
    }
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Swagger UI is usable: every script, style and image its page references is served.
    const html = await (await fetch(`${server.url}/docs/`)).text();
    const assets = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map(
      (m) => new URL(m[1] as string, `${server.url}/docs/`),
    );
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const response = await fetch(asset);
      await response.arrayBuffer(); // read it all: an unread body would hold the connection open
      expect([asset.pathname, response.status]).toEqual([asset.pathname, 200]);
    }
    const spec = (await (await fetch(`${server.url}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/trading/backtest');
  });

  it('hides the details of unexpected errors (500, logged) and maps a busy store to 503', async () => {
    const boom = await call(server, 'GET', '/boom');
    expect(boom.status).toBe(500);
    expect(boom.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'internal error',
      requestId: expect.any(String) as unknown,
    });
    expect(server.logs.join('')).toContain('secret internals');
    const busy = await call(server, 'GET', '/busy');
    expect(busy.status).toBe(503);
    expect(busy.body['code']).toBe('STORE_FAILURE');
  });

  it('never writes a password or token into the log', () => {
    const text = server.logs.join('');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(token);
  });
});

describe('rate limiting', () => {
  it('rate-limits per API key: one key is turned away with 429 and Retry-After, another is not', async () => {
    const server = await startTestServer({
      cwd: await seededDirectory('SPY', '30'),
      env: AUTH_ENV,
      rateLimit: { max: 4, windowMs: 60_000 },
    });
    const login = await call(server, 'POST', '/auth/login', {
      body: { username: USERNAME, password: PASSWORD },
    });
    const token = login.body['token'] as string;
    const keyOf = async (name: string) =>
      (await call(server, 'POST', '/auth/api-keys', { token, body: { name } })).body['key'] as string;
    const [first, second] = [await keyOf('a'), await keyOf('b')];
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(server, 'GET', '/strategies', { apiKey: first })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await call(server, 'GET', '/strategies', { apiKey: first });
    expect(limited.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/rate limit of 4 requests/) as unknown,
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(server, 'GET', '/strategies', { apiKey: second })).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await call(server, 'GET', '/health')).status).toBe(200); // probes exempt
    await server.close();
  });
});

describe('hardening settings', () => {
  it('validates the CORS allow-list: exact origins with credentials, or "*" alone without', () => {
    expect(corsSettings([])).toMatchObject({ origin: false, credentials: false });
    expect(corsSettings(['*'])).toMatchObject({ origin: true, credentials: false });
    expect(corsSettings([ORIGIN, 'http://localhost:5173'])).toMatchObject({ credentials: true });
    expect(() => corsSettings(['*', ORIGIN])).toThrow(/"\*" cannot be combined/);
    expect(() => corsSettings(['https://app.example.com/path'])).toThrow(/must be an exact origin/);
    expect(() => corsSettings(['app.example.com'])).toThrow(/must be an exact origin/);
  });

  it('warns when authentication is off and the host is reachable from other machines', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(host)).toBe(true);
    expect(exposureWarning('127.0.0.1', false)).toBeNull();
    expect(exposureWarning('0.0.0.0', true)).toBeNull();
    expect(exposureWarning('0.0.0.0', false)).toMatch(
      /authentication is disabled and the server listens on 0\.0\.0\.0/,
    );
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { LocalServer, providerFailure } from './local-server.fixture.js';
import { redactUrl } from './provider-error.js';

const server = new LocalServer();
const clock = new SimulatedClock(Date.UTC(2024, 2, 6, 12));

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(() => ({ body: 'hello' }));
});

const client = (options: Partial<HttpClientOptions> = {}) =>
  new HttpClient({ provider: 'Acme', fetch: globalThis.fetch, clock, timeoutMs: 2_000, ...options });

describe('HttpClient', () => {
  it('sends the configured and per-request headers and returns the body', async () => {
    const body = await client({ headers: { 'User-Agent': 'agent a@b.example', 'X-Key': 'k' } }).getText({
      url: `${server.baseUrl}/x`,
      headers: { Accept: 'text/plain' },
    });
    expect(body).toBe('hello');
    expect(server.requests[0]?.headers).toMatchObject({
      'user-agent': 'agent a@b.example',
      'x-key': 'k',
      accept: 'text/plain',
    });
  });

  it('maps statuses to failures and reads Retry-After as seconds or as an HTTP date', async () => {
    const cases: [number, string, boolean][] = [
      [401, 'unauthorized', false],
      [403, 'forbidden', false],
      [404, 'not-found', false],
      [408, 'timeout', true],
      [400, 'bad-request', false],
      [429, 'rate-limited', true],
      [503, 'server-error', true],
    ];
    for (const [status, kind, retryable] of cases) {
      server.reset(() => ({ status, body: `  status\n ${status}  ` }));
      const error = await providerFailure(client().getText({ url: `${server.baseUrl}/s?apikey=secret` }));
      expect([error.failure, error.retryable, error.status]).toEqual([kind, retryable, status]);
      expect(error.message).toBe(
        `Acme answered ${status} at ${server.baseUrl}/s?apikey=***: "status ${status}"`,
      );
    }
    server.reset(() => ({
      status: 429,
      headers: { 'retry-after': new Date(clock.now() + 90_000).toUTCString() },
    }));
    expect((await providerFailure(client().getText({ url: `${server.baseUrl}/r` }))).retryAfterMs).toBe(
      90_000,
    );
    server.reset(() => ({ status: 429, headers: { 'retry-after': 'soon' } }));
    expect((await providerFailure(client().getText({ url: `${server.baseUrl}/r` }))).retryAfterMs).toBeNull();
    server.reset(() => ({ status: 429, body: '' }));
    expect((await providerFailure(client().getText({ url: `${server.baseUrl}/r` }))).message).toContain(
      '"Too Many Requests"',
    );
  });

  it('lets the provider describe its error body', async () => {
    server.reset(() => ({ status: 400, body: '{"error_message":"bad key"}' }));
    const error = await providerFailure(
      client({
        describeError: (status, body) =>
          status === 400 && body.includes('key')
            ? { failure: 'unauthorized', message: 'bad key' }
            : undefined,
      }).getText({
        url: `${server.baseUrl}/d`,
      }),
    );
    expect(error).toMatchObject({
      failure: 'unauthorized',
      message: `Acme answered 400 at ${server.baseUrl}/d: "bad key"`,
    });
  });

  it('times out, tells a cancelled request from a timeout, and reports an unreachable host and a broken body', async () => {
    server.reset(() => new Promise((resolve) => setTimeout(() => resolve({ body: 'late' }), 500)));
    const slow = await providerFailure(client({ timeoutMs: 100 }).getText({ url: `${server.baseUrl}/slow` }));
    expect(slow).toMatchObject({ failure: 'timeout', retryable: true, code: 'UNAVAILABLE' });
    expect(slow.message).toContain('no answer within 100 ms');

    const controller = new AbortController();
    const pending = client().getText({ url: `${server.baseUrl}/slow`, signal: controller.signal });
    controller.abort();
    expect(await providerFailure(pending)).toMatchObject({ failure: 'aborted', retryable: false });

    const refused = await providerFailure(client().getText({ url: 'http://127.0.0.1:1/nothing' }));
    expect(refused).toMatchObject({ failure: 'network', retryable: true });
    expect(refused.message).toBe('Acme could not be reached at http://127.0.0.1:1/nothing');

    server.reset(() => ({ body: 'x'.repeat(1000), truncate: true }));
    expect(await providerFailure(client().getText({ url: `${server.baseUrl}/cut` }))).toMatchObject({
      failure: 'network',
      retryable: true,
    });
  });
});

describe('HttpClient bodies', () => {
  it('decodes the charset of Content-Type or of the XML declaration, else UTF-8', async () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf\u00e9</t>', 'latin1');
    server.reset(() => ({ body: latin1, headers: { 'content-type': 'application/atom+xml' } }));
    expect(await client().getText({ url: `${server.baseUrl}/a` })).toContain('<t>Café</t>');
    server.reset(() => ({
      body: Buffer.from('Caf\u00e9', 'latin1'),
      headers: { 'content-type': 'text/plain; charset=ISO-8859-1' },
    }));
    expect(await client().getText({ url: `${server.baseUrl}/b` })).toBe('Café');
    server.reset(() => ({
      body: Buffer.from('Café', 'utf8'),
      headers: { 'content-type': 'text/plain; charset=no-such-set' },
    }));
    expect(await client().getText({ url: `${server.baseUrl}/c` })).toBe('Café');
  });

  it('refuses a body larger than maxBodyBytes, by its length header or while reading', async () => {
    server.reset(() => ({ body: 'x'.repeat(2_000) }));
    const declared = await providerFailure(
      client({ maxBodyBytes: 1_000 }).getText({ url: `${server.baseUrl}/big` }),
    );
    expect(declared).toMatchObject({ failure: 'invalid-payload', retryable: false });
    expect(declared.message).toBe(`Acme answer at ${server.baseUrl}/big is larger than 1000 bytes`);
    server.reset(() => ({ body: 'x'.repeat(2_000), headers: { 'transfer-encoding': 'chunked' } }));
    expect(
      (await providerFailure(client({ maxBodyBytes: 1_000 }).getText({ url: `${server.baseUrl}/big` })))
        .failure,
    ).toBe('invalid-payload');
    expect(await client({ maxBodyBytes: 2_000 }).getText({ url: `${server.baseUrl}/big` })).toHaveLength(
      2_000,
    );
  });
});

describe('redactUrl', () => {
  it('masks key-like query parameters and leaves the rest', () => {
    expect(redactUrl('https://x.example/q?function=NEWS&apikey=abc&api_key=def&token=ghi&q=apple')).toBe(
      'https://x.example/q?function=NEWS&apikey=***&api_key=***&token=***&q=apple',
    );
    expect(redactUrl('not a url?apikey=abc&x=1')).toBe('not a url?apikey=***&x=1');
  });
});

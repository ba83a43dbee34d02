import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure } from '../http/local-server.fixture.js';
import { article, page } from './newsapi-articles.fixture.js';
import { NewsApiSource } from './newsapi-source.js';
import type { NewsApiConfigInput } from './newsapi-config.js';

const KEY = 'newsapi-test-key';
const server = new LocalServer();

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(() => page([article(5), article(4)]));
});

function source(config: Partial<NewsApiConfigInput> = {}) {
  const time = fakeTime();
  const news = new NewsApiSource(
    { apiKey: KEY, baseUrl: server.baseUrl, minIntervalMs: 0, ...config },
    time.dependencies,
  );
  return { news, ...time };
}

describe('NewsApiSource limits and failures', () => {
  it('waits out a 429 Retry-After, then retries and succeeds', async () => {
    server.queue({
      status: 429,
      headers: { 'retry-after': '3' },
      json: { status: 'error', code: 'rateLimited', message: 'You have been rate limited.' },
    });
    const { news, waits } = source();
    expect(await news.fetch({ query: 'acme' })).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([3000]); // Retry-After 3 s is longer than the first backoff (500 ms)
    expect(news.status()).toMatchObject({ requests: 2, quotaRemaining: 98, lastError: null });
  });

  it('retries a 500 with exponential backoff and succeeds on the third attempt', async () => {
    server.queue(
      { status: 500, json: { status: 'error', code: 'unexpectedError', message: 'boom' } },
      { status: 503, body: 'down' },
    );
    const { news, waits } = source();
    expect(await news.fetch({ query: 'acme' })).toHaveLength(2);
    expect(waits).toEqual([500, 1000]);
  });

  it('gives up after maxAttempts retryable failures with the last error', async () => {
    server.reset(() => ({ status: 502, body: 'bad gateway' }));
    const { news } = source({ retry: { maxAttempts: 2 } });
    const error = await providerFailure(news.fetch({ query: 'acme' }));
    expect(error).toMatchObject({ failure: 'server-error', status: 502, retryable: true });
    expect(server.requests).toHaveLength(2);
    expect(news.status().lastError).toContain('NewsAPI answered 502');
  });

  it('does not retry a 401 and quotes the provider code', async () => {
    server.reset(() => ({
      status: 401,
      json: { status: 'error', code: 'apiKeyInvalid', message: 'Your API key is invalid.' },
    }));
    const { news } = source();
    const error = await providerFailure(news.fetch({ query: 'acme' }));
    expect(error).toMatchObject({
      code: 'PROVIDER_FAILURE',
      failure: 'unauthorized',
      status: 401,
      retryable: false,
    });
    expect(error.message).toContain('apiKeyInvalid: Your API key is invalid.');
    expect(error.message).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to fetch without a key and reports itself unconfigured', async () => {
    const news = new NewsApiSource({ apiKey: null, baseUrl: server.baseUrl });
    const error = await providerFailure(news.fetch({ query: 'acme' }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', failure: 'missing-key' });
    expect(error.message).toContain('NEWS_API_KEY');
    expect(server.requests).toHaveLength(0);
    expect(news.status()).toMatchObject({
      name: 'newsapi',
      configured: false,
      requests: 0,
      lastError: error.message,
    });
  });

  it('answers a repeated query from the cache until CACHE_TTL passes', async () => {
    const { news, clock } = source({ cacheTtlSeconds: 60 });
    const first = await news.fetch({ query: 'acme' });
    clock.advanceBy(59_000);
    expect(await news.fetch({ query: 'acme' })).toEqual(first);
    expect(server.requests).toHaveLength(1);
    clock.advanceBy(1_000);
    await news.fetch({ query: 'acme' });
    expect(server.requests).toHaveLength(2);
    expect(news.status().requests).toBe(2);
  });

  it('refuses once the daily quota is spent, and again when the provider says apiKeyExhausted', async () => {
    const { news, clock } = source({ dailyQuota: 2, cacheTtlSeconds: 0 });
    await news.fetch({ query: 'a' });
    await news.fetch({ query: 'b' });
    expect(news.status().quotaRemaining).toBe(0);
    const spent = await providerFailure(news.fetch({ query: 'c' }));
    expect(spent).toMatchObject({ failure: 'quota-exhausted', retryable: false, retryAfterMs: 86_400_000 });
    expect(server.requests).toHaveLength(2);
    clock.advanceBy(86_400_000);
    expect(news.status().quotaRemaining).toBe(2);

    server.reset(() => ({
      status: 429,
      json: { status: 'error', code: 'apiKeyExhausted', message: 'No more requests.' },
    }));
    const exhausted = await providerFailure(news.fetch({ query: 'd' }));
    expect(exhausted).toMatchObject({ failure: 'quota-exhausted', status: 429 });
    expect(server.requests).toHaveLength(1); // not retried
    expect(news.status().quotaRemaining).toBe(0);
  });

  it('spaces requests minIntervalMs apart', async () => {
    const { news, waits } = source({ minIntervalMs: 1_000, cacheTtlSeconds: 0 });
    await news.fetch({ query: 'a' });
    await news.fetch({ query: 'b' });
    expect(waits).toEqual([1000]);
  });

  it('rejects a bad configuration and a bad query before any request', async () => {
    expect(() => new NewsApiSource({ apiKey: KEY, pageSize: 500 })).toThrow(/NewsAPI config pageSize: /);
    await expect(source().news.fetch({ limit: 0 })).rejects.toThrow('news limit "0" must be an integer >= 1');
    await expect(source().news.fetch({ from: 5, to: 5 })).rejects.toThrow('must be before to');
    expect(server.requests).toHaveLength(0);
  });
});

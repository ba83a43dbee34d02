import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure } from '../http/local-server.fixture.js';
import { FinnhubSource } from './finnhub-source.js';
import type { FinnhubConfigInput } from './finnhub-config.js';

const KEY = 'finnhub-test-key';
const server = new LocalServer();

/** A story in Finnhub's documented shape: `datetime` in unix seconds. */
function story(n: number, overrides: Record<string, unknown> = {}) {
  return {
    category: 'company',
    datetime: Date.UTC(2024, 2, n, 13) / 1000,
    headline: `Acme raises guidance ${n}`,
    id: 1000 + n,
    image: 'https://img.example/1.png',
    related: 'ACME',
    source: 'Yahoo',
    summary: `Acme &amp; partners ${n}`,
    url: `https://news.example/fh-${n}`,
    ...overrides,
  };
}

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(() => ({ json: [story(5), story(4)] }));
});

function source(config: Partial<FinnhubConfigInput> = {}) {
  const time = fakeTime(Date.UTC(2024, 2, 6, 12));
  const news = new FinnhubSource({ apiKey: KEY, baseUrl: server.baseUrl, ...config }, time.dependencies);
  return { news, ...time };
}

describe('FinnhubSource', () => {
  it('reads company news for a symbol and date range with the token header, seconds turned into ms', async () => {
    const items = await source().news.fetch({
      symbols: ['acme'],
      from: Date.UTC(2024, 2, 1),
      to: Date.UTC(2024, 2, 6),
    });
    const request = server.requests[0];
    expect(request?.path).toBe('/api/v1/company-news');
    // `to` is exclusive here and inclusive at Finnhub: 2024-03-06T00:00Z minus 1 ms is on March 5.
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      symbol: 'ACME',
      from: '2024-03-01',
      to: '2024-03-05',
    });
    expect(request?.headers['x-finnhub-token']).toBe(KEY);
    expect(items).toEqual([
      {
        source: 'finnhub',
        url: 'https://news.example/fh-5',
        title: 'Acme raises guidance 5',
        summary: 'Acme & partners 5',
        body: null,
        publishedAt: Date.UTC(2024, 2, 5, 13),
        symbols: ['ACME'],
        language: null,
        providerSentiment: null,
      },
      expect.objectContaining({ publishedAt: Date.UTC(2024, 2, 4, 13) }),
    ]);
  });

  it('asks for the last lookbackDays when the query has no window', async () => {
    await source({ lookbackDays: 3 }).news.fetch({ symbols: ['ACME'] });
    expect(server.requests[0]?.query.get('from')).toBe('2024-03-03');
    expect(server.requests[0]?.query.get('to')).toBe('2024-03-06');
  });

  it('merges the symbols of a story returned for two companies and keeps one copy', async () => {
    server.reset(({ query }) =>
      query.get('symbol') === 'ACME'
        ? { json: [story(5, { related: '' }), story(4)] }
        : { json: [story(5, { related: '' }), story(3, { related: 'WID, ACME' })] },
    );
    const items = await source().news.fetch({ symbols: ['ACME', 'WID'], from: Date.UTC(2024, 2, 1) });
    expect(server.requests.map((r) => r.query.get('symbol'))).toEqual(['ACME', 'WID']);
    expect(items.map((item) => [item.url.slice(-4), item.symbols])).toEqual([
      ['fh-5', ['ACME', 'WID']],
      ['fh-4', ['ACME']],
      ['fh-3', ['WID', 'ACME']],
    ]);
  });

  it('reads market news without symbols and filters it to the window and limit', async () => {
    server.reset(() => ({
      json: [story(6, { related: '' }), story(5, { related: '' }), story(2, { related: '' })],
    }));
    const items = await source().news.fetch({ from: Date.UTC(2024, 2, 3), limit: 1 });
    expect(server.requests[0]?.path).toBe('/api/v1/news');
    expect(server.requests[0]?.query.get('category')).toBe('general');
    expect(items.map((item) => [item.url, item.symbols])).toEqual([['https://news.example/fh-6', []]]);
  });

  it('reads a partial story (only headline, url, datetime) and skips one without an http url', async () => {
    server.reset(() => ({
      json: [
        { datetime: 1709643600, headline: 'Bare', url: 'https://news.example/bare' },
        story(4, { url: 'mailto:x@y.z' }),
      ],
    }));
    const items = await source().news.fetch({ symbols: ['ACME'], from: 0 });
    expect(items).toEqual([
      expect.objectContaining({ title: 'Bare', summary: '', symbols: ['ACME'], publishedAt: 1709643600_000 }),
    ]);
  });

  it('rejects malformed JSON and a story whose datetime is not a number, naming the field', async () => {
    server.reset(() => ({ body: '[{"headline": "x"' }));
    expect((await providerFailure(source().news.fetch({ symbols: ['ACME'] }))).failure).toBe(
      'invalid-payload',
    );
    server.reset(() => ({ json: [story(5), story(4, { datetime: '2024-03-04' })] }));
    const error = await providerFailure(source().news.fetch({ symbols: ['ACME'] }));
    expect(error.message).toMatch(/^Finnhub \/api\/v1\/company-news: \[1\]\.datetime: /);
    server.reset(() => ({ json: { error: 'not a list' } }));
    expect((await providerFailure(source().news.fetch({ symbols: ['ACME'] }))).message).toContain('(root)');
  });

  it('waits out a 429 Retry-After and a 500, retrying both', async () => {
    server.queue(
      {
        status: 429,
        headers: { 'retry-after': '2' },
        json: { error: 'API limit reached. Please try again later.' },
      },
      { status: 500, body: 'oops' },
    );
    const { news, waits } = source();
    expect(await news.fetch({ symbols: ['ACME'] })).toHaveLength(2);
    expect(waits).toEqual([2000, 1000]);
    expect(news.status()).toMatchObject({
      requests: 3,
      quotaRemaining: null,
      lastSuccessAt: Date.UTC(2024, 2, 6, 12, 0, 3),
    });
  });

  it("does not retry a 401 and quotes Finnhub's error text", async () => {
    server.reset(() => ({ status: 401, json: { error: 'Invalid API key' } }));
    const error = await providerFailure(source().news.fetch({ symbols: ['ACME'] }));
    expect(error).toMatchObject({ failure: 'unauthorized', retryable: false });
    expect(error.message).toContain('"Invalid API key"');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to fetch without a key', async () => {
    const news = new FinnhubSource({ baseUrl: server.baseUrl });
    const error = await providerFailure(news.fetch({ symbols: ['ACME'] }));
    expect(error.message).toContain('FINNHUB_API_KEY');
    expect(news.status().configured).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('serves a repeated query from the cache', async () => {
    const { news } = source();
    await news.fetch({ symbols: ['ACME'], from: Date.UTC(2024, 2, 1) });
    await news.fetch({ symbols: ['ACME'], from: Date.UTC(2024, 2, 1), limit: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('holds the 61st call of a minute until a token refills (60 calls a minute)', async () => {
    const { news, waits } = source({ cacheTtlSeconds: 0, callsPerMinute: 60 });
    for (let call = 0; call < 61; call++) await news.fetch({ symbols: ['ACME'] });
    expect(server.requests).toHaveLength(61);
    expect(waits).toEqual([1000]); // one token per second once the burst of 60 is spent
  });
});

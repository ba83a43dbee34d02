import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer, providerFailure } from '../http/local-server.fixture.js';
import { AlphaVantageSource } from './alpha-vantage-source.js';
import type { AlphaVantageConfigInput } from './alpha-vantage-config.js';

const KEY = 'av-test-key';
const server = new LocalServer();

const DAILY =
  'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.';
const BURST =
  'Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day), raise the per-second burst limit, and instantly unlock all premium endpoints';

/** An article in NEWS_SENTIMENT's documented shape (scores as numbers and as strings, as Alpha Vantage sends them). */
function article(n: number, overrides: Record<string, unknown> = {}) {
  return {
    title: `Acme shares rally ${n}`,
    url: `https://news.example/av-${n}`,
    time_published: `2024030${n}T143000`,
    authors: ['Jane Doe'],
    summary: `Acme &amp; Co. beat ${n}.`,
    banner_image: null,
    source: 'Benzinga',
    category_within_source: 'News',
    source_domain: 'www.benzinga.com',
    topics: [{ topic: 'Earnings', relevance_score: '0.999' }],
    overall_sentiment_score: 0.412,
    overall_sentiment_label: 'Bullish',
    ticker_sentiment: [
      {
        ticker: 'ACME',
        relevance_score: '0.91',
        ticker_sentiment_score: '0.55',
        ticker_sentiment_label: 'Bullish',
      },
      {
        ticker: 'CRYPTO:BTC',
        relevance_score: '0.1',
        ticker_sentiment_score: '0.0',
        ticker_sentiment_label: 'Neutral',
      },
    ],
    ...overrides,
  };
}
const feed = (articles: unknown[]) => ({
  json: {
    items: String(articles.length),
    sentiment_score_definition: 'x <= -0.35: Bearish; ...',
    relevance_score_definition: '0 < x <= 1',
    feed: articles,
  },
});

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(() => feed([article(5), article(4)]));
});

function source(config: Partial<AlphaVantageConfigInput> = {}) {
  const time = fakeTime();
  const news = new AlphaVantageSource(
    { apiKey: KEY, baseUrl: server.baseUrl, minIntervalMs: 0, ...config },
    time.dependencies,
  );
  return { news, ...time };
}

describe('AlphaVantageSource', () => {
  it('asks NEWS_SENTIMENT for tickers and a window, and keeps the provider sentiment as published', async () => {
    const items = await source({ topics: ['earnings'] }).news.fetch({
      symbols: ['ACME', 'wid'],
      from: Date.UTC(2024, 2, 1, 9, 30, 15),
      to: Date.UTC(2024, 2, 6, 16, 0, 30),
      limit: 10,
    });
    expect(Object.fromEntries(server.requests[0]?.query ?? [])).toEqual({
      function: 'NEWS_SENTIMENT',
      tickers: 'ACME,WID',
      topics: 'earnings',
      time_from: '20240301T0930',
      time_to: '20240306T1601', // widened to the next whole minute
      limit: '10',
      sort: 'LATEST',
      apikey: KEY,
    });
    expect(items).toEqual([
      {
        source: 'alphavantage',
        url: 'https://news.example/av-5',
        title: 'Acme shares rally 5',
        summary: 'Acme & Co. beat 5.',
        body: null,
        publishedAt: Date.UTC(2024, 2, 5, 14, 30),
        symbols: ['ACME', 'CRYPTO:BTC'],
        language: null,
        providerSentiment: 0.412,
      },
      expect.objectContaining({ publishedAt: Date.UTC(2024, 2, 4, 14, 30) }),
    ]);
  });

  it('reads times as New York time when so configured (EST in March before the switch)', async () => {
    const [first] = await source({ timeZone: 'America/New_York' }).news.fetch({
      from: Date.UTC(2024, 2, 1, 5),
    });
    expect(server.requests[0]?.query.get('time_from')).toBe('20240301T0000');
    expect(first?.publishedAt).toBe(Date.UTC(2024, 2, 5, 19, 30)); // 14:30 EST = 19:30 UTC
    expect(server.requests[0]?.query.has('tickers')).toBe(false);
  });

  it('reads a partial article, clamps a stray score and skips an article without an http url', async () => {
    server.reset(() =>
      feed([
        { title: 'Bare', url: 'https://news.example/bare', time_published: '20240305T0900' },
        article(4, { overall_sentiment_score: '1.7', ticker_sentiment: [] }),
        article(3, { url: 'not-a-url' }),
      ]),
    );
    const items = await source().news.fetch({});
    expect(items.map((item) => [item.title, item.summary, item.symbols, item.providerSentiment])).toEqual([
      ['Bare', '', [], null],
      ['Acme shares rally 4', 'Acme & Co. beat 4.', [], 1],
    ]);
  });

  it('rejects malformed JSON and a bad time_published, naming the field', async () => {
    server.reset(() => ({ body: '<html>Service Unavailable</html>' }));
    expect((await providerFailure(source().news.fetch({}))).message).toContain(
      'NEWS_SENTIMENT is not JSON: "<html>',
    );
    server.reset(() => feed([article(5, { time_published: '2024-03-05 14:30' })]));
    expect((await providerFailure(source().news.fetch({}))).message).toBe(
      'Alpha Vantage NEWS_SENTIMENT: feed[0].time_published: expected YYYYMMDDTHHMMSS, got "2024-03-05 14:30"',
    );
    server.reset(() => ({ json: { items: '0' } }));
    expect((await providerFailure(source().news.fetch({}))).message).toContain('feed: ');
  });

  it('turns the HTTP-200 daily-limit notice into quota-exhausted, stops asking, and does not retry', async () => {
    server.reset(() => ({ json: { Information: DAILY } }));
    const { news } = source();
    const error = await providerFailure(news.fetch({}));
    expect(error).toMatchObject({ failure: 'quota-exhausted', retryable: false, status: 200 });
    expect(error.message).toContain('25 requests per day');
    expect(news.status().quotaRemaining).toBe(0);
    const again = await providerFailure(news.fetch({ symbols: ['ACME'] }));
    expect(again.failure).toBe('quota-exhausted');
    expect(server.requests).toHaveLength(1);
  });

  it('counts its own daily quota and refuses the 26th request', async () => {
    const { news } = source({ cacheTtlSeconds: 0 });
    for (let call = 0; call < 25; call++) await news.fetch({});
    expect(news.status()).toMatchObject({ requests: 25, quotaRemaining: 0 });
    expect((await providerFailure(news.fetch({}))).failure).toBe('quota-exhausted');
    expect(server.requests).toHaveLength(25);
  });

  it('retries the burst notice after a second, and a 429 with Retry-After', async () => {
    server.queue(
      { json: { Information: BURST } },
      { status: 429, headers: { 'retry-after': '5' }, body: '' },
    );
    const { news, waits } = source();
    expect(await news.fetch({})).toHaveLength(2);
    expect(waits).toEqual([1000, 5000]);
  });

  it('passes the old per-minute note straight to the caller: a minute is longer than a retry waits', async () => {
    server.reset(() => ({
      json: {
        Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.',
      },
    }));
    const error = await providerFailure(source().news.fetch({}));
    expect(error).toMatchObject({ failure: 'rate-limited', retryable: true, retryAfterMs: 60_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 and succeeds', async () => {
    server.queue({ status: 500, body: 'Internal Server Error' });
    const { news, waits } = source();
    expect(await news.fetch({})).toHaveLength(2);
    expect(waits).toEqual([500]);
  });

  it('does not retry an invalid key, a 401, or invalid inputs, and never shows the key', async () => {
    server.reset(() => ({ json: { 'Error Message': 'the parameter apikey is invalid or missing.' } }));
    const invalid = await providerFailure(source().news.fetch({}));
    expect(invalid).toMatchObject({ failure: 'unauthorized', retryable: false });
    expect(server.requests).toHaveLength(1);
    server.reset(() => ({ status: 401, body: 'Unauthorized' }));
    const unauthorized = await providerFailure(source().news.fetch({}));
    expect(unauthorized.message).toContain('apikey=***');
    expect(unauthorized.message).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
    server.reset(() => ({ json: { Information: 'Invalid inputs. Please refer to the API documentation.' } }));
    expect((await providerFailure(source().news.fetch({}))).failure).toBe('bad-request');
    server.reset(() => ({ json: { Information: 'This is a premium endpoint.' } }));
    expect((await providerFailure(source().news.fetch({}))).failure).toBe('forbidden');
    expect(server.requests).toHaveLength(1); // each answer was final: no retry
  });

  it('refuses to fetch without a key', async () => {
    const news = new AlphaVantageSource({ baseUrl: server.baseUrl });
    const error = await providerFailure(news.fetch({}));
    expect(error.message).toContain('ALPHA_VANTAGE_API_KEY');
    expect(news.status()).toMatchObject({ configured: false, quotaRemaining: 25 });
    expect(server.requests).toHaveLength(0);
  });

  it('serves a repeated query from the cache without spending quota', async () => {
    const { news } = source();
    await news.fetch({ symbols: ['ACME'] });
    await news.fetch({ symbols: ['acme'] });
    expect(server.requests).toHaveLength(1);
    expect(news.status().quotaRemaining).toBe(24);
  });
});

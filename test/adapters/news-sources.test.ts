import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlphaVantageSource } from '../../src/adapters/alphavantage/index.js';
import { FinnhubSource } from '../../src/adapters/finnhub/index.js';
import {
  fakeTime,
  LocalServer,
  type Answer,
  type SeenRequest,
} from '../../src/adapters/http/local-server.fixture.js';
import { ProviderError } from '../../src/adapters/http/index.js';
import { NewsApiSource } from '../../src/adapters/newsapi/index.js';
import { RssSource } from '../../src/adapters/rss/index.js';
import { EdgarFilingsSource } from '../../src/adapters/sec/edgar-filings-source.js';
import type { NewsItem, NewsSource } from '../../src/news/news-item.types.js';

/**
 * The NewsSource contract, run against every source adapter, each talking to a local server that speaks its
 * provider's documented format. Every provider serves the same three ACME stories, published at 14:30 UTC on
 * March 3, 4 and 5, 2024.
 */
const server = new LocalServer();
const DAYS = [5, 4, 3] as const;
const at = (day: number) => Date.UTC(2024, 2, day, 14, 30);
const USER_AGENT = 'Neural Trader tests admin@neural-trader.example';

function provider({ path }: SeenRequest): Answer {
  switch (path) {
    case '/v2/everything':
      return {
        json: {
          status: 'ok',
          totalResults: 3,
          articles: DAYS.map((d) => ({
            source: { id: null, name: 'Wire' },
            title: `ACME story ${d}`,
            url: `https://n.example/${d}`,
            publishedAt: `2024-03-0${d}T14:30:00Z`,
            description: 'x',
          })),
        },
      };
    case '/api/v1/company-news':
      return {
        json: DAYS.map((d) => ({
          datetime: at(d) / 1000,
          headline: `ACME story ${d}`,
          url: `https://n.example/${d}`,
          related: 'ACME',
        })),
      };
    case '/query':
      return {
        json: {
          items: '3',
          feed: DAYS.map((d) => ({
            title: `ACME story ${d}`,
            url: `https://n.example/${d}`,
            time_published: `2024030${d}T143000`,
            overall_sentiment_score: -0.2,
            ticker_sentiment: [{ ticker: 'ACME', relevance_score: '0.9', ticker_sentiment_score: '-0.2' }],
          })),
        },
      };
    case '/feed.xml':
      return {
        body: `<rss version="2.0"><channel><title>ACME</title>${DAYS.map((d) => `<item><title>ACME story ${d}</title><link>https://n.example/${d}</link><pubDate>${new Date(at(d)).toUTCString()}</pubDate></item>`).join('')}</channel></rss>`,
      };
    case '/files/company_tickers.json':
      return { json: { '0': { cik_str: 111111, ticker: 'ACME', title: 'Acme Corp' } } };
    case '/submissions/CIK0000111111.json':
      return {
        json: {
          cik: '111111',
          name: 'Acme Corp',
          filings: {
            recent: {
              accessionNumber: DAYS.map((d) => `0000111111-24-00000${d}`),
              filingDate: DAYS.map((d) => `2024-03-0${d}`),
              acceptanceDateTime: DAYS.map((d) => `2024-03-0${d}T09:30:00.000Z`), // New York clock: 14:30 UTC
              form: DAYS.map(() => '8-K'),
              items: DAYS.map(() => '8.01'),
              primaryDocument: DAYS.map((d) => `acme-${d}.htm`),
            },
          },
        },
      };
    default:
      return { status: 404, body: 'not found' };
  }
}

interface Case {
  readonly name: string;
  readonly make: (configured: boolean) => NewsSource;
  readonly needsKey: boolean;
}

const deps = () => fakeTime(Date.UTC(2024, 2, 6)).dependencies;
const CASES: readonly Case[] = [
  {
    name: 'newsapi',
    needsKey: true,
    make: (on) => new NewsApiSource({ apiKey: on ? 'k' : null, baseUrl: server.baseUrl }, deps()),
  },
  {
    name: 'finnhub',
    needsKey: true,
    make: (on) => new FinnhubSource({ apiKey: on ? 'k' : null, baseUrl: server.baseUrl }, deps()),
  },
  {
    name: 'alphavantage',
    needsKey: true,
    make: (on) => new AlphaVantageSource({ apiKey: on ? 'k' : null, baseUrl: server.baseUrl }, deps()),
  },
  {
    name: 'rss:acme',
    needsKey: false,
    make: () => new RssSource({ name: 'acme', url: `${server.baseUrl}/feed.xml` }, deps()),
  },
  {
    name: 'sec-edgar',
    needsKey: true,
    make: (on) =>
      new EdgarFilingsSource(
        {
          userAgent: on ? USER_AGENT : null,
          dataBaseUrl: server.baseUrl,
          archiveBaseUrl: server.baseUrl,
          acceptanceTime: 'new-york-clock',
        },
        deps(),
      ),
  },
];

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset(provider);
});

/** The NewsItem invariants of news-item.types.ts. */
function expectWellFormed(item: NewsItem, source: NewsSource): void {
  expect(item.source).toBe(source.name);
  expect(item.url).toMatch(/^https?:\/\/\S+$/);
  expect(item.title.trim()).not.toBe('');
  expect(`${item.title} ${item.summary}`).not.toMatch(/<[a-z/][^>]*>/i);
  expect(Number.isFinite(item.publishedAt)).toBe(true);
  for (const symbol of item.symbols) expect(symbol).toBe(symbol.toUpperCase());
  if (item.providerSentiment !== null) expect(Math.abs(item.providerSentiment)).toBeLessThanOrEqual(1);
  if (item.language !== null) expect(item.language).toMatch(/^[a-z]{2}$/);
}

describe.each(CASES)('NewsSource contract: $name', ({ name, make }) => {
  it('is named and reports its status', () => {
    const source = make(true);
    expect(source.name).toBe(name);
    expect(source.status()).toMatchObject({
      name,
      configured: true,
      requests: 0,
      lastSuccessAt: null,
      lastError: null,
    });
  });

  it('returns well-formed items newest first, at most `limit`', async () => {
    const source = make(true);
    const items = await source.fetch({ symbols: ['ACME'], from: at(1), limit: 2 });
    expect(items.map((item) => item.publishedAt)).toEqual([at(5), at(4)]);
    for (const item of items) expectWellFormed(item, source);
    expect(source.status().requests).toBeGreaterThan(0);
    expect(source.status().lastSuccessAt).not.toBeNull();
  });

  it('keeps only items published in [from, to)', async () => {
    const items = await make(true).fetch({ symbols: ['ACME'], from: at(3) + 1, to: at(5) });
    expect(items.map((item) => item.publishedAt)).toEqual([at(4)]);
  });
});

describe.each(CASES.filter((c) => c.needsKey))('NewsSource contract, without its key: $name', ({ make }) => {
  it('refuses to fetch, says it is not configured, and sends no request', async () => {
    const source = make(false);
    expect(source.status().configured).toBe(false);
    const error = await source.fetch({ symbols: ['ACME'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', retryable: false });
    expect(server.requests).toHaveLength(0);
  });
});

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

describe('NewsApiSource', () => {
  it('searches /v2/everything for symbols with the key in X-Api-Key and maps articles to plain-text items', async () => {
    const { news } = source();
    const items = await news.fetch({
      symbols: ['acme', 'ACME', 'WID'],
      from: Date.UTC(2024, 2, 1),
      to: Date.UTC(2024, 2, 8),
    });
    const request = server.requests[0];
    expect(request?.path).toBe('/v2/everything');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'ACME OR WID',
      language: 'en',
      sortBy: 'publishedAt',
      from: '2024-03-01T00:00:00',
      to: '2024-03-07T23:59:59',
      pageSize: '100',
      page: '1',
    });
    expect(request?.headers['x-api-key']).toBe(KEY);
    expect(items).toEqual([
      {
        source: 'newsapi',
        url: 'https://news.example/acme-5',
        title: 'Acme beats estimates 5',
        summary: 'Acme & Co. reported record sales 5.',
        body: null, // content is truncated ("[+2154 chars]"), so not the full text
        publishedAt: Date.UTC(2024, 2, 5, 14, 30),
        symbols: [],
        language: 'en',
        providerSentiment: null,
      },
      expect.objectContaining({
        url: 'https://news.example/acme-4',
        publishedAt: Date.UTC(2024, 2, 4, 14, 30),
      }),
    ]);
  });

  it('ANDs free text with symbols and reads top headlines when the query has neither', async () => {
    const { news } = source();
    await news.fetch({ query: 'guidance cut', symbols: ['ACME'] });
    expect(server.requests[0]?.query.get('q')).toBe('(guidance cut) AND (ACME)');
    const headlines = await news.fetch({});
    expect(server.requests[1]?.path).toBe('/v2/top-headlines');
    expect(Object.fromEntries(server.requests[1]?.query ?? [])).toEqual({
      category: 'business',
      country: 'us',
      pageSize: '100',
      page: '1',
    });
    expect(headlines.map((item) => item.language)).toEqual([null, null]);
  });

  it('pages until the limit is met and stops at the last page', async () => {
    const all = [6, 5, 4, 3, 2].map((n) => article(n));
    server.reset(({ query }) => {
      const size = Number(query.get('pageSize'));
      const number = Number(query.get('page'));
      return page(all.slice((number - 1) * size, number * size), all.length);
    });
    const { news } = source({ pageSize: 2, maxPages: 5 });
    const three = await news.fetch({ query: 'acme', limit: 3 });
    expect(three.map((item) => item.url.slice(-1))).toEqual(['6', '5', '4']);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2']);
    server.requests.length = 0;
    const every = await news.fetch({ query: 'acme widgets' });
    expect(every).toHaveLength(5);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('ends paging at the plan cap (maximumResultsReached) with what it has', async () => {
    server.reset(({ query }) =>
      query.get('page') === '1'
        ? page([article(6), article(5)], 500)
        : {
            status: 426,
            json: {
              status: 'error',
              code: 'maximumResultsReached',
              message: 'Developer accounts are limited to 100 results.',
            },
          },
    );
    const { news } = source({ pageSize: 2, maxPages: 3 });
    expect(await news.fetch({ query: 'acme' })).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('skips [Removed] placeholders and reads a partial article (null description, author, content)', async () => {
    server.reset(() =>
      page([
        article(5, { title: '[Removed]', url: 'https://removed.com', description: '[Removed]' }),
        {
          url: 'https://news.example/bare',
          title: 'Bare headline',
          publishedAt: '2024-03-04T09:15:00+01:00',
          description: null,
          content: null,
          source: { id: null, name: 'X' },
          author: null,
        },
        article(3, { description: null, content: 'Full short text, not truncated.' }),
      ]),
    );
    const items = await source().news.fetch({ query: 'acme' });
    expect(items).toEqual([
      expect.objectContaining({
        url: 'https://news.example/bare',
        summary: '',
        body: null,
        publishedAt: Date.UTC(2024, 2, 4, 8, 15),
      }),
      expect.objectContaining({
        summary: 'Full short text, not truncated.',
        body: 'Full short text, not truncated.',
      }),
    ]);
  });

  it('applies from, to and limit to top headlines, which NewsAPI cannot filter by time', async () => {
    server.reset(() => page([article(7), article(5), article(3)]));
    const items = await source().news.fetch({
      from: Date.UTC(2024, 2, 4),
      to: Date.UTC(2024, 2, 7, 14, 30),
      limit: 5,
    });
    expect(items.map((item) => item.url)).toEqual(['https://news.example/acme-5']);
  });

  it('rejects malformed JSON and a payload missing a required field, naming the field', async () => {
    server.reset(() => ({ body: '{"status":"ok","articles":[' }));
    const notJson = await providerFailure(source().news.fetch({ query: 'acme' }));
    expect(notJson).toMatchObject({
      code: 'VALIDATION_FAILED',
      failure: 'invalid-payload',
      retryable: false,
    });
    expect(notJson.message).toContain('is not JSON');
    server.reset(() => page([article(5), article(4, { publishedAt: undefined })]));
    const missing = await providerFailure(source().news.fetch({ query: 'acme' }));
    expect(missing.message).toMatch(/^NewsAPI \/v2\/everything: articles\[1\]\.publishedAt: /);
    server.reset(() => page([article(5, { publishedAt: '2024-03-05 14:30' })]));
    expect((await providerFailure(source().news.fetch({ query: 'acme' }))).message).toContain(
      'articles[0].publishedAt: expected an ISO 8601 time with a zone, got "2024-03-05 14:30"',
    );
  });
});

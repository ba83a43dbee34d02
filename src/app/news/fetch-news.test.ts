import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer } from '../../adapters/http/local-server.fixture.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import type { Store } from '../../store/repositories.types.js';
import { buildNewsSources } from './build-news-sources.js';
import { fetchNews, selectSources } from './fetch-news.js';
import { at, configFor, INSTRUMENTS, NOW, providers } from './news-providers.fixture.js';
import { parseNewsSettings } from './news-settings.js';
import { NewsStatusLog } from './news-status-log.js';
import { createNewsPipeline } from './store-news-items.js';

const server = new LocalServer();
const KEYS = { NEWS_API_KEY: 'news-key', FINNHUB_API_KEY: 'finnhub-key' };

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset(providers));

async function setup(env: Record<string, string> = KEYS) {
  const store: Store = openSqliteStore({ path: ':memory:' });
  await store.instruments.upsert(INSTRUMENTS);
  const time = fakeTime(NOW);
  const settings = parseNewsSettings({
    baseUrls: { newsapi: server.baseUrl, finnhub: server.baseUrl, alphavantage: server.baseUrl },
    feeds: [{ name: 'board', url: `${server.baseUrl}/feed.xml` }],
  });
  const sources = buildNewsSources(configFor(env), settings, time.dependencies);
  const log = new NewsStatusLog(null);
  const dependencies = { pipeline: await createNewsPipeline(store), sources, clock: time.clock, log };
  return { store, sources, log, dependencies };
}

const counts = (r: {
  source: string;
  status: string;
  fetched: number;
  inserted: number;
  duplicates: number;
  merged: number;
}) => [r.source, r.status, r.fetched, r.inserted, r.duplicates, r.merged];

describe('fetchNews', () => {
  it('fetches the configured sources, stores their items tagged, de-duplicated and scored, and counts per source', async () => {
    const { store, log, dependencies } = await setup();
    const result = await fetchNews(dependencies, { symbols: ['aapl', 'MSFT'], from: at(1), to: NOW });
    expect(result.symbols).toEqual(['AAPL', 'MSFT']);
    expect(result.sources.map(counts)).toEqual([
      ['newsapi', 'fetched', 3, 3, 0, 0],
      // The same URL is merged; the same story reworded at another outlet is a near-duplicate.
      ['finnhub', 'fetched', 3, 1, 1, 1],
      ['alphavantage', 'not-configured', 0, 0, 0, 0],
      ['sec-edgar', 'not-configured', 0, 0, 0, 0],
      ['rss:board', 'fetched', 1, 1, 0, 0],
    ]);
    expect(result.sources[2]).toMatchObject({
      error:
        'alphavantage is not configured: set ALPHA_VANTAGE_API_KEY (https://www.alphavantage.co/support/#api-key)',
      errorCode: 'CONFIG_INVALID',
    });
    expect(result.totals).toEqual({
      fetched: 7,
      inserted: 5,
      duplicates: 1,
      merged: 1,
      failed: 0,
      notConfigured: 2,
    });
    // Nothing was asked of the unconfigured sources.
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      '/api/v1/company-news',
      '/api/v1/company-news',
      '/feed.xml',
      '/v2/everything',
    ]);

    const stored = await store.articles.list({ limit: 100 });
    expect(stored).toHaveLength(6);
    const byUrl = new Map(stored.map((a) => [a.url, a]));
    const beats = byUrl.get('https://news.example/apple-beats');
    expect(beats?.symbols).toEqual(['AAPL']);
    expect(beats?.sources).toEqual(['newsapi', 'finnhub']);
    expect(byUrl.get('https://other.example/markets/apple-beats-estimates')?.duplicateOf).toBe(beats?.id);
    expect(byUrl.get('https://news.example/msft-probe')?.symbols).toEqual(['MSFT']);
    expect(byUrl.get('https://fed.example/press/1')?.symbols).toEqual([]);
    // Every article carries the lexicon's score of its stored text.
    const expected = await new LexiconSentimentScorer().scoreArticles(stored);
    stored.forEach((article, i) => {
      expect(article.sentiment).toBe(expected[i]?.score);
      expect(article.sentimentConfidence).toBe(expected[i]?.confidence);
    });
    expect(beats?.sentiment).toBeGreaterThan(0.5);
    expect(byUrl.get('https://news.example/msft-probe')?.sentiment).toBeLessThan(-0.5);
    expect(byUrl.get('https://news.example/apple-conference')?.sentiment).toBe(0);

    expect(log.history('finnhub', '2024-03-08')).toMatchObject({
      lastSuccessAt: NOW,
      fetches: 1,
      itemsFetched: 3,
      itemsInserted: 1,
      requestsToday: 2,
    });
    expect(log.history('alphavantage').fetches).toBe(0);
  });

  it('stores nothing twice: fetched again, every item merges into its stored copy', async () => {
    const { store, dependencies } = await setup();
    await fetchNews(dependencies, { symbols: ['AAPL', 'MSFT'], from: at(1), to: NOW });
    const again = await fetchNews(dependencies, {
      symbols: ['AAPL', 'MSFT'],
      from: at(1),
      to: NOW,
      sources: ['newsapi', 'finnhub'],
    });
    expect(again.sources.map(counts)).toEqual([
      ['newsapi', 'fetched', 3, 0, 0, 3],
      ['finnhub', 'fetched', 3, 0, 0, 3],
    ]);
    expect(await store.articles.list({ limit: 100 })).toHaveLength(6);
  });

  it('reports a failing source with its error while the others carry on', async () => {
    server.reset((request) =>
      request.path === '/api/v1/company-news'
        ? { status: 401, json: { error: 'Invalid API key.' } }
        : providers(request),
    );
    const { log, dependencies } = await setup();
    const result = await fetchNews(dependencies, { symbols: ['AAPL'], sources: ['finnhub', 'newsapi'] });
    expect(result.sources.map((r) => [r.source, r.status, r.errorCode, r.retryable])).toEqual([
      ['newsapi', 'fetched', null, false],
      ['finnhub', 'failed', 'PROVIDER_FAILURE', false],
    ]);
    expect(result.sources[1]?.error).toMatch(/Finnhub.*401.*Invalid API key/);
    expect(result.totals).toMatchObject({ inserted: 3, failed: 1 });
    expect(log.history('finnhub')).toMatchObject({ failures: 1, lastErrorAt: NOW, lastSuccessAt: null });
  });

  it('checks the request: known sources, from before to, a whole limit', async () => {
    const { sources, dependencies } = await setup();
    expect(selectSources(sources, ['rss']).map((e) => e.name)).toEqual(['rss:board']);
    expect(selectSources(sources, ['board', 'NEWSAPI']).map((e) => e.name)).toEqual(['newsapi', 'rss:board']);
    await expect(fetchNews(dependencies, { sources: ['reuters'] })).rejects.toThrow(
      'news source "reuters" is not one of newsapi, finnhub, alphavantage, sec-edgar, rss:board',
    );
    await expect(fetchNews(dependencies, { from: NOW, to: NOW })).rejects.toThrow(
      'from "2024-03-08T12:00:00.000Z" must be before to "2024-03-08T12:00:00.000Z"',
    );
    await expect(fetchNews(dependencies, { limit: 0.5 })).rejects.toThrow(
      'limit "0.5" must be an integer >= 1',
    );
    await expect(fetchNews(dependencies, { from: Number.NaN })).rejects.toThrow(
      'from "NaN" must be epoch ms',
    );
    expect(server.requests).toHaveLength(0);
  });
});

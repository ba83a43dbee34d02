import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer } from '../../adapters/http/local-server.fixture.js';
import type { CollectorTimers } from '../../live/news-collector.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { buildMacroClient, buildNewsSources } from './build-news-sources.js';
import { createNewsCollection } from './news-collection.js';
import type { NewsContext } from './news-context.js';
import { configFor, INSTRUMENTS, NOW, providers } from './news-providers.fixture.js';
import { parseNewsSettings } from './news-settings.js';
import { NewsStatusLog } from './news-status-log.js';

const MINUTE = 60_000;

/** Timers the test fires by hand: it sees what was scheduled, with which delay. */
class ManualTimers implements CollectorTimers {
  readonly scheduled: { callback: () => void; delayMs: number }[] = [];
  setTimeout(callback: () => void, delayMs: number): unknown {
    this.scheduled.push({ callback, delayMs });
    return this.scheduled.length - 1;
  }
  clearTimeout(): void {}
}

describe('createNewsCollection', () => {
  const server = new LocalServer();
  beforeAll(async () => {
    await server.start();
    server.handler = providers;
  });
  afterAll(async () => {
    await server.stop();
  });

  async function context(): Promise<NewsContext> {
    const store = openSqliteStore({ path: ':memory:' });
    await store.instruments.upsert(INSTRUMENTS);
    const time = fakeTime(NOW);
    const settings = parseNewsSettings({
      baseUrls: { newsapi: server.baseUrl, finnhub: server.baseUrl },
      feeds: [{ name: 'board', url: `${server.baseUrl}/feed.xml` }],
    });
    const config = configFor({ NEWS_API_KEY: 'k' });
    return {
      store,
      settings,
      sources: buildNewsSources(config, settings, time.dependencies),
      macro: buildMacroClient(config, settings, time.dependencies),
      log: new NewsStatusLog(null),
      clock: time.clock,
    };
  }

  it('polls the configured sources on their default intervals and stores through the fetch pipeline', async () => {
    const news = await context();
    const timers = new ManualTimers();
    const collector = await createNewsCollection(news, {
      symbols: ['AAPL'],
      lookbackMs: 7 * 24 * 60 * MINUTE,
      timers,
    });
    expect(collector.status().sources.map((s) => [s.name, s.intervalMs])).toEqual([
      ['newsapi', 30 * MINUTE],
      ['rss:board', 15 * MINUTE],
    ]);
    collector.start();
    for (const { callback } of timers.scheduled.splice(0)) callback();
    await collector.pollNow();
    const stored = await news.store.articles.list({ limit: 100 });
    expect(stored.map((a) => a.url).sort()).toEqual([
      'https://fed.example/press/1',
      'https://news.example/apple-beats',
      'https://news.example/apple-conference',
      'https://news.example/msft-probe',
    ]);
    expect(stored.every((a) => a.sentiment !== null)).toBe(true);
    expect(news.log.history('newsapi')).toMatchObject({
      fetches: 1,
      itemsFetched: 3,
      itemsInserted: 3,
      lastSuccessAt: NOW,
    });
    expect(timers.scheduled.map((t) => t.delayMs)).toEqual([30 * MINUTE, 15 * MINUTE]);
    const [newsapi] = server.requests.filter((r) => r.path === '/v2/everything');
    // Each poll asks for the lookback window up to now (NewsAPI takes UTC seconds without a zone).
    expect(newsapi?.query.get('from')).toBe('2024-03-01T12:00:00');
    await collector.stop();
  });

  it('takes intervals per source or kind, and refuses a named source that is not configured', async () => {
    const news = await context();
    const collector = await createNewsCollection(news, {
      sources: ['rss', 'newsapi'],
      intervalsMs: { rss: 5 * MINUTE, newsapi: 60 * MINUTE },
    });
    expect(collector.status().sources.map((s) => [s.name, s.intervalMs])).toEqual([
      ['newsapi', 60 * MINUTE],
      ['rss:board', 5 * MINUTE],
    ]);
    await expect(createNewsCollection(news, { sources: ['finnhub'] })).rejects.toThrow(
      'finnhub is not configured: set FINNHUB_API_KEY',
    );
    await expect(createNewsCollection({ ...news, sources: news.sources.slice(1, 2) })).rejects.toThrow(
      'no configured news source to collect among "finnhub"',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeTime, LocalServer } from '../../adapters/http/local-server.fixture.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import type { Store } from '../../store/repositories.types.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { buildNewsSources } from './build-news-sources.js';
import { fetchNews } from './fetch-news.js';
import { configFor, INSTRUMENTS, NOW, providers } from './news-providers.fixture.js';
import { parseNewsSettings } from './news-settings.js';
import { scoreHeadline } from './score-headline.js';
import { searchNews } from './search-news.js';
import { createNewsPipeline } from './store-news-items.js';

describe('searchNews', () => {
  const server = new LocalServer();
  let store: Store;
  beforeAll(async () => {
    await server.start();
    server.handler = providers;
    store = openSqliteStore({ path: ':memory:' });
    await store.instruments.upsert(INSTRUMENTS);
    const time = fakeTime(NOW);
    const sources = buildNewsSources(
      configFor({ NEWS_API_KEY: 'k', FINNHUB_API_KEY: 'k' }),
      parseNewsSettings({ baseUrls: { newsapi: server.baseUrl, finnhub: server.baseUrl }, feeds: [] }),
      time.dependencies,
    );
    const pipeline = await createNewsPipeline(store);
    await fetchNews({ pipeline, sources, clock: time.clock }, { symbols: ['AAPL', 'MSFT'] });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('finds stored articles by words, best match first, marked as untrusted third-party text', async () => {
    const result = await searchNews(store, 'apple guidance');
    expect(result.query).toBe('apple guidance');
    expect(result.hits.map((h) => h.article.url)).toEqual(['https://news.example/apple-beats']);
    const [hit] = result.hits;
    expect(hit?.snippet).toContain('[guidance]');
    expect(hit?.article).toMatchObject({
      title: 'Apple beats estimates and raises full-year guidance',
      symbols: ['AAPL'],
      sources: ['newsapi', 'finnhub'],
      published: '2024-03-05T14:30:00.000Z',
      untrusted: true,
      contentTrust: 'external',
    });
    expect(hit?.score).toBeGreaterThan(0);
    const copies = await searchNews(store, 'apple guidance', { includeDuplicates: true });
    expect(copies.hits.map((h) => h.article.url).sort()).toEqual([
      'https://news.example/apple-beats',
      'https://other.example/markets/apple-beats-estimates',
    ]);
  });

  it('filters by symbol, time and count, and refuses a malformed query or limit', async () => {
    const msft = await searchNews(store, 'microsoft OR apple', { symbol: 'msft' });
    expect(msft.hits.map((h) => h.article.url).sort()).toEqual([
      'https://news.example/msft-downgrade',
      'https://news.example/msft-probe',
    ]);
    const recent = await searchNews(store, 'microsoft OR apple', { from: Date.UTC(2024, 2, 7), limit: 1 });
    expect(recent.hits).toHaveLength(1);
    expect(recent.hits[0]?.article.publishedAt).toBeGreaterThanOrEqual(Date.UTC(2024, 2, 7));
    expect((await searchNews(store, 'tesla')).hits).toEqual([]);
    await expect(searchNews(store, '"guidance cut')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(searchNews(store, 'apple', { limit: 0 })).rejects.toThrow(
      'limit "0" must be an integer from 1 to 1000',
    );
  });
});

describe('scoreHeadline', () => {
  it('scores a headline in [-1, 1] with a confidence and a label, sentence by sentence', () => {
    const scorer = new LexiconSentimentScorer();
    const text = 'Apple beats estimates and raises guidance. Shares plunge after fraud probe.';
    const result = scoreHeadline(text);
    const expected = scorer.scoreText(text);
    expect(result).toMatchObject({
      text,
      score: expected.score,
      confidence: expected.confidence,
      scorer: 'lexicon',
    });
    expect(result.sentences.map((s) => s.text)).toEqual([
      'Apple beats estimates and raises guidance.',
      'Shares plunge after fraud probe.',
    ]);
    expect(result.sentences[0]?.score).toBeGreaterThan(0.5);
    expect(result.sentences[1]?.score).toBeLessThan(-0.5);
    expect(scoreHeadline('Analysts downgrade Microsoft to sell').label).toBe('negative');
    expect(scoreHeadline('Apple wins major contract').label).toBe('positive');
    expect(scoreHeadline('Apple to present at industry conference')).toMatchObject({
      score: 0,
      confidence: 0,
      label: 'neutral',
    });
    expect(() => scoreHeadline('   ')).toThrow('the text to score is empty');
    expect(() => scoreHeadline('x'.repeat(100_001))).toThrow('the text to score has "100001" characters');
  });
});

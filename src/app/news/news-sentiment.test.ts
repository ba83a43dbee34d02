import { beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import type { NewsItem } from '../../news/news-item.types.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import type { Article, Store } from '../../store/repositories.types.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { INSTRUMENTS, NOW } from './news-providers.fixture.js';
import { newsSentiment } from './news-sentiment.js';
import { newsTrends } from './news-trends.js';
import { createNewsPipeline, storeNewsItems } from './store-news-items.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const scorer = new LexiconSentimentScorer();

function item(title: string, publishedAt: number, url: string, summary = ''): NewsItem {
  return {
    source: 'wire',
    url,
    title,
    summary,
    body: null,
    publishedAt,
    symbols: [],
    language: 'en',
    providerSentiment: null,
  };
}

/** Σ w_i 2^(-(t - t_i)/h) s_i / Σ w_i 2^(...), w_i = max(c_i, 0.1), over articles published at or before t. */
function decayedMean(articles: readonly { t: number; s: number; c: number }[], t: number, h: number): number {
  let numerator = 0;
  let denominator = 0;
  for (const a of articles) {
    if (a.t > t) continue;
    const w = Math.max(a.c, 0.1) * 2 ** (-(t - a.t) / h);
    numerator += w * a.s;
    denominator += w;
  }
  return numerator / denominator;
}

async function scoredOf(article: Article) {
  const [score] = await scorer.scoreArticles([article]);
  return { t: article.publishedAt, s: score?.score as number, c: score?.confidence as number };
}

describe('newsSentiment', () => {
  let store: Store;
  beforeAll(async () => {
    store = openSqliteStore({ path: ':memory:' });
    await store.instruments.upsert(INSTRUMENTS);
    const pipeline = await createNewsPipeline(store);
    await storeNewsItems(pipeline, [
      item('Apple beats estimates and raises full-year guidance', NOW - 2 * DAY, 'https://a.example/1'),
      item(
        'Apple beats estimates and raises its full-year guidance',
        NOW - 2 * DAY + HOUR,
        'https://b.example/1',
      ),
      item('Analysts downgrade Apple to sell on a weak outlook', NOW - DAY, 'https://a.example/2'),
      item('Apple shares plunge after regulators open fraud probe', NOW - 10 * DAY, 'https://a.example/3'),
      item('Microsoft wins major contract, boosting its growth outlook', NOW - HOUR, 'https://a.example/4'),
    ]);
    // Stored without a score (as `upsert` allows): scored in memory when read.
    await store.articles.upsert({
      id: 'unscored',
      source: 'wire',
      url: 'https://a.example/5',
      title: 'Apple shares surge after record quarterly revenue',
      body: '',
      publishedAt: NOW - 3 * HOUR,
      symbols: ['AAPL'],
      sentiment: null,
    });
  });

  it('gives the decayed reading, the window volume, novelty and mean, and a series ending now', async () => {
    const result = await newsSentiment(store, new SimulatedClock(NOW), { symbol: 'aapl' });
    const stored = (await store.articles.list({ symbol: 'AAPL', from: NOW - 7 * DAY })).reverse();
    expect(stored.map((a) => a.title)).toEqual([
      'Apple beats estimates and raises full-year guidance',
      'Apple beats estimates and raises its full-year guidance',
      'Analysts downgrade Apple to sell on a weak outlook',
      'Apple shares surge after record quarterly revenue',
    ]);
    expect(stored[1]?.duplicateOf).toBe(stored[0]?.id);
    const articles = await Promise.all(stored.map(scoredOf));
    expect(result).toMatchObject({
      symbol: 'AAPL',
      asOf: NOW,
      windowMs: 7 * DAY,
      stepMs: DAY,
      halfLifeMs: DAY,
    });
    expect(result.latest?.articles).toBe(4);
    expect(result.latest?.asOf).toBe(NOW - 3 * HOUR);
    expect(result.latest?.score).toBeCloseTo(decayedMean(articles, NOW, DAY), 12);
    const unsupported = articles.reduce((p, a) => p * (1 - a.c * 2 ** (-(NOW - a.t) / DAY)), 1);
    expect(result.latest?.confidence).toBeCloseTo(1 - unsupported, 12);
    expect(result.volume).toBe(4);
    expect(result.novelty).toBeCloseTo(3 / 4, 12);
    const weights = articles.map((a) => Math.max(a.c, 0.1));
    const mean =
      articles.reduce((sum, a, i) => sum + (weights[i] as number) * a.s, 0) / weights.reduce((a, b) => a + b);
    expect(result.windowMean).toBeCloseTo(mean, 12);
    // Eight daily points ending now; none has evidence before the first article (two days ago).
    expect(result.series.map((p) => p.ts)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map((d) => NOW - d * DAY));
    expect(result.series.map((p) => p.volume)).toEqual([0, 0, 0, 0, 0, 1, 2, 1]);
    expect(result.series.slice(0, 5).every((p) => p.sentiment === null && p.windowSentiment === null)).toBe(
      true,
    );
    expect(result.series[6]?.sentiment).toBeCloseTo(decayedMean(articles, NOW - DAY, DAY), 12);
    expect(result.series[7]?.sentiment).toBeCloseTo(result.latest?.score as number, 12);
    expect(result.articles.map((a) => [a.title, a.untrusted, a.contentTrust])).toEqual([
      ['Apple shares surge after record quarterly revenue', true, 'external'],
      ['Analysts downgrade Apple to sell on a weak outlook', true, 'external'],
      ['Apple beats estimates and raises its full-year guidance', true, 'external'],
      ['Apple beats estimates and raises full-year guidance', true, 'external'],
    ]);
  });

  it('narrows to a short window hour by hour, and says when there is no news', async () => {
    const day = await newsSentiment(store, new SimulatedClock(NOW), {
      symbol: 'AAPL',
      windowMs: DAY,
      articles: 0,
    });
    // (now - 24 h, now]: the downgrade published exactly 24 hours ago is out.
    expect(day).toMatchObject({ stepMs: HOUR, volume: 1, articles: [] });
    expect(day.series).toHaveLength(25);
    const none = await newsSentiment(store, new SimulatedClock(NOW), { symbol: 'TSLA' });
    expect(none).toMatchObject({ latest: null, volume: 0, novelty: null, windowMean: null });
    await expect(
      newsSentiment(store, new SimulatedClock(NOW), { symbol: 'AAPL', windowMs: 0 }),
    ).rejects.toThrow('window "0" ms must be > 0');
    await expect(
      newsSentiment(store, new SimulatedClock(NOW), { symbol: 'AAPL', windowMs: HOUR, stepMs: DAY }),
    ).rejects.toThrow('must not exceed the window');
  });
});

describe('newsTrends', () => {
  it('finds rising sentiment and a news burst, and ranks symbols by the strength of their momentum', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await store.instruments.upsert(INSTRUMENTS);
    const pipeline = await createNewsPipeline(store);
    const quiet = Array.from({ length: 25 }, (_, k) =>
      item(
        `Apple schedules meeting number ${k + 1} with suppliers`,
        NOW - (k + 2) * DAY,
        `https://q.example/${k}`,
      ),
    );
    const burst = [
      'Apple beats estimates and raises full-year guidance',
      'Analysts upgrade Apple to buy, citing accelerating growth',
      'Apple announces $2 billion share buyback and dividend increase',
      'Apple wins major contract, boosting its growth outlook',
    ].map((title, k) => item(title, NOW - HOUR - k * 60_000, `https://burst.example/${k}`));
    await storeNewsItems(pipeline, [
      ...quiet,
      ...burst,
      item('Microsoft misses expectations and cuts guidance', NOW - 5 * DAY, 'https://m.example/1'),
    ]);
    const result = await newsTrends(store, new SimulatedClock(NOW));
    expect(result.symbols.map((t) => t.symbol)).toEqual(['AAPL', 'MSFT']);
    const [apple, microsoft] = result.symbols;
    const articles = await Promise.all(
      (await store.articles.list({ symbol: 'AAPL', from: NOW - 30 * DAY, limit: 100 })).map(scoredOf),
    );
    expect(apple?.articles).toBe(29);
    expect(apple?.shortSentiment).toBeCloseTo(decayedMean(articles, NOW, DAY), 12);
    expect(apple?.longSentiment).toBeCloseTo(decayedMean(articles, NOW, 7 * DAY), 12);
    expect(apple?.momentum).toBeCloseTo(
      decayedMean(articles, NOW, DAY) - decayedMean(articles, NOW, 7 * DAY),
      12,
    );
    expect(apple?.momentum).toBeGreaterThan(0.1);
    // Four articles in the last day; the 20 days before hold one each but the last (mean 0.95, sd 0.22 under
    // the floor of 1 article): z = (4 - 0.95) / 1.
    expect(apple?.volume).toBe(4);
    expect(apple?.volumeZ).toBeCloseTo(3.05, 12);
    expect(apple?.spikes.map((s) => [s.kind, s.ts])).toEqual([
      ['volume', NOW],
      ['sentiment', NOW],
    ]);
    // A single article: the fast and slow means are both its score.
    expect(microsoft).toMatchObject({ articles: 1, momentum: 0, spikes: [] });
    const only = await newsTrends(store, new SimulatedClock(NOW), { symbols: ['msft'], windowMs: 3 * DAY });
    expect(only.symbols).toEqual([]);
    await expect(
      newsTrends(store, new SimulatedClock(NOW), { windowMs: DAY, stepMs: 2 * DAY }),
    ).rejects.toThrow('0 < step <= window');
  });
});

import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../data/bar-series.js';
import { zeroDriftSeries } from '../../data/synthetic/zero-drift-market.fixture.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import { HEADLINE_TEMPLATES, SYNTHETIC_TONES } from '../../news/synthetic/headline-templates.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { simulateStrategy } from '../simulate-strategy.js';
import { loadBacktestSentiment } from './backtest-news.js';
import { createNewsPipeline, storeNewsItems } from './store-news-items.js';

const DAY = 86_400_000;

/** Ten unrelated symbols with zero drift: returns have mean 0, so any edge comes from the news. */
const market = zeroDriftSeries;

const store = openSqliteStore({ path: ':memory:' });

/** Per-trade returns of neural-sentiment on the scored synthetic stream, pooled over seeds. */
async function tradeStatistics(edge: number, seeds: readonly number[]) {
  const returns: number[] = [];
  for (const seed of seeds) {
    const series = market(seed);
    const { source } = await loadBacktestSentiment(store, { kind: 'synthetic', edge, seed }, series);
    const { result } = simulateStrategy('neural-sentiment', series, {
      params: { confirmation: 'none', allowShort: true, holdingBars: 5 },
      inputs: { sentiment: source },
    });
    for (const trade of result.trades) returns.push(trade.returnPct);
  }
  const n = returns.length;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { n, mean, t: mean / Math.sqrt(variance / n) };
}

describe('the scored synthetic news stream as a backtest input', () => {
  it('is read with the right tone by the lexicon: positive > 0.05, negative < -0.05, neutral 0', async () => {
    const scorer = new LexiconSentimentScorer();
    for (const tone of SYNTHETIC_TONES) {
      const articles = HEADLINE_TEMPLATES[tone].map((t) => ({
        title: t.title.replaceAll('{S}', 'S7'),
        summary: t.summary.replaceAll('{S}', 'S7'),
      }));
      for (const { score, confidence } of await scorer.scoreArticles(articles)) {
        if (tone === 'positive') expect(score).toBeGreaterThan(0.5);
        if (tone === 'negative') expect(score).toBeLessThan(-0.5);
        if (tone === 'neutral') expect([score, confidence]).toEqual([0, 0]);
      }
    }
  });

  // The end-to-end check of the pipeline (generate, score with the lexicon, aggregate without look-ahead,
  // trade). With edge 0 the trades are independent with mean 0, so |t| < 3 fails for 0.3% of seed sets.
  it('gives neural-sentiment an edge when the news has one (edge 0.8), and none without (edge 0)', async () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const informed = await tradeStatistics(0.8, seeds);
    expect(informed.n).toBeGreaterThan(200);
    expect(informed.mean).toBeGreaterThan(0);
    expect(informed.t).toBeGreaterThan(3);
    const uninformed = await tradeStatistics(0, seeds);
    expect(uninformed.n).toBeGreaterThan(200);
    expect(Math.abs(uninformed.t)).toBeLessThan(3);
  });

  it('says what it rests on, and is reproducible by seed', async () => {
    const series = market(3);
    const a = await loadBacktestSentiment(store, { kind: 'synthetic', edge: 0.6 }, series);
    const b = await loadBacktestSentiment(store, { kind: 'synthetic', edge: 0.6, seed: 42 }, series);
    expect(a.description).toBe('synthetic news (edge 0.6, seed 42)');
    expect(a.source.name).toBe(a.description);
    expect(a.articles).toBe(b.articles);
    expect(a.articles).toBeGreaterThan(200);
    const at = (series[0] as BarSeries).lastTs;
    expect(a.source.sentimentAt('S0', at)).toEqual(b.source.sentimentAt('S0', at));
    await expect(loadBacktestSentiment(store, { kind: 'synthetic', edge: 2 }, series)).rejects.toThrow(
      'news edge "2" must be in [0, 1]',
    );
  });
});

describe('stored news as a backtest input', () => {
  it('reads the stored, scored articles of the backtest symbols, each only from its publication on', async () => {
    const local = openSqliteStore({ path: ':memory:' });
    const series = market(5).slice(0, 2);
    const s0 = series[0] as BarSeries;
    const published = (s0.ts[100] as number) + 3_600_000;
    const stored = await storeNewsItems(await createNewsPipeline(local), [
      {
        source: 'wire',
        url: 'https://news.example/s0-upgrade',
        title: 'Analysts upgrade S0 to buy, citing accelerating growth',
        summary: '',
        body: null,
        publishedAt: published,
        symbols: ['S0'],
        language: 'en',
        providerSentiment: null,
      },
    ]);
    expect(stored).toEqual({ inserted: 1, duplicates: 0, merged: 0, scored: 1 });
    const [article] = await local.articles.list();
    const { source, description, articles } = await loadBacktestSentiment(local, { kind: 'store' }, series);
    expect([description, articles]).toEqual(['stored news', 1]);
    expect(source.sentimentAt('S0', published - 1)).toBeNull();
    expect(source.sentimentAt('S0', published)).toMatchObject({
      score: article?.sentiment,
      articles: 1,
      asOf: published,
    });
    expect(source.sentimentAt('S0', published + DAY)?.confidence).toBeCloseTo(
      (article?.sentimentConfidence as number) / 2,
      12,
    );
    expect(source.sentimentAt('S0', published + 4 * DAY)).toBeNull();
    expect(source.sentimentAt('S1', published)).toBeNull();
    await expect(loadBacktestSentiment(local, { kind: 'store' }, series.slice(1))).rejects.toThrow(
      'no stored articles about S1 in the backtest period: fetch some first (neural-trader news fetch --symbols S1',
    );
  });
});

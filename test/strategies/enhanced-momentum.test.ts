import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/core/rng.js';
import { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { DriftEwmaForecaster } from '../../src/forecasting/baselines/drift-ewma-forecaster.js';
import type { SentimentReading, SentimentSource } from '../../src/model/sentiment.types.js';
import { enhancedMomentumDefinition } from '../../src/strategies/enhanced-momentum/definition.js';
import type { StrategyInputs } from '../../src/strategies/strategy-definition.js';
import { expectDeterministic, expectNoLookAhead, runStrategy } from '../helpers/strategy-checks.js';

const DAY = 86_400_000;

interface Article {
  readonly publishedAt: number;
  readonly score: number;
}

/**
 * Sentiment from a list of scored articles: the mean score of a symbol's articles published in the `windowMs`
 * before `ts` (inclusive of `ts`, never after it). `leak` shifts the cut-off into the future, to show the
 * strategy refuses such a source.
 */
class ArticleSentiment implements SentimentSource {
  readonly name = 'articles';
  constructor(
    private readonly bySymbol: ReadonlyMap<string, readonly Article[]>,
    private readonly windowMs = 5 * DAY,
    private readonly leak = 0,
  ) {}
  sentimentAt(symbol: string, ts: number): SentimentReading | null {
    const cutoff = ts + this.leak;
    const articles = this.bySymbol.get(symbol) ?? []; // sorted by publication time
    let end = 0; // first article published after the cut-off (binary search)
    let hi = articles.length;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if ((articles[mid] as Article).publishedAt <= cutoff) end = mid + 1;
      else hi = mid;
    }
    let sum = 0;
    let count = 0;
    for (let k = end - 1; k >= 0 && (articles[k] as Article).publishedAt > cutoff - this.windowMs; k--) {
      sum += (articles[k] as Article).score;
      count++;
    }
    if (count === 0) return null;
    return { score: sum / count, articles: count, asOf: (articles[end - 1] as Article).publishedAt };
  }
}

/** Seeded random articles for each symbol: about one every three days, at any minute of the day. */
function randomArticles(
  symbols: readonly string[],
  from: number,
  days: number,
  seed: number,
): Map<string, Article[]> {
  const rng = new SeededRng(seed);
  return new Map(
    symbols.map((symbol) => {
      const articles: Article[] = [];
      for (let day = 0; day < days; day++) {
        if (rng.next() < 1 / 3) {
          articles.push({
            publishedAt: from + day * DAY + rng.int(0, 1439) * 60_000,
            score: rng.uniform(-1, 1),
          });
        }
      }
      return [symbol, articles];
    }),
  );
}

function uptrendSeries(symbol: string, n: number): BarSeries {
  const start = Date.UTC(2021, 0, 4);
  return BarSeries.fromBars(
    symbol,
    '1d',
    Array.from({ length: n }, (_, i) => {
      const close = 50 * 1.004 ** i * (i % 2 === 0 ? 1.002 : 0.998);
      return {
        tsEvent: start + i * DAY,
        open: close,
        high: close * 1.005,
        low: close * 0.995,
        close,
        volume: 1e6,
      };
    }),
  );
}

describe('enhanced-momentum scenarios (engine, next-open fills)', () => {
  const data = [uptrendSeries('UP', 360)];
  const create = (inputs: StrategyInputs = {}) =>
    enhancedMomentumDefinition.create({}, { symbols: ['UP'], timeframe: '1d' }, inputs);

  it('is long on a pure uptrend with only the baseline forecaster', () => {
    const result = runStrategy(() => create(), data);
    expect(result.fills[0]).toMatchObject({ side: 'buy' });
    expect(result.fills.every((f) => f.side === 'buy')).toBe(true);
  });

  it('stays flat on the same uptrend while the news is bad', () => {
    const bad: Article[] = Array.from({ length: 360 }, (_, i) => ({
      publishedAt: data[0]!.ts[i]! + 3_600_000,
      score: -0.9,
    }));
    const sentiment = new ArticleSentiment(new Map([['UP', bad]]));
    const result = runStrategy(() => create({ sentiment }), data);
    expect(result.fills).toEqual([]);
  });

  it('refuses a news source that hands it articles from after the decision time', () => {
    const articles = new Map([['UP', [{ publishedAt: data[0]!.ts[300]! + 2 * DAY, score: 0.5 }]]]);
    const leaky = new ArticleSentiment(articles, 5 * DAY, 3 * DAY);
    expect(() => runStrategy(() => create({ sentiment: leaky }), data)).toThrow('it would look ahead');
  });
});

describe('enhanced-momentum on the synthetic default universe', () => {
  const market = generateDefaultMarket({ days: 560 });
  const all = [...market.series.values()];
  const symbols = all.map((s) => s.symbol);
  const spy = market.series.get('SPY');
  if (spy === undefined) throw new Error('the default universe has SPY');
  const sentiment = new ArticleSentiment(randomArticles(symbols, spy.firstTs, 800, 11));
  const cuts = [spy.ts[290] as number, spy.ts[420] as number, spy.ts[530] as number];
  const create = (params: Record<string, unknown>, inputs: StrategyInputs) =>
    enhancedMomentumDefinition.create(params, { symbols, timeframe: '1d' }, inputs);

  it('gives the same fills on every run, with and without the optional inputs', () => {
    const bare = expectDeterministic(() => create({}, {}), all);
    const full = expectDeterministic(() => create({ allowShort: true }, { sentiment }), all);
    expect(bare.fills.length).toBeGreaterThan(0);
    expect(full.tradesHash).not.toBe(bare.tradesHash);
  });

  it('makes the same decisions when the future is cut off (time-series, with news)', () => {
    expectNoLookAhead(() => create({ allowShort: true }, { sentiment }), all, cuts);
  });

  it('makes the same decisions when the future is cut off (cross-sectional, given forecaster)', () => {
    const forecaster = new DriftEwmaForecaster({ decay: 0.97, confidenceLevel: 0.9 });
    expectNoLookAhead(
      () => create({ mode: 'cross-sectional', forecastEvery: 5 }, { forecaster, sentiment }),
      all,
      cuts,
    );
  });
});

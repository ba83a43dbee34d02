import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import type { ScoredArticle } from './scored-article.types.js';
import { sentimentSeries } from './sentiment-series.js';
import { sentimentTrends, zScores } from './sentiment-trends.js';

const HOUR = 3_600_000;

describe('zScores', () => {
  it('compares each value with the sample mean and deviation of the values before it', () => {
    const z = zScores(Float64Array.from([1, 2, 3, 4, 10]), 4, 2, 0);
    expect(z[0]).toBeNaN();
    expect(z[1]).toBeNaN(); // one value of history is not enough
    expect(z[2]).toBeCloseTo((3 - 1.5) / Math.SQRT1_2, 12);
    expect(z[3]).toBeCloseTo((4 - 2) / 1, 12);
    expect(z[4]).toBeCloseTo((10 - 2.5) / Math.sqrt(5 / 3), 12);
    const short = zScores(Float64Array.from([1, 2, 3, 4, 10]), 2, 2, 0);
    expect(short[4]).toBeCloseTo((10 - 3.5) / Math.SQRT1_2, 12); // only the last 2 values
  });

  it('floors the deviation and skips NaN values', () => {
    expect(zScores(Float64Array.from([0, 0, 0, 3]), 5, 2, 1)[3]).toBe(3);
    const z = zScores(Float64Array.from([1, Number.NaN, 3, Number.NaN, 5]), 4, 2, 0);
    expect(z[3]).toBeNaN();
    expect(z[4]).toBeCloseTo((5 - 2) / Math.SQRT2, 12);
  });
});

describe('sentimentTrends', () => {
  // One mildly positive article an hour for two days, then a burst of ten negative ones within hour 48.
  const articles: ScoredArticle[] = [];
  for (let h = 0; h < 48; h++) {
    articles.push({
      symbol: 'ACME',
      publishedAt: h * HOUR + 60_000,
      score: 0.1 + (h % 3) * 0.05,
      confidence: 0.6,
      isNovel: true,
    });
  }
  for (let i = 0; i < 10; i++) {
    articles.push({
      symbol: 'ACME',
      publishedAt: 48 * HOUR + 60_000 * (i + 1),
      score: -0.7,
      confidence: 0.8,
      isNovel: i === 0,
    });
  }
  const options = {
    from: HOUR,
    to: 50 * HOUR,
    step: HOUR,
    shortHalfLifeMs: 2 * HOUR,
    longHalfLifeMs: 24 * HOUR,
  };
  const trends = sentimentTrends(articles, 'ACME', options);

  it('gives momentum = fast decayed mean - slow decayed mean', () => {
    const fast = sentimentSeries(articles, 'ACME', { ...options, halfLifeMs: 2 * HOUR });
    const slow = sentimentSeries(articles, 'ACME', { ...options, halfLifeMs: 24 * HOUR });
    trends.momentum.forEach((value, k) =>
      expect(value).toBeCloseTo(fast.sentiment[k]! - slow.sentiment[k]!, 12),
    );
    expect(Array.from(trends.longSentiment)).toEqual(Array.from(slow.sentiment));
    const burst = 48; // index of ts = 49h
    expect(trends.momentum[burst]).toBeLessThan(-0.3);
    expect(trends.momentum[burst - 5]).toBeCloseTo(0, 1);
  });

  it('flags the burst as a volume spike and a negative sentiment shock, and nothing else', () => {
    expect(trends.spikes.map((s) => [s.ts / HOUR, s.kind])).toEqual([
      [49, 'volume'],
      [49, 'sentiment'],
    ]);
    const [volume, sentiment] = trends.spikes;
    expect(volume!.value).toBe(10);
    expect(volume!.z).toBeCloseTo((10 - 1) / 1, 12); // 20 trailing counts of 1: deviation floored at 1
    expect(sentiment!.value).toBeCloseTo(-0.7, 12);
    expect(sentiment!.z).toBeLessThan(-3);
    expect(trends.short.novelty[48]).toBeCloseTo(0.1, 12);
  });

  it('refuses inconsistent options', () => {
    expect(() => sentimentTrends(articles, 'ACME', { ...options, longHalfLifeMs: HOUR })).toThrow(
      'longHalfLifeMs "3600000" must be > shortHalfLifeMs "7200000"',
    );
    expect(() => sentimentTrends(articles, 'ACME', { ...options, lookback: 1 })).toThrow(
      'must be an integer >= 2',
    );
    expect(() => sentimentTrends(articles, 'ACME', { ...options, lookback: 3, minimumHistory: 4 })).toThrow(
      'minimumHistory "4" must be <= lookback "3"',
    );
    expect(() => sentimentTrends(articles, 'ACME', { ...options, threshold: 0 })).toThrow(InvalidInputError);
  });
});

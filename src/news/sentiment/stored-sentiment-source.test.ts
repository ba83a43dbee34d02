import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import type { SentimentSource } from '../../model/sentiment.types.js';
import type { ScoredArticle } from './scored-article.types.js';
import { StoredSentimentSource, upperBound } from './stored-sentiment-source.js';

const HOUR = 3_600_000;
const at = (symbol: string, publishedAt: number, score: number, confidence = 1): ScoredArticle => ({
  symbol,
  publishedAt,
  score,
  confidence,
});

/** The reading written out directly from the port's contract, for comparison. */
function direct(
  articles: readonly ScoredArticle[],
  symbol: string,
  ts: number,
  halfLifeMs: number,
  lookbackMs: number,
) {
  const counted = articles.filter(
    (a) => a.symbol === symbol && a.publishedAt <= ts && a.publishedAt >= ts - lookbackMs,
  );
  if (counted.length === 0) return null;
  let numerator = 0;
  let denominator = 0;
  for (const a of counted) {
    const w = Math.max(a.confidence, 0.1) * 2 ** (-(ts - a.publishedAt) / halfLifeMs);
    numerator += w * a.score;
    denominator += w;
  }
  return {
    score: denominator > 0 ? numerator / denominator : 0,
    articles: counted.length,
    asOf: Math.max(...counted.map((a) => a.publishedAt)),
  };
}

describe('StoredSentimentSource', () => {
  const articles = [
    at('ACME', 2 * HOUR, -0.5, 0.5),
    at('ACME', 0, 0.9),
    at('ACME', 3 * HOUR, 0.6, 0),
    at('OTHER', 0, -1),
  ];
  const source: SentimentSource = new StoredSentimentSource(articles, {
    halfLifeMs: HOUR,
    lookbackMs: 2 * HOUR,
  });

  it('works a reading by hand', () => {
    // At 2h: the 0h article (weight 1 × 1/4) and the 2h one (0.5 × 1); lookback [0h, 2h] keeps both.
    const atTwo = source.sentimentAt('ACME', 2 * HOUR);
    expect(atTwo?.score).toBeCloseTo((0.25 * 0.9 + 0.5 * -0.5) / 0.75, 12);
    expect(atTwo).toMatchObject({ articles: 2, asOf: 2 * HOUR });
    // Evidence accumulates: 1 - (1 - 1 × 1/4)(1 - 0.5 × 1) = 0.625.
    expect(atTwo?.confidence).toBeCloseTo(0.625, 12);
    // At 3h: the 0h article has left the lookback; the 3h one has confidence 0, floored at 0.1.
    const atThree = source.sentimentAt('ACME', 3 * HOUR);
    expect(atThree?.score).toBeCloseTo((0.25 * -0.5 + 0.1 * 0.6) / 0.35, 12);
    expect(atThree).toMatchObject({ articles: 2, asOf: 3 * HOUR });
    expect(source.name).toBe('stored-news');
  });

  it('never reads an article published after ts', () => {
    const before = source.sentimentAt('ACME', 2 * HOUR - 1);
    expect(before).toMatchObject({ score: 0.9, articles: 1, asOf: 0 });
    // Confidence 1, two half-lives (less 1 ms) old: 1 - (1 - 2^(-(2h - 1 ms) / 1h)).
    expect(before?.confidence).toBeCloseTo(2 ** (-(2 * HOUR - 1) / HOUR), 12);
    expect(source.sentimentAt('ACME', -1)).toBeNull();
    expect(source.sentimentAt('ACME', 10 * HOUR)).toBeNull(); // everything older than the lookback
    expect(source.sentimentAt('NONE', 0)).toBeNull();
    expect(source.sentimentAt('OTHER', 0)).toMatchObject({ score: -1, articles: 1, asOf: 0 });
  });

  it('equals the direct reading, and articles published after ts never change it', () => {
    const arbitrary = fc.record({
      symbol: fc.constantFrom('ACME', 'OTHER'),
      publishedAt: fc.integer({ min: 0, max: 1000 }).map((minutes) => minutes * 60_000),
      score: fc.double({ min: -1, max: 1, noNaN: true }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(arbitrary, { maxLength: 60 }),
        fc.array(arbitrary, { maxLength: 20 }),
        fc.integer({ min: -10, max: 1010 }),
        (past, extra, minute) => {
          const ts = minute * 60_000;
          const options = { halfLifeMs: 90 * 60_000, lookbackMs: 300 * 60_000 };
          const future = extra.map((a) => ({ ...a, publishedAt: ts + 1 + a.publishedAt }));
          const withoutFuture = new StoredSentimentSource(past, options);
          const withFuture = new StoredSentimentSource([...future, ...past], options);
          for (const symbol of ['ACME', 'OTHER']) {
            const reading = withFuture.sentimentAt(symbol, ts);
            const expected = direct(past, symbol, ts, options.halfLifeMs, options.lookbackMs);
            if (expected === null) {
              expect(reading).toBeNull();
              continue;
            }
            expect(reading).not.toBeNull();
            expect(reading!.asOf).toBeLessThanOrEqual(ts);
            expect(reading!.asOf).toBe(expected.asOf);
            expect(reading!.articles).toBe(expected.articles);
            expect(reading!.score).toBeCloseTo(expected.score, 9);
            expect(withoutFuture.sentimentAt(symbol, ts)).toEqual(reading);
          }
        },
      ),
    );
  });

  it('shrinks towards neutral with a prior and lists its symbols', () => {
    const shrunk = new StoredSentimentSource(articles, {
      halfLifeMs: HOUR,
      lookbackMs: HOUR,
      neutralPriorWeight: 1,
      name: 'n',
    });
    expect(shrunk.sentimentAt('OTHER', 0)).toEqual({ score: -0.5, articles: 1, asOf: 0, confidence: 1 });
    expect(shrunk.symbolNames.sort()).toEqual(['ACME', 'OTHER']);
    expect(shrunk.name).toBe('n');
    const priorOnly = new StoredSentimentSource([at('ACME', 0, 1, 0)], {
      halfLifeMs: HOUR,
      lookbackMs: HOUR,
      minimumWeight: 0,
      neutralPriorWeight: 1,
    });
    expect(priorOnly.sentimentAt('ACME', 0)).toEqual({ score: 0, articles: 1, asOf: 0, confidence: 0 });
  });

  it('refuses a non-finite ts, weightless neutral articles and bad options', () => {
    expect(() => source.sentimentAt('ACME', Number.NaN)).toThrow('sentimentAt ts "NaN" must be epoch ms');
    expect(
      () => new StoredSentimentSource([], { halfLifeMs: HOUR, lookbackMs: HOUR, minimumWeight: 0 }),
    ).toThrow('leaves neutral articles');
    expect(() => new StoredSentimentSource([], { halfLifeMs: 0, lookbackMs: HOUR })).toThrow(
      'halfLifeMs "0" must be > 0',
    );
    expect(() => new StoredSentimentSource([], { halfLifeMs: HOUR, lookbackMs: -1 })).toThrow(
      InvalidInputError,
    );
    expect(
      () => new StoredSentimentSource([at('ACME', 0, -3)], { halfLifeMs: HOUR, lookbackMs: HOUR }),
    ).toThrow('score "-3" must be in [-1, 1]');
  });
});

describe('upperBound', () => {
  it('finds the first value greater than x', () => {
    const values = Float64Array.from([1, 2, 2, 2, 5]);
    expect(upperBound(values, 0)).toBe(0);
    expect(upperBound(values, 2)).toBe(4);
    expect(upperBound(values, 4.9)).toBe(4);
    expect(upperBound(values, 5)).toBe(5);
    expect(upperBound(new Float64Array(0), 1)).toBe(0);
  });
});

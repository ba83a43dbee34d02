import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import type { ScoredArticle } from './scored-article.types.js';
import { sentimentSeries, sentimentSeriesBySymbol } from './sentiment-series.js';

const HOUR = 3_600_000;
const article = (
  publishedAt: number,
  score: number,
  confidence: number,
  isNovel = true,
  symbol = 'ACME',
) => ({
  symbol,
  publishedAt,
  score,
  confidence,
  isNovel,
});

describe('sentimentSeries', () => {
  const articles = [article(0, 0.8, 1), article(HOUR, -0.4, 0.5, false), article(0, 0.9, 1, true, 'OTHER')];
  const options = { from: 0, to: 2 * HOUR, step: HOUR, halfLifeMs: HOUR };

  it('works a two-article case by hand', () => {
    const series = sentimentSeries(articles, 'ACME', options);
    expect(Array.from(series.ts)).toEqual([0, HOUR, 2 * HOUR]);
    // t = 1h: weights 1 × 0.5 and 0.5 × 1 -> (0.4 - 0.2) / 1; t = 2h: the same ratio, half the weight.
    expect(Array.from(series.sentiment)).toEqual([0.8, expect.closeTo(0.2, 12), expect.closeTo(0.2, 12)]);
    expect(Array.from(series.weight)).toEqual([1, expect.closeTo(1, 12), expect.closeTo(0.5, 12)]);
    // Window (t - 1h, t]: A alone, then B alone (A sits on the open edge), then nothing.
    expect(Array.from(series.volume)).toEqual([1, 1, 0]);
    expect(Array.from(series.novelty)).toEqual([1, 0, Number.NaN]);
    expect(Array.from(series.windowSentiment)).toEqual([0.8, expect.closeTo(-0.4, 12), Number.NaN]);
    expect(series.symbol).toBe('ACME');
  });

  it('shrinks towards 0 with a neutral prior and floors weights with minimumWeight', () => {
    const shrunk = sentimentSeries(articles, 'ACME', { ...options, neutralPriorWeight: 0.5 });
    expect(shrunk.sentiment[2]).toBeCloseTo((0.25 * 0.8 - 0.25 * 0.4) / (0.5 + 0.5), 12);
    const neutral = [article(0, 0, 0), article(0, 1, 1)];
    const floored = sentimentSeries(neutral, 'ACME', { ...options, minimumWeight: 0.25 });
    expect(floored.sentiment[0]).toBeCloseTo(1 / 1.25, 12);
  });

  it('is NaN before the first article and counts articles published before `from`', () => {
    const late = sentimentSeries([article(1.5 * HOUR, 0.5, 1)], 'ACME', options);
    expect(Array.from(late.sentiment)).toEqual([Number.NaN, Number.NaN, 0.5]);
    const early = sentimentSeries([article(-10 * HOUR, -0.5, 1)], 'ACME', options);
    expect(early.sentiment[0]).toBeCloseTo(-0.5, 12);
    expect(early.weight[0]).toBeCloseTo(2 ** -10, 12);
    const ancient = sentimentSeries([article(-1e9 * HOUR, -0.5, 1)], 'ACME', options);
    expect(ancient.sentiment[0]).toBeNaN(); // decayed below the float range
  });

  it('equals a direct evaluation of the decayed mean at every grid point', () => {
    const arbitraryArticle = fc.record({
      symbol: fc.constant('ACME'),
      publishedAt: fc.integer({ min: -50, max: 150 }).map((minutes) => minutes * 60_000),
      score: fc.double({ min: -1, max: 1, noNaN: true }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      isNovel: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryArticle, { maxLength: 40 }),
        fc.integer({ min: 1, max: 300 }),
        (list, halfLifeMinutes) => {
          const halfLifeMs = halfLifeMinutes * 60_000;
          const series = sentimentSeries(list, 'ACME', {
            from: 0,
            to: 100 * 60_000,
            step: 7 * 60_000,
            halfLifeMs,
          });
          series.ts.forEach((t, k) => {
            let numerator = 0;
            let denominator = 0;
            for (const a of list) {
              if (a.publishedAt > t) continue;
              const w = Math.max(a.confidence, 0.1) * 2 ** (-(t - a.publishedAt) / halfLifeMs);
              numerator += w * a.score;
              denominator += w;
            }
            if (denominator === 0) expect(series.sentiment[k]).toBeNaN();
            else expect(series.sentiment[k]).toBeCloseTo(numerator / denominator, 9);
            const inWindow = list.filter((a) => a.publishedAt <= t && a.publishedAt > t - 7 * 60_000);
            expect(series.volume[k]).toBe(inWindow.length);
            if (inWindow.length > 0) {
              expect(series.novelty[k]).toBeCloseTo(
                inWindow.filter((a) => a.isNovel).length / inWindow.length,
                12,
              );
            }
          });
        },
      ),
    );
  });

  it('decides novelty with a near-duplicate callback when articles carry no flag', () => {
    type Titled = ScoredArticle & { readonly title: string };
    const titled: Titled[] = [
      { symbol: 'ACME', publishedAt: 0, score: 0.5, confidence: 1, title: 'Acme beats' },
      { symbol: 'ACME', publishedAt: 10, score: 0.5, confidence: 1, title: 'acme beats' },
      { symbol: 'ACME', publishedAt: 20, score: 0.5, confidence: 1, title: 'Acme hires' },
      { symbol: 'ACME', publishedAt: 2 * HOUR, score: 0.5, confidence: 1, title: 'ACME BEATS' },
    ];
    const isNearDuplicate = (later: Titled, earlier: Titled) =>
      later.title.toLowerCase() === earlier.title.toLowerCase();
    const grid = { from: 30, to: 2 * HOUR + 30, step: HOUR, halfLifeMs: HOUR };
    const series = sentimentSeries(titled, 'ACME', { ...grid, isNearDuplicate });
    expect(series.novelty[0]).toBeCloseTo(2 / 3, 12); // the second "acme beats" repeats the first
    expect(series.volume[2]).toBe(1);
    expect(series.novelty[2]).toBe(1); // the first copy is more than a window older: news again
    expect(() => sentimentSeries(titled, 'ACME', options)).toThrow(
      'scored article "ACME" at "0" has no isNovel flag and no isNearDuplicate callback was given',
    );
  });

  it('builds one series per symbol', () => {
    const bySymbol = sentimentSeriesBySymbol(articles, options);
    expect([...bySymbol.keys()]).toEqual(['ACME', 'OTHER']);
    expect(bySymbol.get('OTHER')?.sentiment[0]).toBe(0.9);
  });

  it('refuses bad options and bad articles, quoting the value', () => {
    expect(() => sentimentSeries(articles, 'ACME', { ...options, step: 0 })).toThrow('step "0" must be > 0');
    expect(() => sentimentSeries(articles, 'ACME', { ...options, to: -1 })).toThrow(
      'to "-1" must be >= from "0"',
    );
    expect(() => sentimentSeries(articles, 'ACME', { ...options, to: 1e12, step: 1 })).toThrow(
      'exceeds 10000000',
    );
    expect(() => sentimentSeries(articles, 'ACME', { ...options, halfLifeMs: -1 })).toThrow(
      InvalidInputError,
    );
    expect(() => sentimentSeries(articles, 'ACME', { ...options, from: Number.NaN })).toThrow(
      'from "NaN" must be a finite number',
    );
    expect(() => sentimentSeries(articles, 'ACME', { ...options, minimumWeight: -1 })).toThrow(
      'must be >= 0',
    );
    expect(() => sentimentSeries([article(0, 2, 1)], 'ACME', options)).toThrow(
      'scored article #0 score "2" must be in [-1, 1]',
    );
    expect(() => sentimentSeries([article(0, 0, 1.5)], 'ACME', options)).toThrow('confidence "1.5"');
    expect(() => sentimentSeries([article(Number.NaN, 0, 1)], 'ACME', options)).toThrow('publishedAt "NaN"');
    expect(() => sentimentSeriesBySymbol([article(0, 0, 1, true, '')], options)).toThrow('symbol "" must be');
  });
});

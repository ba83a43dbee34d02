import { describe, expect, it } from 'vitest';
import { SentimentSignal } from './sentiment-signal.js';

describe('SentimentSignal', () => {
  it('keeps fast and slow exponential means of the score, seeded by the first one', () => {
    // fast 3 bars: a = 0.5; slow 9 bars: a = 0.2.
    const signal = new SentimentSignal(3, 9, 0.5, 0.15);
    signal.update({ score: 0.2, articles: 1, asOf: 10 });
    expect([signal.fastMean, signal.slowMean]).toEqual([0.2, 0.2]);
    signal.update({ score: 0.6, articles: 2, asOf: 10 });
    // fast 0.2 + 0.5 x 0.4 = 0.4; slow 0.2 + 0.2 x 0.4 = 0.28; spread 0.12 < 0.15: no trend, no new article.
    expect(signal.fastMean).toBeCloseTo(0.4, 12);
    expect(signal.slowMean).toBeCloseTo(0.28, 12);
    expect([signal.direction, signal.kind]).toEqual([0, 'none']);
    signal.update({ score: 0.6, articles: 2, asOf: 10 });
    // fast 0.5, slow 0.344: spread 0.156 >= 0.15: an upward trend.
    expect(signal.fastMean).toBeCloseTo(0.5, 12);
    expect(signal.slowMean).toBeCloseTo(0.344, 12);
    expect([signal.direction, signal.kind]).toEqual([1, 'trend']);
  });

  it('calls a shock only when new articles move the score far from the slow mean', () => {
    const signal = new SentimentSignal(3, 20, 0.5, 0.9);
    signal.update(null);
    expect([signal.direction, signal.kind, signal.confidence]).toEqual([0, 'none', 0]);
    signal.update({ score: -0.7, articles: 1, asOf: 5 });
    // Slow mean before this bar was 0, the gap -0.7 passes 0.5 and the article is new.
    expect([signal.direction, signal.kind]).toEqual([-1, 'shock']);
    expect(signal.confidence).toBeCloseTo(1 - Math.exp(-1 / 3), 12);
    signal.update({ score: -0.7, articles: 1, asOf: 5 });
    // Same reading again: nothing new arrived, so no shock (and no trend at threshold 0.9).
    expect([signal.direction, signal.kind]).toEqual([0, 'none']);
    // slow: 0 (seeded by the neutral bar), then 0 - 0.7 x 2/21 = -0.0667, then -0.0667 - 0.6333 x 2/21 = -0.1270.
    expect(signal.slowMean).toBeCloseTo(-0.7 * (2 / 21) - (0.7 - 0.7 * (2 / 21)) * (2 / 21), 12);
    signal.update({ score: 0.3, articles: 2, asOf: 9 });
    // A new article 0.427 above the slow mean: below the 0.5 threshold, not a shock.
    expect([signal.direction, signal.kind]).toEqual([0, 'none']);
    signal.update({ score: 0.5, articles: 3, asOf: 12, confidence: 0.9 });
    // The slow mean is now -0.1270 + 0.427 x 2/21 = -0.0863: the gap 0.586 is a positive shock.
    expect([signal.direction, signal.kind, signal.confidence]).toEqual([1, 'shock', 0.9]);
  });
});

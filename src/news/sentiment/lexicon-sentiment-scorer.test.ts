import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { LexiconSentimentScorer } from './lexicon-sentiment-scorer.js';
import { normalizeValence } from './tally-sentence.js';

const scorer = new LexiconSentimentScorer();
const score = (text: string) => scorer.scoreText(text).score;

describe('LexiconSentimentScorer on finance text', () => {
  it('reads earnings, guidance and analyst phrases with the right sign', () => {
    for (const text of [
      'Acme beats estimates',
      'Acme raises full-year guidance',
      'Price target raised to $200 at Goldman',
      'Acme swings to a profit',
      'Acme posts narrower-than-expected loss', // "loss" alone is negative
      'Acme avoids bankruptcy',
    ]) {
      expect(score(text), text).toBeGreaterThan(0.05);
    }
    for (const text of [
      'Acme misses expectations',
      'Acme guidance cut',
      'Acme cuts its annual profit outlook', // "profit" alone is positive
      'Acme downgraded to underweight',
      'Acme fails to beat estimates',
      'Acme files for Chapter 11',
    ]) {
      expect(score(text), text).toBeLessThan(-0.05);
    }
    for (const text of ['Acme to report results on Thursday', 'Acme results in line with estimates']) {
      expect(score(text), text).toBe(0);
    }
  });

  it('matches phrases before their words: "guidance cut" is one -2.4 unit, not "cut" (-1.0)', () => {
    const result = scorer.scoreText('Guidance cut');
    expect(result.units).toBe(1);
    expect(result.score).toBeCloseTo(normalizeValence(-2.4), 12);
  });

  it('reads the clause after "but" as the one that counts', () => {
    expect(score('Acme beats on revenue but misses estimates')).toBeLessThan(-0.05);
    expect(score('Revenue misses estimates, but profit surges to a record')).toBeGreaterThan(0.05);
  });

  it('returns per-sentence scores with offsets into the text', () => {
    const text = 'Acme shares plunge. Analysts stay upbeat!';
    const result = scorer.scoreText(text);
    expect(result.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Acme shares plunge.',
      'Analysts stay upbeat!',
    ]);
    const [first, second] = result.sentences;
    expect(first!.score).toBeCloseTo(normalizeValence(-2.8), 12);
    expect(second!.score).toBeCloseTo(normalizeValence(2.0 + 0.292), 12);
    expect(first!.tokens).toBe(3);
    // Equal weights for a plain text: the mean of the two sentence scores.
    expect(result.score).toBeCloseTo((first!.score + second!.score) / 2, 12);
  });

  it('weights each title sentence 3 times a summary or body sentence, and ignores sentences without sentiment', () => {
    const article = {
      title: 'Acme shares surge',
      summary: 'The company reported on Tuesday.',
      body: 'Analysts were worried. Trading volume was 2 million shares.',
    };
    const result = scorer.scoreArticle(article);
    const title = normalizeValence(2.3);
    const body = normalizeValence(-1.6);
    expect(result.sentences.map((s) => s.part)).toEqual(['title', 'summary', 'body', 'body']);
    expect(result.score).toBeCloseTo((3 * title + body) / 4, 12);
    expect(new LexiconSentimentScorer({ titleWeight: 1 }).scoreArticle(article).score).toBeCloseTo(
      (title + body) / 2,
      12,
    );
    expect(scorer.scoreArticle({ title: 'Acme surges', summary: null, body: null }).score).toBeCloseTo(
      normalizeValence(2.3),
      12,
    );
  });

  it('defines confidence as (1 - exp(-units / 2)) × |P + N| / (P - N)', () => {
    const one = scorer.scoreText('Acme shares plunge');
    expect(one.confidence).toBeCloseTo(1 - Math.exp(-1 / 2), 12);
    const agreeing = scorer.scoreText('Acme shares plunge after weak results');
    expect(agreeing.confidence).toBeCloseTo(1 - Math.exp(-2 / 2), 12);
    const mixed = scorer.scoreText('Acme posts strong sales, weak margins'); // +1.8 and -1.8 cancel
    expect(mixed.score).toBe(0);
    expect(mixed.confidence).toBe(0);
    const partly = scorer.scoreText('Acme plunges despite upbeat guidance'); // -2.8, then 2.0 × -0.74
    const p = 0;
    const n = -2.8 - 2.0 * 0.74;
    expect(partly.confidence).toBeCloseTo((1 - Math.exp(-1)) * (Math.abs(p + n) / (p - n)), 12);
    const halfAgree = scorer.scoreText('Acme rises, but shares slide');
    const positive = 1.3 * 0.5;
    const negative = -1.8 * 1.5;
    expect(halfAgree.confidence).toBeCloseTo(
      (1 - Math.exp(-1)) * (Math.abs(positive + negative) / (positive - negative)),
      12,
    );
    expect(scorer.scoreText('Acme holds its meeting').confidence).toBe(0);
    expect(
      new LexiconSentimentScorer({ evidenceScale: 1 }).scoreText('Acme shares plunge').confidence,
    ).toBeCloseTo(1 - Math.exp(-1), 12);
  });

  it('implements the SentimentScorer port', async () => {
    const scores = await scorer.scoreArticles([
      { title: 'Acme shares plunge' },
      { title: 'Acme to hold annual meeting', summary: 'Date set.' },
    ]);
    expect(scores).toEqual([
      { score: normalizeValence(-2.8), confidence: 1 - Math.exp(-0.5) },
      { score: 0, confidence: 0 },
    ]);
    expect(scorer.name).toBe('lexicon');
  });

  it('refuses non-positive options', () => {
    expect(() => new LexiconSentimentScorer({ titleWeight: 0 })).toThrow('titleWeight "0" must be > 0');
    expect(() => new LexiconSentimentScorer({ evidenceScale: Number.NaN })).toThrow(InvalidInputError);
  });

  it('keeps scores in [-1, 1] and confidences in [0, 1] for any text', () => {
    const words = fc.constantFrom(
      'beats',
      'not',
      'very',
      'but',
      'PLUNGES',
      'guidance',
      'cut',
      'raises',
      'record',
      'high',
      'slightly',
      '!',
      '?',
      '.',
      'Acme',
      '’',
      '-',
    );
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.array(words).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(texts, texts, (title, body) => {
        for (const result of [scorer.scoreText(title), scorer.scoreArticle({ title, body })]) {
          expect(result.score).toBeGreaterThanOrEqual(-1);
          expect(result.score).toBeLessThanOrEqual(1);
          expect(result.confidence).toBeGreaterThanOrEqual(0);
          expect(result.confidence).toBeLessThanOrEqual(1);
          for (const sentence of result.sentences) {
            expect(Math.abs(sentence.score)).toBeLessThanOrEqual(1);
            expect(sentence.end).toBeGreaterThan(sentence.start);
          }
        }
      }),
    );
  });

  it('gives the same result for the same text whatever was scored before (buffer reuse)', () => {
    const text = 'Acme raises dividend, shares jump to a record high!';
    const first = scorer.scoreText(text);
    scorer.scoreText('A much longer text. '.repeat(200));
    expect(scorer.scoreText(text)).toEqual(first);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { evaluateSentiment, SENTIMENT_LABELS, type LabelledText } from './evaluate-sentiment.js';
import {
  HELD_OUT_HEADLINES_PATH,
  LABELLED_HEADLINES_PATH,
  parseLabelledHeadlines,
} from './labelled-headlines.js';
import { LexiconSentimentScorer } from './lexicon-sentiment-scorer.js';

const root = join(import.meta.dirname, '..', '..', '..');
const load = (path: string): LabelledText[] =>
  parseLabelledHeadlines(JSON.parse(readFileSync(join(root, path), 'utf8')) as unknown);
const development = load(LABELLED_HEADLINES_PATH);
const heldOut = load(HELD_OUT_HEADLINES_PATH);
const scorer = new LexiconSentimentScorer();
const NEUTRAL_BAND = 0.05; // VADER's published threshold for its compound score

function countLabels(items: readonly LabelledText[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.label] = (counts[item.label] ?? 0) + 1;
  return counts;
}

describe('the labelled headline sets', () => {
  it('hold at least 200 development and 90 held-out headlines, roughly balanced, none shared', () => {
    expect(development.length).toBeGreaterThanOrEqual(200);
    expect(countLabels(development)).toEqual({ positive: 78, negative: 81, neutral: 86 });
    expect(countLabels(heldOut)).toEqual({ positive: 30, negative: 30, neutral: 30 });
    const texts = new Set(development.map((item) => item.text.toLowerCase()));
    expect(heldOut.filter((item) => texts.has(item.text.toLowerCase()))).toEqual([]);
  });

  it('scores the figures reported for the development set (written before the lexicon)', () => {
    const result = evaluateSentiment(development, (text) => scorer.scoreText(text).score, NEUTRAL_BAND);
    expect(result.confusion).toEqual([
      [81, 0, 0],
      [0, 85, 1],
      [0, 0, 78],
    ]);
    expect(result.accuracy).toBeCloseTo(0.9959, 4);
    expect(result.macroF1).toBeCloseTo(0.9959, 4);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('scores the figures reported for the held-out set (written after the lexicon was frozen)', () => {
    const result = evaluateSentiment(heldOut, (text) => scorer.scoreText(text).score, NEUTRAL_BAND);
    expect(result.confusion).toEqual([
      [26, 4, 0],
      [0, 30, 0],
      [1, 4, 25],
    ]);
    expect(result.accuracy).toBeCloseTo(0.9, 4);
    expect(result.macroF1).toBeCloseTo(0.9012, 4);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
    for (const label of SENTIMENT_LABELS) expect(result.perClass[label].f1).toBeGreaterThan(0.85);
  });
});

describe('parseLabelledHeadlines', () => {
  it('refuses unknown labels, empty texts, extra fields and duplicates, naming the place', () => {
    const wrap = (items: unknown) => ({ description: 'x', items });
    expect(() => parseLabelledHeadlines(wrap([{ text: 'a', label: 'bullish' }]))).toThrow(
      'labelled set: items.0.label',
    );
    expect(() => parseLabelledHeadlines(wrap([{ text: ' ', label: 'neutral' }]))).toThrow(InvalidInputError);
    expect(() => parseLabelledHeadlines(wrap([{ text: 'a', label: 'neutral', score: 1 }]))).toThrow(
      InvalidInputError,
    );
    expect(() => parseLabelledHeadlines(wrap([]))).toThrow(InvalidInputError);
    expect(() => parseLabelledHeadlines(null)).toThrow('labelled set: (root)');
    expect(() =>
      parseLabelledHeadlines(
        wrap([
          { text: 'a', label: 'neutral' },
          { text: 'a', label: 'positive' },
        ]),
      ),
    ).toThrow('labelled set: "a" is listed twice');
  });
});

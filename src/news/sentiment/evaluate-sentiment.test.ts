import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { evaluateSentiment, labelOf, type LabelledText } from './evaluate-sentiment.js';

describe('labelOf', () => {
  it('is neutral strictly inside the band, else the sign', () => {
    expect(labelOf(0.049, 0.05)).toBe('neutral');
    expect(labelOf(-0.049, 0.05)).toBe('neutral');
    expect(labelOf(0.05, 0.05)).toBe('positive');
    expect(labelOf(-0.05, 0.05)).toBe('negative');
    expect(labelOf(0, 0)).toBe('neutral'); // no sentiment at all is neutral even without a band
    expect(labelOf(1e-9, 0)).toBe('positive');
  });
});

describe('evaluateSentiment', () => {
  // Scores are the texts themselves, so the predictions are known by construction.
  const items: LabelledText[] = [
    { text: '0.9', label: 'positive' },
    { text: '0.5', label: 'positive' },
    { text: '0.01', label: 'positive' },
    { text: '-0.7', label: 'negative' },
    { text: '0.3', label: 'negative' },
    { text: '0.0', label: 'neutral' },
    { text: '-0.2', label: 'neutral' },
  ];
  const evaluation = evaluateSentiment(items, Number, 0.1);

  it('counts the confusion matrix with rows = actual, columns = predicted (negative, neutral, positive)', () => {
    expect(evaluation.confusion).toEqual([
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 2],
    ]);
    expect(evaluation.count).toBe(7);
    expect(evaluation.neutralBand).toBe(0.1);
  });

  it('computes accuracy, per-class precision / recall / F1 and macro-F1 by their definitions', () => {
    expect(evaluation.accuracy).toBeCloseTo(4 / 7, 15);
    // negative: TP 1, predicted 2, support 2; neutral: TP 1, predicted 2, support 2; positive: TP 2, predicted 3, support 3.
    expect(evaluation.perClass.negative).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(evaluation.perClass.neutral).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    const positive = evaluation.perClass.positive;
    expect(positive.precision).toBeCloseTo(2 / 3, 15);
    expect(positive.recall).toBeCloseTo(2 / 3, 15);
    expect(positive.f1).toBeCloseTo(2 / 3, 15);
    expect(evaluation.macroF1).toBeCloseTo((0.5 + 0.5 + 2 / 3) / 3, 15);
    expect(evaluation.errors.map((e) => e.text)).toEqual(['0.01', '0.3', '-0.2']);
    expect(evaluation.errors[1]).toEqual({ text: '0.3', label: 'negative', score: 0.3 });
  });

  it('gives 0 precision to a class never predicted and 0 recall to a class without items', () => {
    const result = evaluateSentiment(
      [
        { text: '1', label: 'positive' },
        { text: '-1', label: 'positive' },
      ],
      Number,
      0.05,
    );
    expect(result.perClass.neutral).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(result.perClass.negative).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(result.perClass.positive).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
  });

  it('refuses an empty set and a band outside [0, 1)', () => {
    expect(() => evaluateSentiment([], Number, 0.05)).toThrow(InvalidInputError);
    expect(() => evaluateSentiment(items, Number, 1)).toThrow('neutralBand "1" must be in [0, 1)');
    expect(() => evaluateSentiment(items, Number, -0.1)).toThrow(InvalidInputError);
  });
});

import { InvalidInputError, quote } from '../../core/errors.js';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export interface LabelledText {
  readonly text: string;
  readonly label: SentimentLabel;
}

export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Items whose true label is this class. */
  readonly support: number;
}

export interface SentimentEvaluation {
  readonly count: number;
  readonly neutralBand: number;
  readonly accuracy: number;
  readonly perClass: Readonly<Record<SentimentLabel, ClassMetrics>>;
  /** Unweighted mean of the three classes' F1. */
  readonly macroF1: number;
  /** confusion[actual][predicted], rows and columns in SENTIMENT_LABELS order (negative, neutral, positive). */
  readonly confusion: readonly (readonly number[])[];
  /** The items the scorer got wrong, with their scores, in input order. */
  readonly errors: readonly {
    readonly text: string;
    readonly label: SentimentLabel;
    readonly score: number;
  }[];
}

/** The label a score falls in: neutral when |score| < neutralBand (VADER's convention is 0.05) or 0. */
export function labelOf(score: number, neutralBand: number): SentimentLabel {
  if (Math.abs(score) < neutralBand || score === 0) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/**
 * Evaluates a scorer as a three-class classifier: each item's score is labelled with `labelOf` and compared
 * with its true label. Precision of a class nobody predicted, and recall of a class with no items, are 0
 * (scikit-learn's `zero_division=0`); F1 is 0 when precision + recall is 0.
 */
export function evaluateSentiment(
  items: readonly LabelledText[],
  score: (text: string) => number,
  neutralBand: number,
): SentimentEvaluation {
  if (!(Number.isFinite(neutralBand) && neutralBand >= 0 && neutralBand < 1)) {
    throw new InvalidInputError(`neutralBand ${quote(neutralBand)} must be in [0, 1)`);
  }
  if (items.length === 0) throw new InvalidInputError('evaluateSentiment needs at least one labelled item');
  const confusion = SENTIMENT_LABELS.map(() => [0, 0, 0]);
  const errors: { text: string; label: SentimentLabel; score: number }[] = [];
  for (const item of items) {
    const value = score(item.text);
    const predicted = labelOf(value, neutralBand);
    confusion[SENTIMENT_LABELS.indexOf(item.label)]![SENTIMENT_LABELS.indexOf(predicted)]!++;
    if (predicted !== item.label) errors.push({ text: item.text, label: item.label, score: value });
  }
  let correct = 0;
  const perClass = {} as Record<SentimentLabel, ClassMetrics>;
  SENTIMENT_LABELS.forEach((label, k) => {
    const truePositives = confusion[k]![k]!;
    correct += truePositives;
    const predicted = confusion.reduce((sum, row) => sum + row[k]!, 0);
    const support = confusion[k]!.reduce((sum, cell) => sum + cell, 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support };
  });
  const macroF1 =
    SENTIMENT_LABELS.reduce((sum, label) => sum + perClass[label].f1, 0) / SENTIMENT_LABELS.length;
  return {
    count: items.length,
    neutralBand,
    accuracy: correct / items.length,
    perClass,
    macroF1,
    confusion,
    errors,
  };
}

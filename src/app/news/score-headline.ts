import { InvalidInputError, quote } from '../../core/errors.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';

/** A sentence of the text and its score. */
export interface ScoredSentence {
  readonly text: string;
  readonly score: number;
  readonly confidence: number;
  /** Lexicon words and phrases that carried sentiment. */
  readonly units: number;
}

export interface HeadlineScore {
  readonly text: string;
  /** In [-1, 1]: -1 very negative, 0 neutral or no sentiment found, 1 very positive. */
  readonly score: number;
  /** In [0, 1]: how much evidence backs the score (0 when no sentiment word was found). */
  readonly confidence: number;
  /** negative when score <= -0.05, positive when >= 0.05, else neutral (VADER's threshold). */
  readonly label: 'negative' | 'neutral' | 'positive';
  readonly scorer: string;
  readonly sentences: readonly ScoredSentence[];
}

const MAX_LENGTH = 100_000;
/** VADER's neutral band: |score| < 0.05 is neutral. */
const NEUTRAL_BAND = 0.05;

/**
 * Scores a headline (or any short text) with the finance-aware lexicon scorer: the text's score and
 * confidence and each sentence's (src/news/sentiment/README.md gives the rules and the measured accuracy).
 */
export function scoreHeadline(text: string): HeadlineScore {
  if (text.trim().length === 0) throw new InvalidInputError('the text to score is empty');
  if (text.length > MAX_LENGTH) {
    throw new InvalidInputError(
      `the text to score has ${quote(text.length)} characters; at most ${MAX_LENGTH}`,
    );
  }
  const scorer = new LexiconSentimentScorer();
  const result = scorer.scoreText(text);
  return {
    text,
    score: result.score,
    confidence: result.confidence,
    label: result.score <= -NEUTRAL_BAND ? 'negative' : result.score >= NEUTRAL_BAND ? 'positive' : 'neutral',
    scorer: scorer.name,
    sentences: result.sentences.map((sentence) => ({
      text: text.slice(sentence.start, sentence.end),
      score: sentence.score,
      confidence: sentence.confidence,
      units: sentence.units,
    })),
  };
}

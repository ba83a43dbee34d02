import { InvalidInputError, quote } from '../core/errors.js';
import type { SentimentReading, SentimentSource } from '../model/sentiment.types.js';

/**
 * Checks for the optional port objects strategies receive as `inputs` (a wrong object is a wiring bug: it
 * throws) and for what those ports return.
 */

/** True for an object with a string `name` and a function `method`: the shape every port here has. */
export function hasMethod(value: unknown, method: string): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['name'] === 'string' &&
    typeof (value as Record<string, unknown>)[method] === 'function'
  );
}

/** The `sentiment` input of the news-driven strategies (enhanced-momentum, neural-sentiment). */
export function asSentimentSource(value: unknown): SentimentSource {
  if (!hasMethod(value, 'sentimentAt')) {
    throw new InvalidInputError(
      `inputs.sentiment ${quote(value)} must be a SentimentSource (a name and a sentimentAt(symbol, ts) method)`,
    );
  }
  return value as unknown as SentimentSource;
}

/**
 * Checks a sentiment reading against the port's contract: score in [-1, 1], at least one article, and no
 * article published after the decision time `ts` (a reading from the future would be look-ahead).
 */
export function checkReading(reading: SentimentReading, source: string, ts: number): SentimentReading {
  const confidence = reading.confidence;
  if (
    !(reading.score >= -1 && reading.score <= 1) ||
    !(reading.articles >= 1) ||
    !(confidence === undefined || (confidence >= 0 && confidence <= 1))
  ) {
    throw new InvalidInputError(
      `sentiment source ${quote(source)} returned ${quote(reading)}: expected a score in [-1, 1], articles >= 1 and a confidence (when given) in [0, 1]`,
    );
  }
  if (!(reading.asOf <= ts)) {
    throw new InvalidInputError(
      `sentiment source ${quote(source)} returned a reading as of ${quote(reading.asOf)}, after the decision time ${quote(ts)}: it would look ahead`,
    );
  }
  return reading;
}

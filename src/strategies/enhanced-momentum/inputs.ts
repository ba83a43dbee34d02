import { InvalidInputError, quote } from '../../core/errors.js';
import type { Forecast, Forecaster } from '../../model/forecast.types.js';
import type { SentimentReading, SentimentSource } from '../../model/sentiment.types.js';

/** The optional inputs enhanced-momentum was built with, checked (a wrong object is a wiring bug: it throws). */
export interface EnhancedMomentumPorts {
  readonly forecaster: Forecaster;
  /** True when no forecaster was supplied and the baseline stands in. */
  readonly baselineForecaster: boolean;
  readonly sentiment: SentimentSource | null;
}

function hasMethod(value: unknown, method: string): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['name'] === 'string' &&
    typeof (value as Record<string, unknown>)[method] === 'function'
  );
}

export function asForecaster(value: unknown): Forecaster {
  if (!hasMethod(value, 'forecast')) {
    throw new InvalidInputError(
      `inputs.forecaster ${quote(value)} must be a Forecaster (a name and a forecast(history, horizon) method)`,
    );
  }
  return value as unknown as Forecaster;
}

export function asSentimentSource(value: unknown): SentimentSource {
  if (!hasMethod(value, 'sentimentAt')) {
    throw new InvalidInputError(
      `inputs.sentiment ${quote(value)} must be a SentimentSource (a name and a sentimentAt(symbol, ts) method)`,
    );
  }
  return value as unknown as SentimentSource;
}

/** Checks a forecast against the port's contract: finite, 0 < lower <= upper, confidence level in (0, 1). */
export function checkForecast(forecast: Forecast, source: string): Forecast {
  const { mean, lower, upper, confidenceLevel } = forecast;
  if (
    !(Number.isFinite(mean) && mean > 0) ||
    !(Number.isFinite(lower) && lower > 0) ||
    !(Number.isFinite(upper) && upper >= lower) ||
    !(confidenceLevel > 0 && confidenceLevel < 1)
  ) {
    throw new InvalidInputError(
      `forecaster ${quote(source)} returned ${quote(forecast)}: expected finite mean > 0, 0 < lower <= upper and a confidence level in (0, 1)`,
    );
  }
  return forecast;
}

/**
 * Checks a sentiment reading against the port's contract: score in [-1, 1], at least one article, and no
 * article published after the decision time `ts` (a reading from the future would be look-ahead).
 */
export function checkReading(reading: SentimentReading, source: string, ts: number): SentimentReading {
  if (!(reading.score >= -1 && reading.score <= 1) || !(reading.articles >= 1)) {
    throw new InvalidInputError(
      `sentiment source ${quote(source)} returned ${quote(reading)}: expected a score in [-1, 1] and articles >= 1`,
    );
  }
  if (!(reading.asOf <= ts)) {
    throw new InvalidInputError(
      `sentiment source ${quote(source)} returned a reading as of ${quote(reading.asOf)}, after the decision time ${quote(ts)}: it would look ahead`,
    );
  }
  return reading;
}

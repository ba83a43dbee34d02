import { InvalidInputError, quote } from '../../core/errors.js';
import { hasMethod } from '../port-inputs.js';
import type { Forecast, Forecaster } from '../../model/forecast.types.js';
import type { SentimentSource } from '../../model/sentiment.types.js';

/** The optional inputs enhanced-momentum was built with, checked (a wrong object is a wiring bug: it throws). */
export interface EnhancedMomentumPorts {
  readonly forecaster: Forecaster;
  /** True when no forecaster was supplied and the baseline stands in. */
  readonly baselineForecaster: boolean;
  readonly sentiment: SentimentSource | null;
}

export function asForecaster(value: unknown): Forecaster {
  if (!hasMethod(value, 'forecast')) {
    throw new InvalidInputError(
      `inputs.forecaster ${quote(value)} must be a Forecaster (a name and a forecast(history, horizon) method)`,
    );
  }
  return value as unknown as Forecaster;
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

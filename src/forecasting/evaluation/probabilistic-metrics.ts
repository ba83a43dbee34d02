import { InvalidInputError, quote } from '../../core/errors.js';
import type { QuantileForecast } from '../series-forecaster.types.js';

/**
 * Measures of a quantile forecast: pinball (quantile) loss, the CRPS approximated from the quantiles, and the
 * empirical coverage of central intervals.
 */

/**
 * Pinball loss of the level-τ quantile forecasts q_t, averaged over the path:
 * (1/n) Σ max(τ (y_t - q_t), (τ - 1)(y_t - q_t)). Minimised in expectation by the true τ-quantile; at τ = 0.5
 * it is half the absolute error.
 */
export function pinballLoss(
  actual: ArrayLike<number>,
  quantileForecast: ArrayLike<number>,
  level: number,
): number {
  if (!(level > 0 && level < 1))
    throw new InvalidInputError(`quantile level ${quote(level)} must be in (0, 1)`);
  if (actual.length === 0 || quantileForecast.length !== actual.length)
    throw new InvalidInputError(
      `quantile forecasts ${quote(quantileForecast.length)} must be as many as actual values ${quote(actual.length)} (>= 1)`,
    );
  let sum = 0;
  for (let t = 0; t < actual.length; t++) {
    const error = (actual[t] as number) - (quantileForecast[t] as number);
    sum += Math.max(level * error, (level - 1) * error);
  }
  return sum / actual.length;
}

/** Fraction of the actual values inside [lower_t, upper_t] (bounds included). */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  if (actual.length === 0 || lower.length !== actual.length || upper.length !== actual.length)
    throw new InvalidInputError(
      `interval bounds ${quote(lower.length)} and ${quote(upper.length)} must be as many as actual values ${quote(actual.length)} (>= 1)`,
    );
  let inside = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] as number;
    if (y >= (lower[t] as number) && y <= (upper[t] as number)) inside++;
  }
  return inside / actual.length;
}

/** A central interval formed by the levels τ and 1 - τ of a quantile list. */
export interface CentralInterval {
  /** Nominal coverage 1 - 2τ (0.8, 0.95, 0.99), rounded to 12 decimals. */
  readonly level: number;
  readonly lowerIndex: number;
  readonly upperIndex: number;
}

/**
 * The central intervals a list of ascending quantile levels holds: each τ < 0.5 whose mirror 1 - τ is also
 * listed (within 1e-9, so 0.995 pairs with 0.005 despite 1 - 0.995 = 0.0050000000000000044). Innermost first,
 * so for DEFAULT_QUANTILES: 80%, 95%, 99%.
 */
export function centralIntervals(quantiles: readonly number[]): CentralInterval[] {
  const intervals: CentralInterval[] = [];
  for (let lowerIndex = quantiles.length - 1; lowerIndex >= 0; lowerIndex--) {
    const lower = quantiles[lowerIndex] as number;
    if (!(lower < 0.5)) continue;
    const upperIndex = quantiles.findIndex((upper) => Math.abs(upper - (1 - lower)) < 1e-9);
    if (upperIndex < 0) continue;
    const level = Math.round((1 - 2 * lower) * 1e12) / 1e12;
    intervals.push({ level, lowerIndex, upperIndex });
  }
  return intervals;
}

/** The path of one quantile level (by its index in forecast.quantiles) over the horizon steps. */
export function quantilePath(forecast: QuantileForecast, index: number): Float64Array {
  const levels = forecast.quantiles.length;
  if (!Number.isInteger(index) || index < 0 || index >= levels)
    throw new InvalidInputError(`quantile index ${quote(index)} must be in [0, ${levels - 1}]`);
  return Float64Array.from(
    { length: forecast.horizon },
    (_, step) => forecast.values[step * levels + index] as number,
  );
}

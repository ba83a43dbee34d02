import { InvalidInputError, quote } from '../../core/errors.js';
import type { ForecastInput, QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';

export const ENSEMBLE_METHODS = ['mean', 'median'] as const;
export type EnsembleMethod = (typeof ENSEMBLE_METHODS)[number];

/**
 * An ensemble of models of the same horizon and quantile levels: each step's value at each level is the mean
 * or the median (the mean of the two middle values for an even count) of the members' values at that step and
 * level (quantile averaging, "Vincentization": Ratcliff 1979, as in the M4/M5 combination benchmarks). Either
 * combination keeps the levels non-decreasing when every member's are: a mean or an order statistic of
 * non-decreasing sequences is non-decreasing. It reads `inputSize` = the longest member window.
 */
export class EnsembleForecaster implements SeriesForecaster {
  readonly name: string;
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly inputSize: number;

  constructor(
    readonly members: readonly SeriesForecaster[],
    readonly method: EnsembleMethod,
    name?: string,
  ) {
    const first = members[0];
    if (first === undefined) throw new InvalidInputError('an ensemble needs at least one model');
    if (!(ENSEMBLE_METHODS as readonly string[]).includes(method)) {
      throw new InvalidInputError(
        `ensemble method ${quote(method)} must be one of ${ENSEMBLE_METHODS.join(', ')}`,
      );
    }
    for (const member of members) {
      if (member.horizon !== first.horizon) {
        throw new InvalidInputError(
          `ensemble members must share their horizon: ${quote(first.name)} forecasts ${first.horizon} steps, ${quote(member.name)} ${member.horizon}`,
        );
      }
      const same =
        member.quantiles.length === first.quantiles.length &&
        member.quantiles.every((level, index) => level === first.quantiles[index]);
      if (!same) {
        throw new InvalidInputError(
          `ensemble members must share their quantile levels: ${quote(first.name)} has ${quote(first.quantiles)}, ${quote(member.name)} ${quote(member.quantiles)}`,
        );
      }
    }
    this.name = name ?? `${method}(${members.map((member) => member.name).join(', ')})`;
    this.horizon = first.horizon;
    this.quantiles = first.quantiles;
    this.inputSize = Math.max(...members.map((member) => member.inputSize));
  }

  predict(history: ForecastInput): QuantileForecast {
    const forecasts = this.members.map((member) => member.predict(history).values);
    const cells = this.horizon * this.quantiles.length;
    const values = new Float64Array(cells);
    const column = new Float64Array(forecasts.length);
    for (let cell = 0; cell < cells; cell++) {
      forecasts.forEach((forecast, member) => (column[member] = forecast[cell] as number));
      values[cell] = this.method === 'mean' ? mean(column) : median(column);
    }
    return { horizon: this.horizon, quantiles: this.quantiles, values };
  }
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sorts `values` in place. */
function median(values: Float64Array): number {
  values.sort();
  const middle = values.length >> 1;
  return values.length % 2 === 1
    ? (values[middle] as number)
    : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
}

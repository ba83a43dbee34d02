import { InvalidInputError, quote } from '../../core/errors.js';
import { viewWindow } from '../evaluation/series-window.js';
import type { ForecastInput, QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';
import { NeuralForecaster } from '../training/neural-forecaster.js';

export interface ValidationError {
  /** Mean absolute error of the median forecast over every validation window and step, in series units. */
  readonly mae: number;
  /** Windows scored: origins n - validationSize ... n - horizon. */
  readonly windows: number;
}

/**
 * The validation error the registry compares models by (online-update guard, hyperparameter search): the MAE
 * of the median over the windows whose targets lie in the last `validationSize` values, exactly the windows
 * trainNetwork validates on (origins o in [n - validationSize, n - horizon], each forecast from values before
 * o). Neural models forecast all windows in one batched pass (NeuralForecaster.predictAt).
 */
export function validationError(
  forecaster: SeriesForecaster,
  input: ForecastInput,
  validationSize: number,
): ValidationError {
  const { horizon } = forecaster;
  const length = input.target.length;
  const first = length - validationSize;
  if (!(Number.isInteger(validationSize) && validationSize >= horizon && first >= forecaster.inputSize)) {
    throw new InvalidInputError(
      `validation size ${quote(validationSize)} must be an integer >= the horizon ${horizon} leaving at least ${forecaster.inputSize} earlier values (series of ${length})`,
    );
  }
  const origins: number[] = [];
  for (let origin = first; origin + horizon <= length; origin++) origins.push(origin);
  const forecasts: QuantileForecast[] =
    forecaster instanceof NeuralForecaster
      ? forecaster.predictAt(input, origins)
      : origins.map((origin) => forecaster.predict(viewWindow(input, 0, origin)));
  const median = forecaster.quantiles.indexOf(0.5);
  if (median < 0) {
    throw new InvalidInputError(`model ${quote(forecaster.name)} has no median level (0.5) to score`);
  }
  const levels = forecaster.quantiles.length;
  let sum = 0;
  forecasts.forEach((forecast, index) => {
    const origin = origins[index] as number;
    for (let step = 0; step < horizon; step++) {
      sum += Math.abs(
        (input.target[origin + step] as number) - (forecast.values[step * levels + median] as number),
      );
    }
  });
  return { mae: sum / (origins.length * horizon), windows: origins.length };
}

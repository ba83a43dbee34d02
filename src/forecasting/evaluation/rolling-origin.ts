import { InvalidInputError, quote } from '../../core/errors.js';
import { requireFiniteSeries, requireWholeNumber } from '../baselines/baseline-checks.js';
import type { ForecastInput, ForecasterFactory, QuantileForecast } from '../series-forecaster.types.js';
import { averageMetrics, forecastMetrics, type ForecastMetrics } from './forecast-metrics.js';
import { copyWindow } from './series-window.js';

export interface RollingOriginOptions {
  /** Steps forecast from each origin. */
  readonly horizon: number;
  /** Number of origins. */
  readonly origins: number;
  /** Distance between consecutive origins; the horizon by default (test windows tile without overlap). */
  readonly step?: number | undefined;
  /** Season length of the MASE scale (in-sample seasonal naive); 1 (the naive) by default. */
  readonly seasonLength?: number | undefined;
  /**
   * The model's input window: the first origin must leave at least inputSize + horizon training values (one
   * full training window). 1 by default.
   */
  readonly inputSize?: number | undefined;
}

export interface OriginEvaluation {
  /** Index of the first forecast value, which is also the number of training values before it. */
  readonly origin: number;
  readonly actual: Float64Array;
  readonly forecast: QuantileForecast;
  readonly metrics: ForecastMetrics;
}

export interface RollingOriginReport {
  readonly model: string;
  readonly horizon: number;
  readonly seasonLength: number;
  readonly quantiles: readonly number[];
  /** One entry per origin, oldest first. */
  readonly origins: readonly OriginEvaluation[];
  /** Arithmetic mean of every measure over the origins. */
  readonly mean: ForecastMetrics;
}

/** The validated options with their defaults applied. */
export interface ResolvedRollingOriginOptions {
  readonly horizon: number;
  readonly origins: number;
  readonly step: number;
  readonly seasonLength: number;
  readonly inputSize: number;
}

export function resolveRollingOriginOptions(options: RollingOriginOptions): ResolvedRollingOriginOptions {
  const horizon = requireWholeNumber('horizon', options.horizon, 1);
  return {
    horizon,
    origins: requireWholeNumber('origins', options.origins, 1),
    step: requireWholeNumber('step', options.step ?? horizon, 1),
    seasonLength: requireWholeNumber('season length', options.seasonLength ?? 1, 1),
    inputSize: requireWholeNumber('input size', options.inputSize ?? 1, 1),
  };
}

/**
 * The origins (indices of the first forecast value) at the end of a series of `seriesLength` values, oldest
 * first: the last is seriesLength - horizon, so the final forecast ends on the last value, and each earlier one
 * `step` before the next. The first must leave max(inputSize + horizon, seasonLength + 1) training values.
 */
export function rollingOrigins(seriesLength: number, options: RollingOriginOptions): number[] {
  const { horizon, origins, step, seasonLength, inputSize } = resolveRollingOriginOptions(options);
  const first = seriesLength - horizon - (origins - 1) * step;
  const needed = Math.max(inputSize + horizon, seasonLength + 1);
  if (first < needed)
    throw new InvalidInputError(
      `series of ${quote(seriesLength)} values is too short for ${origins} origins of horizon ${horizon} every ${step} ` +
        `steps: the first origin would leave ${first} training values, at least ${needed} needed ` +
        `(max(input size ${inputSize} + horizon, season length ${seasonLength} + 1)), so at least ` +
        `${seriesLength - first + needed} values`,
    );
  return Array.from({ length: origins }, (_, k) => first + k * step);
}

/**
 * Rolling-origin evaluation (time-series cross-validation, as neuralforecast's `cross_validation` with
 * refit at every window): for each origin o, fits a model on copies of values [0, o) only, predicts from the
 * same history, and scores the forecast against values [o, o + horizon) with forecastMetrics (MASE scaled on
 * [0, o)). The model never receives a value at or after its origin: fit and predict get copies, not views, so
 * not even the typed array's buffer holds the future. Origins run one after another, so a deterministic
 * factory gives identical reports run after run.
 */
export async function evaluateRollingOrigin(
  factory: ForecasterFactory,
  input: ForecastInput,
  options: RollingOriginOptions,
): Promise<RollingOriginReport> {
  const resolved = resolveRollingOriginOptions(options);
  const { horizon, seasonLength } = resolved;
  const length = input.target.length;
  requireFiniteSeries('series to evaluate on', input.target, 1);
  input.exogenous?.forEach((column, index) => {
    if (column.length !== length)
      throw new InvalidInputError(
        `exogenous column ${index} holds ${quote(column.length)} values, the target ${quote(length)}`,
      );
  });
  const evaluations: OriginEvaluation[] = [];
  let quantiles: readonly number[] | undefined;
  for (const origin of rollingOrigins(length, resolved)) {
    const model = await factory.fit(copyWindow(input, 0, origin));
    if (model.horizon !== horizon)
      throw new InvalidInputError(
        `model ${quote(factory.name)} forecasts ${quote(model.horizon)} steps, the evaluation asks for ${horizon}`,
      );
    const history = copyWindow(input, 0, origin);
    const forecast = model.predict(history);
    if (forecast.horizon !== horizon || forecast.values.length !== horizon * forecast.quantiles.length)
      throw new InvalidInputError(
        `model ${quote(factory.name)} returned ${quote(forecast.values.length)} values for horizon ` +
          `${quote(forecast.horizon)} and ${forecast.quantiles.length} levels; expected horizon ${horizon}`,
      );
    quantiles ??= forecast.quantiles;
    const actual = input.target.slice(origin, origin + horizon);
    const metrics = forecastMetrics(actual, forecast, history.target, seasonLength);
    evaluations.push({ origin, actual, forecast, metrics });
  }
  return {
    model: factory.name,
    horizon,
    seasonLength,
    quantiles: quantiles ?? [],
    origins: evaluations,
    mean: averageMetrics(evaluations.map((evaluation) => evaluation.metrics)),
  };
}

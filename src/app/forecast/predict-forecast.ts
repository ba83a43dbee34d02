import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { centralIntervals } from '../../forecasting/evaluation/probabilistic-metrics.js';
import { ENSEMBLE_METHODS, EnsembleForecaster } from '../../forecasting/registry/ensemble-forecaster.js';
import { initTensorRuntime } from '../../forecasting/runtime/tensor-runtime.js';
import type { SeriesForecaster } from '../../forecasting/series-forecaster.types.js';
import type { Store } from '../../store/repositories.types.js';
import { parseRequest, readForecastSeries } from './forecast-request.js';
import { percent } from './metrics-view.js';
import { loadRegisteredModel, type LoadedModel } from './model-registry.js';

const predictRequestSchema = z
  .object({
    /** Model ids or names; more than one forms an ensemble. */
    models: z.array(z.string().min(1)).min(1).max(32),
    ensemble: z.enum(ENSEMBLE_METHODS).default('median'),
    input: z.string().min(1),
    /** The target column; the one the model was trained on by default. */
    column: z.string().min(1).optional(),
  })
  .strict();
export type PredictForecastRequest = z.input<typeof predictRequestSchema>;

export interface ForecastStep {
  readonly step: number;
  readonly median: number;
  /** Central intervals keyed by percent: { "80": { lower, upper }, "95": ..., "99": ... }. */
  readonly intervals: Readonly<Record<string, { readonly lower: number; readonly upper: number }>>;
}

export interface ForecastPrediction {
  readonly models: readonly string[];
  /** 'single', or the ensemble's combination. */
  readonly combination: 'single' | 'mean' | 'median';
  readonly column: string;
  readonly rows: number;
  /** Label (date) of the last row read, when the file has a label column. */
  readonly lastLabel: string | null;
  readonly horizon: number;
  /** Whether the intervals are conformally calibrated (every model of an ensemble). */
  readonly calibrated: boolean;
  readonly quantiles: readonly number[];
  readonly steps: readonly ForecastStep[];
}

/**
 * `forecast predict`: loads the model(s) by id or name (compatibility checked), reads the model's columns from
 * the file (the target may be renamed with `column`) and forecasts the `horizon` values after the last row:
 * median and the 80/95/99% intervals, conformally calibrated when the model was. Several models form an
 * ensemble (median or mean of their quantiles); they must share horizon, levels and columns.
 */
export async function predictForecast(
  store: Store,
  raw: PredictForecastRequest,
): Promise<ForecastPrediction> {
  const request = parseRequest('forecast predict', predictRequestSchema, raw);
  await initTensorRuntime();
  const loaded: LoadedModel[] = [];
  try {
    for (const reference of request.models) loaded.push(await loadRegisteredModel(store, reference));
    const first = loaded[0] as LoadedModel;
    const columns = first.model.params.columns;
    for (const other of loaded) {
      const theirs = other.model.params.columns;
      if (
        theirs.target !== columns.target ||
        theirs.exogenous.join('\u0000') !== columns.exogenous.join('\u0000')
      ) {
        throw new InvalidInputError(
          `ensemble members must read the same columns: ${quote(first.record.id)} reads ${quote([columns.target, ...columns.exogenous])}, ${quote(other.record.id)} ${quote([theirs.target, ...theirs.exogenous])}`,
        );
      }
    }
    const series = readForecastSeries(request.input, request.column ?? columns.target, columns.exogenous);
    const forecaster: SeriesForecaster =
      loaded.length === 1
        ? first.model.forecaster
        : new EnsembleForecaster(
            loaded.map((entry) => entry.model.forecaster),
            request.ensemble,
          );
    if (series.input.target.length < forecaster.inputSize) {
      throw new InvalidInputError(
        `${quote(request.input)} has ${series.input.target.length} rows; the model reads the last ${forecaster.inputSize}`,
      );
    }
    const forecast = forecaster.predict(series.input);
    const levels = forecast.quantiles;
    const median = levels.indexOf(0.5);
    if (median < 0) throw new InvalidInputError(`model levels ${quote(levels)} hold no median (0.5)`);
    const intervals = centralIntervals(levels);
    return {
      models: loaded.map((entry) => entry.record.id),
      combination: loaded.length === 1 ? 'single' : request.ensemble,
      column: series.columns.target,
      rows: series.input.target.length,
      lastLabel: series.labels?.at(-1) ?? null,
      horizon: forecast.horizon,
      calibrated: loaded.every((entry) => entry.model.params.calibration !== null),
      quantiles: levels,
      steps: Array.from({ length: forecast.horizon }, (_, step) => {
        const row = step * levels.length;
        return {
          step: step + 1,
          median: forecast.values[row + median] as number,
          intervals: Object.fromEntries(
            intervals.map((interval) => [
              percent(interval.level),
              {
                lower: forecast.values[row + interval.lowerIndex] as number,
                upper: forecast.values[row + interval.upperIndex] as number,
              },
            ]),
          ),
        };
      }),
    };
  } finally {
    for (const entry of loaded) entry.model.network.dispose();
  }
}

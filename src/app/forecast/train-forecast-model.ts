import { z } from 'zod';
import { evaluateRollingOrigin } from '../../forecasting/evaluation/rolling-origin.js';
import { DEFAULT_QUANTILES } from '../../forecasting/default-quantiles.js';
import { fitNeuralModel, type FitNeuralModelOptions } from '../../forecasting/registry/fit-neural-model.js';
import { NEURAL_MODEL_KINDS } from '../../forecasting/registry/model-kinds.js';
import { initTensorRuntime } from '../../forecasting/runtime/tensor-runtime.js';
import type { TrainingProgress } from '../../forecasting/training/train-network.js';
import type { JsonValue, Store } from '../../store/repositories.types.js';
import { architectureHyperparameters } from './architecture-params.js';
import { parseRequest, readForecastSeries, type ForecastSeries } from './forecast-request.js';
import { metricsView, type MetricsView } from './metrics-view.js';
import { neuralFactory } from './neural-factory.js';
import { registerFitted, type RegisteredSummary } from './register-fitted.js';
import { SHAPE_FIELDS, TRAINING_FIELDS, trainingOptions } from './training-request.js';

const trainRequestSchema = z
  .object({
    model: z.enum(NEURAL_MODEL_KINDS),
    input: z.string().min(1),
    column: z.string().min(1),
    ...SHAPE_FIELDS,
    ...TRAINING_FIELDS,
    /** Trailing values for validation (early stopping, the registry's validation MAE); 2 × horizon by default. */
    validationSize: z.int().min(0).optional(),
    /** Trailing values held out to calibrate the intervals (split conformal); 0: not calibrated. */
    calibrationSize: z.int().min(0).default(0),
    /** Rolling origins to evaluate the configuration on before registering (0: none). */
    evaluateOrigins: z.int().min(0).max(1000).default(0),
    /** Season length of the MASE scale of that evaluation. */
    seasonLength: z.int().min(1).default(1),
    /** Registry name; `<column>-<model>` by default. */
    name: z.string().min(1).optional(),
    promote: z.boolean().default(false),
  })
  .strict();
export type TrainForecastRequest = z.input<typeof trainRequestSchema>;

export interface TrainForecastHooks {
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Epoch ms for the record's createdAt (Date.now by default). */
  readonly now?: () => number;
}

export interface TrainForecastSummary extends RegisteredSummary {
  readonly column: string;
  readonly exogenous: readonly string[];
  readonly rows: number;
  readonly inputSize: number;
  readonly horizon: number;
  readonly steps: number;
  readonly stoppedEarly: boolean;
  readonly bestStep: number;
  readonly finalLoss: number | null;
  readonly trainingWindows: number;
  readonly validationWindows: number;
  readonly rollingOrigin: RollingOriginSummary | null;
  /** Trainable values of the network. */
  readonly parameters: number;
  readonly durationMs: number;
}

export interface RollingOriginSummary {
  readonly origins: number;
  readonly seasonLength: number;
  readonly mean: MetricsView;
}

/**
 * `forecast train`: reads the series, trains a network (progress through `hooks.onProgress`), scores it on
 * its validation windows, optionally calibrates its intervals and evaluates its configuration on rolling
 * origins (retrained per origin, before the final fit), and registers it as the next version of its name with
 * weights, hyperparameters, scaler, history, metrics, data fingerprint and code version.
 */
export async function trainForecastModel(
  store: Store,
  raw: TrainForecastRequest,
  hooks: TrainForecastHooks = {},
): Promise<TrainForecastSummary> {
  const request = parseRequest('forecast train', trainRequestSchema, raw);
  const series = readForecastSeries(request.input, request.column, request.exogenous);
  await initTensorRuntime();
  const started = performance.now();
  const validationSize = request.validationSize ?? 2 * request.horizon;
  const options: FitNeuralModelOptions = {
    kind: request.model,
    inputSize: request.inputSize,
    horizon: request.horizon,
    quantiles: DEFAULT_QUANTILES,
    hyperparameters: architectureHyperparameters(request.model, request.hyperparameters),
    seed: request.seed,
    training: trainingOptions(request, validationSize),
    calibrationSize: request.calibrationSize,
  };
  const rollingOrigin =
    request.evaluateOrigins > 0 ? await evaluateConfiguration(series, options, request) : null;
  const fitted = await fitNeuralModel(series.input, {
    ...options,
    training: trainingOptions(request, validationSize, hooks.onProgress),
  });
  try {
    const durationMs = performance.now() - started;
    const training = fitted.training;
    const registered = await registerFitted(store, {
      fitted,
      series,
      kind: request.model,
      seed: request.seed,
      name: request.name,
      training: {
        maxSteps: request.maxSteps ?? null,
        batchSize: request.batchSize ?? null,
        learningRate: request.learningRate ?? null,
        scaler: request.scaler ?? null,
        validationSize,
        calibrationSize: request.calibrationSize,
      },
      metrics: {
        durationMs,
        ...(rollingOrigin === null ? {} : { rollingOrigin: rollingOrigin as unknown as JsonValue }),
      },
      promote: request.promote,
      now: hooks.now ?? Date.now,
    });
    return {
      ...registered,
      column: series.columns.target,
      exogenous: series.columns.exogenous,
      rows: series.input.target.length,
      inputSize: request.inputSize,
      horizon: request.horizon,
      steps: training.steps,
      stoppedEarly: training.stoppedEarly,
      bestStep: training.bestStep,
      finalLoss: training.history.loss.at(-1) ?? null,
      trainingWindows: training.trainingWindows,
      validationWindows: training.validationWindows,
      rollingOrigin,
      parameters: fitted.forecaster.network.variables.reduce((sum, variable) => sum + variable.size, 0),
      durationMs,
    };
  } finally {
    fitted.forecaster.dispose();
  }
}

async function evaluateConfiguration(
  series: ForecastSeries,
  options: FitNeuralModelOptions,
  request: {
    evaluateOrigins: number;
    horizon: number;
    inputSize: number;
    seasonLength: number;
    model: string;
  },
): Promise<RollingOriginSummary> {
  const factory = neuralFactory(request.model, options);
  try {
    const report = await evaluateRollingOrigin(factory, series.input, {
      horizon: request.horizon,
      origins: request.evaluateOrigins,
      seasonLength: request.seasonLength,
      inputSize: request.inputSize,
    });
    return {
      origins: report.origins.length,
      seasonLength: request.seasonLength,
      mean: metricsView(report.mean),
    };
  } finally {
    factory.dispose();
  }
}

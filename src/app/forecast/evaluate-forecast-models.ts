import { z } from 'zod';
import { BASELINE_NAMES } from '../../forecasting/baselines/baseline-factories.js';
import { compareModels } from '../../forecasting/evaluation/compare-models.js';
import { DEFAULT_QUANTILES } from '../../forecasting/default-quantiles.js';
import { isNeuralModelKind, NEURAL_MODEL_KINDS } from '../../forecasting/registry/model-kinds.js';
import { initTensorRuntime } from '../../forecasting/runtime/tensor-runtime.js';
import { architectureHyperparameters } from './architecture-params.js';
import { parseRequest, readForecastSeries } from './forecast-request.js';
import { metricsView, type MetricsView } from './metrics-view.js';
import { neuralFactory, type DisposingFactory } from './neural-factory.js';
import { SHAPE_FIELDS, TRAINING_FIELDS, trainingOptions } from './training-request.js';

/** Model names `forecast evaluate` accepts: the neural kinds, the baselines, and `snaive` for seasonal-naive. */
export const EVALUATION_MODELS = [...NEURAL_MODEL_KINDS, ...BASELINE_NAMES, 'snaive'] as const;

const evaluateRequestSchema = z
  .object({
    models: z.array(z.enum(EVALUATION_MODELS)).min(1),
    input: z.string().min(1),
    column: z.string().min(1),
    ...SHAPE_FIELDS,
    ...TRAINING_FIELDS,
    origins: z.int().min(1).max(10_000).default(5),
    /** Distance between origins; the horizon by default. */
    step: z.int().min(1).optional(),
    /** Season length of the seasonal naive and of the MASE scale. */
    seasonLength: z.int().min(1).default(1),
    movingAverageWindow: z.int().min(1).optional(),
    /** Trailing training values held out for early stopping of the neural models (0: none). */
    validationSize: z.int().min(0).default(0),
    /** Trailing training values held out to calibrate the neural models' intervals (0: none). */
    calibrationSize: z.int().min(0).default(0),
  })
  .strict();
export type EvaluateForecastRequest = z.input<typeof evaluateRequestSchema>;

export interface ModelEvaluationView {
  readonly model: string;
  readonly mean: MetricsView;
  readonly origins: ReadonlyArray<{
    readonly origin: number;
    readonly label: string | null;
    readonly metrics: MetricsView;
  }>;
}

export interface ForecastEvaluation {
  readonly input: string;
  readonly column: string;
  readonly horizon: number;
  readonly inputSize: number;
  readonly seasonLength: number;
  /** Index (and label) of each origin's first forecast value, oldest first. */
  readonly origins: ReadonlyArray<{ readonly index: number; readonly label: string | null }>;
  /** Baselines first (always reported), then the models asked for. */
  readonly models: readonly ModelEvaluationView[];
  readonly durationMs: number;
}

/**
 * `forecast evaluate`: rolling-origin evaluation (evaluation/rolling-origin.ts) of the models asked for, always
 * next to the four baselines (naive, seasonal naive of `seasonLength`, drift, moving average), which are
 * reported first whether or not they were named. Each neural
 * model is retrained at every origin on the values before it only; metrics per origin and their mean.
 */
export async function evaluateForecastModels(raw: EvaluateForecastRequest): Promise<ForecastEvaluation> {
  const request = parseRequest('forecast evaluate', evaluateRequestSchema, raw);
  const started = performance.now();
  const series = readForecastSeries(request.input, request.column, request.exogenous);
  const { horizon, inputSize, seasonLength } = request;
  const names = [...new Set(request.models)];
  if (names.some(isNeuralModelKind)) await initTensorRuntime();
  // The baselines are always reported (compareModels adds all four, in a fixed order), so only the neural
  // models asked for need factories.
  const neural: DisposingFactory[] = names.filter(isNeuralModelKind).map((kind) =>
    neuralFactory(kind, {
      kind,
      inputSize,
      horizon,
      quantiles: DEFAULT_QUANTILES,
      hyperparameters: architectureHyperparameters(kind, request.hyperparameters),
      seed: request.seed,
      training: trainingOptions(request, request.validationSize),
      calibrationSize: request.calibrationSize,
    }),
  );
  try {
    const comparison = await compareModels(neural, series.input, {
      horizon,
      origins: request.origins,
      step: request.step,
      seasonLength,
      inputSize,
      movingAverageWindow: request.movingAverageWindow,
    });
    const label = (index: number): string | null => series.labels?.[index] ?? null;
    return {
      input: request.input,
      column: series.columns.target,
      horizon,
      inputSize,
      seasonLength,
      origins: comparison.origins.map((index) => ({ index, label: label(index) })),
      models: comparison.reports.map((report) => ({
        model: report.model,
        mean: metricsView(report.mean),
        origins: report.origins.map((entry) => ({
          origin: entry.origin,
          label: label(entry.origin),
          metrics: metricsView(entry.metrics),
        })),
      })),
      durationMs: performance.now() - started,
    };
  } finally {
    for (const factory of neural) factory.dispose();
  }
}

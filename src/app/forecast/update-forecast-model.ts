import { z } from 'zod';
import { NeuralTraderError, quote } from '../../core/errors.js';
import { fineTuneNeuralModel } from '../../forecasting/registry/fit-neural-model.js';
import { validationError } from '../../forecasting/registry/validation-error.js';
import { copyWindow } from '../../forecasting/evaluation/series-window.js';
import { initTensorRuntime } from '../../forecasting/runtime/tensor-runtime.js';
import type { TrainingProgress } from '../../forecasting/training/train-network.js';
import type { Store } from '../../store/repositories.types.js';
import { parseRequest, readForecastSeries } from './forecast-request.js';
import { loadRegisteredModel } from './model-registry.js';
import { registerFitted } from './register-fitted.js';
import { TRAINING_FIELDS, trainingOptions } from './training-request.js';

const updateRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.string().min(1),
    /** The target column; the one the model was trained on by default. */
    column: z.string().min(1).optional(),
    ...TRAINING_FIELDS,
    /** Fine-tuning is short and gentle by default: 100 steps at a tenth of the usual learning rate. */
    maxSteps: z.int().min(1).max(1_000_000).default(100),
    learningRate: z.number().positive().max(10).default(1e-4),
    /** Trailing values both versions are scored on (the guard); 2 × horizon by default. */
    validationSize: z.int().min(1).optional(),
    /** Held-out tail to recalibrate the intervals; the parent's calibration size by default. */
    calibrationSize: z.int().min(0).optional(),
    promote: z.boolean().default(false),
  })
  .strict();
export type UpdateForecastRequest = z.input<typeof updateRequestSchema>;

export interface UpdateForecastSummary {
  readonly id: string;
  readonly parent: string;
  readonly version: number;
  readonly stage: string;
  readonly steps: number;
  /** Validation MAE of the parent and of the fine-tuned model on the same windows of the new data. */
  readonly previousValidationMae: number;
  readonly validationMae: number;
  readonly validationWindows: number;
  readonly calibrated: boolean;
  readonly durationMs: number;
}

/**
 * `forecast update` (online learning): fine-tunes a registered model on a series with new bars, starting from
 * its weights and keeping its scaler (fineTuneNeuralModel), and registers the result as the next version of
 * the model's name, its parent recorded. The guard: both the registered model and the fine-tuned one forecast
 * the same validation windows at the end of the new data (windows the fine-tuning never trains on); when the
 * fine-tuned model's MAE is worse, nothing is registered and the update is refused with both numbers.
 */
export async function updateForecastModel(
  store: Store,
  raw: UpdateForecastRequest,
  hooks: { readonly onProgress?: (progress: TrainingProgress) => void; readonly now?: () => number } = {},
): Promise<UpdateForecastSummary> {
  const request = parseRequest('forecast update', updateRequestSchema, raw);
  await initTensorRuntime();
  const started = performance.now();
  const { record, model } = await loadRegisteredModel(store, request.model);
  try {
    const { columns, shape } = model.params;
    const series = readForecastSeries(request.input, request.column ?? columns.target, columns.exogenous);
    const validationSize = request.validationSize ?? 2 * shape.horizon;
    const calibrationSize = request.calibrationSize ?? model.params.calibration?.calibrationSize ?? 0;
    const fitted = await fineTuneNeuralModel(
      model.network,
      series.input,
      trainingOptions(request, validationSize, hooks.onProgress),
      calibrationSize,
    );
    try {
      const scored = copyWindow(series.input, 0, series.input.target.length - calibrationSize);
      const previous = validationError(model.network, scored, validationSize);
      const current = fitted.validation ?? validationError(fitted.forecaster, scored, validationSize);
      if (current.mae > previous.mae) {
        throw new NeuralTraderError(
          'VALIDATION_FAILED',
          `update of ${quote(record.id)} rejected: the fine-tuned model's validation MAE ${current.mae.toPrecision(6)} is worse than the current version's ${previous.mae.toPrecision(6)} on the same ${current.windows} windows of the new data`,
        );
      }
      const durationMs = performance.now() - started;
      const stored = await registerFitted(store, {
        fitted: { ...fitted, validation: current },
        series,
        kind: record.kind,
        seed: model.params.seed,
        name: record.name,
        training: {
          fineTuned: true,
          maxSteps: request.maxSteps,
          learningRate: request.learningRate,
          validationSize,
        },
        metrics: { parentValidationMae: previous.mae, durationMs },
        parent: record.id,
        promote: request.promote,
        now: hooks.now ?? Date.now,
      });
      return {
        id: stored.id,
        parent: record.id,
        version: stored.version,
        stage: stored.stage,
        steps: fitted.training.steps,
        previousValidationMae: previous.mae,
        validationMae: current.mae,
        validationWindows: current.windows,
        calibrated: fitted.conformal !== undefined,
        durationMs,
      };
    } finally {
      fitted.forecaster.dispose();
    }
  } finally {
    model.network.dispose();
  }
}

import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import { DEFAULT_QUANTILES } from '../../forecasting/default-quantiles.js';
import { fitNeuralModel, type FittedNeuralModel } from '../../forecasting/registry/fit-neural-model.js';
import { NEURAL_MODEL_KINDS } from '../../forecasting/registry/model-kinds.js';
import { initTensorRuntime } from '../../forecasting/runtime/tensor-runtime.js';
import type { TrialParams } from '../../optimize/optimize.types.js';
import { parseParameterSpace } from '../../optimize/parameter-space.js';
import { createSearchMethod } from '../../optimize/search-method.js';
import type { Store } from '../../store/repositories.types.js';
import { architectureHyperparameters } from './architecture-params.js';
import { parseRequest, readForecastSeries } from './forecast-request.js';
import { registerFitted, type RegisteredSummary } from './register-fitted.js';
import { SHAPE_FIELDS, TRAINING_FIELDS, trainingOptions } from './training-request.js';

/** Search-space names that set the window or training rather than the architecture. */
const TRAINING_KEYS = [
  'inputSize',
  'learningRate',
  'batchSize',
  'maxSteps',
  'scaler',
  'learningRateDecays',
] as const;

const tuneRequestSchema = z
  .object({
    model: z.enum(NEURAL_MODEL_KINDS),
    input: z.string().min(1),
    column: z.string().min(1),
    ...SHAPE_FIELDS,
    ...TRAINING_FIELDS,
    /** The search space in the optimizer's syntax, e.g. `inputSize=24:96:24,hidden=32|64|128,learningRate=0.0003|0.001|0.003`. */
    space: z.string().min(1),
    method: z.enum(['random', 'tpe']).default('random'),
    trials: z.int().min(1).max(10_000).default(10),
    /** TPE's random start: min(20, max(3, ceil(trials / 3))) trials by default. */
    startupTrials: z.int().min(1).optional(),
    /** Trailing values every trial is scored on (validation MAE); 2 × horizon by default. */
    validationSize: z.int().min(1).optional(),
    /** Register the best trial's model (as `name`, `<column>-<model>` by default). */
    register: z.boolean().default(true),
    name: z.string().min(1).optional(),
  })
  .strict();
export type TuneForecastRequest = z.input<typeof tuneRequestSchema>;

export interface TuneTrial {
  readonly index: number;
  readonly params: TrialParams;
  /** Validation MAE (null when the trial failed). */
  readonly validationMae: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface TuneForecastReport {
  readonly method: 'random' | 'tpe';
  readonly validationSize: number;
  /** Best first; failed trials last. */
  readonly trials: readonly TuneTrial[];
  readonly best: TuneTrial | null;
  readonly registered: RegisteredSummary | null;
}

/**
 * `forecast tune`: hyperparameter search over window, training and architecture settings with the optimizer's
 * search methods (src/optimize: random search, or TPE), one trial after another. The objective is the
 * validation MAE of the median on the last `validationSize` values (lower is better; the search maximises
 * -MAE). A trial that cannot be built (e.g. heads not dividing modelSize) is recorded with its error and never
 * chosen. The best trial's trained model is registered as it is, with the trial's settings.
 */
export async function tuneForecastModel(
  store: Store,
  raw: TuneForecastRequest,
  hooks: {
    readonly onTrial?: (trial: TuneTrial, done: number, total: number) => void;
    readonly now?: () => number;
  } = {},
): Promise<TuneForecastReport> {
  const request = parseRequest('forecast tune', tuneRequestSchema, raw);
  const space = parseParameterSpace(request.space);
  const series = readForecastSeries(request.input, request.column, request.exogenous);
  await initTensorRuntime();
  const validationSize = request.validationSize ?? 2 * request.horizon;
  const search = createSearchMethod(space, {
    method: request.method,
    trials: request.trials,
    seed: request.seed,
    tpe: { startupTrials: request.startupTrials ?? Math.min(20, Math.max(3, Math.ceil(request.trials / 3))) },
  });
  const trials: TuneTrial[] = [];
  let best: { trial: TuneTrial; fitted: FittedNeuralModel; settings: Record<string, unknown> } | undefined;
  try {
    for (let points = search.ask(1); points.length > 0; points = search.ask(1)) {
      const params = points[0] as TrialParams;
      const started = performance.now();
      const settings: Record<string, unknown> = {};
      const architecture: Record<string, unknown> = { ...request.hyperparameters };
      for (const [key, value] of Object.entries(params)) {
        if ((TRAINING_KEYS as readonly string[]).includes(key)) settings[key] = value;
        else architecture[key] = value;
      }
      let fitted: FittedNeuralModel | undefined;
      let error: string | null = null;
      try {
        fitted = await fitNeuralModel(series.input, {
          kind: request.model,
          inputSize: typeof settings['inputSize'] === 'number' ? settings['inputSize'] : request.inputSize,
          horizon: request.horizon,
          quantiles: DEFAULT_QUANTILES,
          hyperparameters: architectureHyperparameters(request.model, architecture),
          seed: request.seed,
          training: trainingOptions({ ...request, ...settings }, validationSize),
        });
      } catch (failure) {
        if (!(failure instanceof Error)) throw failure;
        error = failure.message;
      }
      const mae = fitted?.validation?.mae ?? null;
      const trial: TuneTrial = {
        index: trials.length,
        params,
        validationMae: mae,
        error,
        durationMs: performance.now() - started,
      };
      trials.push(trial);
      search.tell([{ params, objective: mae === null ? -Infinity : -mae }]);
      hooks.onTrial?.(trial, trials.length, request.trials);
      if (
        fitted !== undefined &&
        mae !== null &&
        (best === undefined || mae < (best.trial.validationMae as number))
      ) {
        best?.fitted.forecaster.dispose();
        best = { trial, fitted, settings: { ...settings, ...architecture } };
      } else {
        fitted?.forecaster.dispose();
      }
    }
    if (best === undefined && trials.every((trial) => trial.error !== null)) {
      throw new InvalidInputError(`every trial failed; the first: ${trials[0]?.error ?? 'no trial ran'}`);
    }
    const registered =
      best !== undefined && request.register
        ? await registerFitted(store, {
            fitted: best.fitted,
            series,
            kind: request.model,
            seed: request.seed,
            name: request.name,
            training: {
              tuned: true,
              method: request.method,
              trial: best.trial.index,
              ...best.settings,
              validationSize,
            },
            now: hooks.now ?? Date.now,
          })
        : null;
    const ranked = [...trials].sort(
      (a, b) => (a.validationMae ?? Infinity) - (b.validationMae ?? Infinity) || a.index - b.index,
    );
    return { method: request.method, validationSize, trials: ranked, best: best?.trial ?? null, registered };
  } finally {
    best?.fitted.forecaster.dispose();
  }
}

import { z } from 'zod';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { DEFAULT_QUANTILES } from '../forecasting/default-quantiles.js';
import { createLstmNetwork } from '../forecasting/lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../forecasting/neural-network.types.js';
import { createNhitsNetwork } from '../forecasting/nhits/nhits-network.js';
import { initTensorRuntime } from '../forecasting/runtime/tensor-runtime.js';
import type { ForecasterFactory } from '../forecasting/series-forecaster.types.js';
import { neuralForecasterFactory } from '../forecasting/training/neural-forecaster.js';
import type { TrainingOptions } from '../forecasting/training/train-network.js';
import { createTransformerNetwork } from '../forecasting/transformer/transformer-network.js';
import { neuralTrendDefinition } from '../strategies/neural-trend/definition.js';
import type { ForecastSchedule } from '../strategies/neural-trend/forecast-schedule.js';
import type { NeuralTrendStrategy } from '../strategies/neural-trend/strategy.js';
import { centralLevels } from '../strategies/neural-trend/trend-signal.js';
import {
  buildWalkForwardSchedule,
  disposeSchedule,
  type WalkForwardProgress,
} from '../strategies/neural-trend/walk-forward-schedule.js';
import type { StrategyInputs } from '../strategies/strategy-definition.js';

export const NEURAL_TREND_MODELS = ['nhits', 'lstm', 'transformer'] as const;
export type NeuralTrendModel = (typeof NEURAL_TREND_MODELS)[number];

const BUILDERS: Readonly<
  Record<
    NeuralTrendModel,
    (shape: NeuralNetworkShape, hyperparameters: unknown, seed: number) => NeuralNetwork
  >
> = { nhits: createNhitsNetwork, lstm: createLstmNetwork, transformer: createTransformerNetwork };

/**
 * Defaults sized for retraining in every fold of a backtest, not for the best single model: NHITS whose block
 * MLP is a 64-unit projection and one 64 × 64 hidden layer (neuralforecast's 512-unit projection and three
 * 512 × 512 layers is ~100× the work per step), 200 Adam steps of 64
 * windows, RevIN scaling (each window standardised by itself, so a price that leaves its training range costs
 * nothing). The input window is 4 × the horizon, at least 8 bars.
 */
const DEFAULT_NHITS = { mlpUnits: [[64, 64]] as [number, number][] };
const DEFAULT_TRAINING: TrainingOptions = { maxSteps: 200, batchSize: 64, scaler: 'revin' };

const requestSchema = z.strictObject({
  model: z.enum(NEURAL_TREND_MODELS).default('nhits'),
  inputSize: z.number().int().min(2).max(10_000).optional(),
  higherInputSize: z.number().int().min(2).max(10_000).optional(),
  hyperparameters: z.record(z.string(), z.unknown()).optional(),
  training: z.record(z.string(), z.unknown()).optional(),
  seed: z.number().int().default(1),
});

export interface NeuralTrendInputsRequest {
  /** Network kind; nhits by default. */
  readonly model?: NeuralTrendModel;
  /** The strategy parameters of the backtest (the same object given to the strategy). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Base-timeframe input window; 4 × horizon (at least 8) by default. */
  readonly inputSize?: number;
  /** Higher-timeframe input window, in higher bars; 4 × higherHorizon (at least 8) by default. */
  readonly higherInputSize?: number;
  /** Architecture hyperparameters (the model's own schema); small NHITS / the model's defaults otherwise. */
  readonly hyperparameters?: Readonly<Record<string, unknown>>;
  /** Training settings (training-options.ts), merged over the defaults above. */
  readonly training?: Readonly<Record<string, unknown>>;
  /** Network initialisation seed (the training seed is `training.seed`). */
  readonly seed?: number;
  readonly onProgress?: (progress: WalkForwardProgress) => void;
}

export interface PreparedNeuralTrendInputs {
  /** Pass to the strategy (merge into the backtest's inputs). */
  readonly inputs: StrategyInputs;
  readonly schedule: ForecastSchedule;
  /** Walk-forward folds trained, over all symbols. */
  readonly folds: number;
  /** Wall-clock time of the pre-training. */
  readonly trainingMs: number;
  /** One line for the run summary, e.g. `nhits walk-forward: 12 folds (retrain every 50 bars on 250)`. */
  readonly description: string;
  /** Frees the models' tensors; call once the backtest has run. */
  dispose(): void;
}

function parseRequest(request: NeuralTrendInputsRequest): z.output<typeof requestSchema> {
  const { params: _params, onProgress: _onProgress, ...rest } = request;
  const parsed = requestSchema.safeParse(rest);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new InvalidInputError(
    `neural-trend model option ${field} ${quote((rest as Record<string, unknown>)[field.split('.')[0] ?? ''])}: ${issue?.message ?? 'invalid'}`,
  );
}

/**
 * Pre-trains neural-trend's walk-forward models for a backtest (strategies/neural-trend/walk-forward-schedule):
 * validates the strategy parameters exactly as the strategy will, starts the tensor runtime, builds one
 * network factory per timeframe and trains every fold on the bars before it. The caller hands `inputs` to the
 * strategy and calls `dispose` after the run.
 */
export async function prepareNeuralTrendInputs(
  series: readonly BarSeries[],
  request: NeuralTrendInputsRequest = {},
): Promise<PreparedNeuralTrendInputs> {
  const first = series[0];
  if (first === undefined) throw new InvalidInputError('neural-trend needs at least one bar series');
  const options = parseRequest(request);
  const probe = neuralTrendDefinition.create(request.params ?? {}, {
    symbols: series.map((s) => s.symbol),
    timeframe: first.timeframe,
  }) as NeuralTrendStrategy;
  const config = probe.config;
  await initTensorRuntime();
  const quantiles = [...new Set([...DEFAULT_QUANTILES, ...centralLevels(config.intervalLevel)])].sort(
    (a, b) => a - b,
  );
  const hyperparameters = options.hyperparameters ?? (options.model === 'nhits' ? DEFAULT_NHITS : {});
  const training: TrainingOptions = { ...DEFAULT_TRAINING, ...options.training };
  const factory = (name: string, horizon: number, inputSize: number): ForecasterFactory =>
    neuralForecasterFactory({
      name,
      inputSize,
      horizon,
      quantiles,
      createNetwork: (shape) => BUILDERS[options.model](shape, hyperparameters, options.seed),
      training,
    });
  const inputSize = options.inputSize ?? Math.max(8, 4 * config.horizon);
  const higherInputSize = options.higherInputSize ?? Math.max(8, 4 * config.higherHorizon);
  const started = performance.now();
  const schedule = await buildWalkForwardSchedule(
    series,
    {
      base: factory(options.model, config.horizon, inputSize),
      ...(config.higherWeight > 0
        ? { higher: factory(`${options.model}-higher`, config.higherHorizon, higherInputSize) }
        : {}),
    },
    config,
    request.onProgress,
  );
  const trainingMs = performance.now() - started;
  const folds = [...schedule.bySymbol.values()].reduce((sum, entries) => sum + entries.length, 0);
  return {
    inputs: { forecasts: schedule },
    schedule,
    folds,
    trainingMs,
    description:
      `${options.model} walk-forward: ${folds} folds (retrain every ${config.retrainEvery} bars on the ` +
      `previous ${config.trainWindow}), trained in ${(trainingMs / 1000).toFixed(1)} s`,
    dispose: () => disposeSchedule(schedule),
  };
}

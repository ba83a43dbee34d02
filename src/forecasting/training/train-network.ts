import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SeededRng } from '../../core/rng.js';
import type { NeuralNetwork } from '../neural-network.types.js';
import type { ForecastInput } from '../series-forecaster.types.js';
import { AdamOptimizer, decayedLearningRate } from './adam.js';
import { multiQuantileLoss } from './mq-loss.js';
import { ParallelTrainer } from './parallel/parallel-trainer.js';
import { fitScaler, type ScalerState } from './scalers.js';
import {
  buildBatch,
  sampleOrigins,
  seriesChannels,
  splitWindows,
  type WindowBatch,
} from './series-windows.js';
import { parseTrainingSettings, type TrainingSettingsInput } from './training-options.js';
import { validationLoss } from './validation-loss.js';

export interface TrainingProgress {
  readonly step: number;
  readonly maxSteps: number;
  /** Training loss (MQLoss in scaled units) of the latest step. */
  readonly loss: number;
  /** Latest validation loss (MQLoss in the series' units), null before the first check or without validation. */
  readonly valLoss: number | null;
}

export interface TrainingOptions extends TrainingSettingsInput {
  /** Called every `progressEvery` steps and after the last one (the CLI draws its progress bar from it). */
  readonly onProgress?: (progress: TrainingProgress) => void;
}

export interface TrainingHistory {
  /** Training loss of every step (index = step - 1). */
  readonly loss: number[];
  /** Learning rate of every step. */
  readonly learningRate: number[];
  readonly validation: Array<{ readonly step: number; readonly loss: number }>;
}

export interface TrainingResult {
  readonly scaler: ScalerState;
  readonly history: TrainingHistory;
  readonly steps: number;
  readonly stoppedEarly: boolean;
  /** Step whose weights the network holds at the end: the best validation check, or the last step. */
  readonly bestStep: number;
  readonly bestValidationLoss: number | null;
  readonly trainingWindows: number;
  readonly validationWindows: number;
}

/** Networks with dropout switch it on around gradient steps only. */
function setTraining(network: NeuralNetwork, training: boolean): void {
  network.setTraining?.(training);
}

function snapshot(variables: readonly tf.Variable[]): Float32Array[] {
  return variables.map((variable) => (variable.dataSync() as Float32Array).slice());
}
function restore(variables: readonly tf.Variable[], values: readonly Float32Array[]): void {
  variables.forEach((variable, index) =>
    tf.tidy(() => variable.assign(tf.tensor(values[index] as Float32Array, variable.shape, 'float32'))),
  );
}

/**
 * Trains `network` on windows of `input` by minimising MQLoss with Adam: each step samples `batchSize` window
 * origins (seeded), scales them (scalers.ts), takes one gradient step, and the learning rate halves
 * `learningRateDecays` times (StepLR). Every `validationCheckSteps` steps (and at the end) the validation
 * windows are forecast and scored in the series' units; with early stopping, training ends after
 * `earlyStopPatience` checks without improvement and the best weights are restored. Same seed, data and
 * network seed give bit-identical weights. Yields to the event loop at each progress report.
 *
 * With `workers` > 1 the gradient steps run data-parallel on that many worker threads
 * (parallel/parallel-trainer.ts): the batch origins are drawn here exactly as above, each worker computes the
 * gradient of its share, the shares are averaged in a fixed order and every worker applies the same Adam update
 * to its replica; the network receives the replicas' weights before each validation check and at the end.
 * Same seed and worker count give bit-identical weights; different worker counts differ by float rounding
 * (partial means are summed in another order), and NHITS dropout masks are drawn per worker.
 */
export async function trainNetwork(
  network: NeuralNetwork,
  input: ForecastInput,
  options: TrainingOptions = {},
): Promise<TrainingResult> {
  const { onProgress, ...rest } = options;
  const settings = parseTrainingSettings(rest);
  const { inputSize, horizon, channels, quantiles } = network.shape;
  const series = seriesChannels(input);
  if (series.length !== channels) {
    throw new InvalidInputError(
      `network expects ${channels} channels (target + ${channels - 1} exogenous), the input has ${series.length}`,
    );
  }
  const split = splitWindows(input.target.length, inputSize, horizon, settings.validationSize);
  const trainingEnd = input.target.length - settings.validationSize;
  const scaler = fitScaler(
    settings.scaler,
    series.map((values) => values.subarray(0, trainingEnd)),
  );
  const validationOrigins = split.validation.subarray(
    Math.max(0, split.validation.length - settings.maxValidationWindows),
  );
  const validationBatch: WindowBatch | undefined =
    validationOrigins.length > 0
      ? buildBatch(series, validationOrigins, inputSize, horizon, scaler, false)
      : undefined;
  const validationTargets = validationOrigins.length > 0 ? series[0] : undefined;

  if (settings.workers > settings.batchSize) {
    throw new InvalidInputError(
      `workers ${quote(settings.workers)} must be <= batchSize ${quote(settings.batchSize)} (one window each at least)`,
    );
  }
  const rng = new SeededRng(settings.seed);
  const parallel =
    settings.workers > 1
      ? await ParallelTrainer.start({
          network,
          channels: series,
          scaler,
          workers: settings.workers,
          seed: settings.seed,
        })
      : undefined;
  const optimizer =
    parallel === undefined
      ? new AdamOptimizer(network.variables, { learningRate: settings.learningRate })
      : undefined;
  const history: TrainingHistory = { loss: [], learningRate: [], validation: [] };
  let best: { step: number; loss: number; weights: Float32Array[] } | undefined;
  let checksWithoutImprovement = 0;
  let stoppedEarly = false;
  let step = 0;

  /** One gradient step on this thread (workers = 1). */
  const localStep = (adam: AdamOptimizer, origins: Int32Array, learningRate: number): number => {
    adam.learningRate = learningRate;
    const batch = buildBatch(series, origins, inputSize, horizon, scaler, true);
    setTraining(network, true);
    const loss = tf.tidy(() => {
      const x = tf.tensor3d(batch.input, [batch.size, inputSize, channels]);
      const y = tf.tensor2d(batch.target as Float32Array, [batch.size, horizon]);
      const { value, grads } = tf.variableGrads(
        () => multiQuantileLoss(network.forward(x), y, quantiles),
        [...network.variables],
      );
      const lossValue = value.dataSync()[0] as number;
      // A non-finite loss stops training below, before its gradients could corrupt the weights.
      if (Number.isFinite(lossValue)) {
        adam.applyGradients(network.variables.map((variable) => grads[variable.name]));
      }
      return lossValue;
    });
    setTraining(network, false);
    return loss;
  };

  const validate = (): number | null => {
    if (validationBatch === undefined || validationTargets === undefined) return null;
    const loss = validationLoss(
      network,
      validationBatch,
      validationTargets,
      validationOrigins,
      horizon,
      quantiles,
    );
    history.validation.push({ step, loss });
    if (best === undefined || loss < best.loss) {
      best = { step, loss, weights: snapshot(network.variables) };
      checksWithoutImprovement = 0;
    } else {
      checksWithoutImprovement++;
    }
    return loss;
  };

  try {
    let latestValidation: number | null = null;
    /** Step whose weights the network holds (parallel training: when they were last pulled). */
    let pulledAt = 0;
    while (step < settings.maxSteps) {
      const learningRate = decayedLearningRate(
        settings.learningRate,
        step,
        settings.maxSteps,
        settings.learningRateDecays,
      );
      const origins = sampleOrigins(split.training, settings.batchSize, rng);
      const loss =
        optimizer !== undefined
          ? localStep(optimizer, origins, learningRate)
          : await (parallel as ParallelTrainer).step(origins, learningRate);
      if (!Number.isFinite(loss)) {
        parallel?.pullWeights();
        throw new InvalidInputError(
          `training diverged: loss ${quote(loss)} at step ${step + 1}; lower the learning rate`,
        );
      }
      step++;
      history.loss.push(loss);
      history.learningRate.push(learningRate);
      if (step % settings.validationCheckSteps === 0 || step === settings.maxSteps) {
        if (parallel !== undefined && validationBatch !== undefined) {
          parallel.pullWeights();
          pulledAt = step;
        }
        latestValidation = validate();
        if (settings.earlyStopPatience >= 0 && checksWithoutImprovement > settings.earlyStopPatience) {
          stoppedEarly = true;
        }
      }
      if (
        onProgress !== undefined &&
        (step % settings.progressEvery === 0 || step === settings.maxSteps || stoppedEarly)
      ) {
        onProgress({ step, maxSteps: settings.maxSteps, loss, valLoss: latestValidation });
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (stoppedEarly) break;
    }
    if (parallel !== undefined && pulledAt !== step) parallel.pullWeights();
  } finally {
    setTraining(network, false);
    optimizer?.dispose();
    await parallel?.close();
  }
  const finalBest = best as { step: number; loss: number; weights: Float32Array[] } | undefined;
  if (finalBest !== undefined && finalBest.step !== step) restore(network.variables, finalBest.weights);
  return {
    scaler,
    history,
    steps: step,
    stoppedEarly,
    bestStep: finalBest?.step ?? step,
    bestValidationLoss: finalBest?.loss ?? null,
    trainingWindows: split.training.length,
    validationWindows: validationOrigins.length,
  };
}

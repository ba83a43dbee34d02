import { InvalidInputError, quote } from '../../core/errors.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import { calibrateConformal, type ConformalForecaster } from '../evaluation/conformal-forecaster.js';
import { centralIntervals } from '../evaluation/probabilistic-metrics.js';
import { copyWindow } from '../evaluation/series-window.js';
import type { NeuralNetwork } from '../neural-network.types.js';
import type { ForecastInput } from '../series-forecaster.types.js';
import { NeuralForecaster } from '../training/neural-forecaster.js';
import { serializeWeights } from '../training/network-weights.js';
import type { ScalerState } from '../training/scalers.js';
import { trainNetwork, type TrainingOptions, type TrainingResult } from '../training/train-network.js';
import { createNetwork, disposeNetwork, restoreNetwork, type NeuralModelKind } from './model-kinds.js';
import { validationError, type ValidationError } from './validation-error.js';

/** A trained model, its calibrated twin when asked for, and its validation error. */
export interface FittedNeuralModel {
  readonly forecaster: NeuralForecaster;
  readonly training: TrainingResult;
  readonly conformal?: { readonly forecaster: ConformalForecaster; readonly calibrationSize: number };
  /** MAE over the validation windows (null without a validation split). */
  readonly validation: ValidationError | null;
}

export interface FitNeuralModelOptions {
  readonly kind: NeuralModelKind;
  readonly inputSize: number;
  readonly horizon: number;
  readonly quantiles?: readonly number[];
  /** Architecture hyperparameters (each architecture's schema validates them and fills defaults). */
  readonly hyperparameters?: Readonly<Record<string, unknown>>;
  /** Seed of the initial weights; the training's own seed (batch sampling) is `training.seed`. */
  readonly seed: number;
  readonly training?: TrainingOptions;
  /**
   * Values at the end held out for split-conformal calibration (0 or absent: none). The network never trains
   * on them; its intervals are calibrated on them (calibrateConformal), so they must hold enough origins for
   * the widest interval: 99 for 99% (calibration size >= 99 + horizon - 1).
   */
  readonly calibrationSize?: number;
}

/**
 * Trains a new network of `kind` (registry use: `forecast train`, hyperparameter search), scores it on its
 * validation windows and, when asked, calibrates its intervals on a held-out tail. The network is disposed if
 * anything fails.
 */
export async function fitNeuralModel(
  input: ForecastInput,
  options: FitNeuralModelOptions,
): Promise<FittedNeuralModel> {
  const shape = {
    inputSize: options.inputSize,
    horizon: options.horizon,
    channels: 1 + (input.exogenous?.length ?? 0),
    quantiles: options.quantiles ?? DEFAULT_QUANTILES,
  };
  const network = createNetwork(options.kind, shape, options.hyperparameters ?? {}, options.seed);
  return trainCalibrated(network, input, options.training ?? {}, options.calibrationSize ?? 0, undefined);
}

/**
 * Fine-tunes a copy of a trained model on new data (online update): the copy starts from the model's
 * weights and keeps its scaler, so the weights keep the meaning they were trained with. A global scaler is
 * kept by scaling the data with the stored state and training on it unscaled (identity), which gives the
 * network exactly the inputs the stored scaler would; a RevIN scaler is stateless and is simply reused. The
 * original model is left untouched (the update guard compares the two).
 */
export async function fineTuneNeuralModel(
  base: NeuralForecaster,
  input: ForecastInput,
  training: TrainingOptions,
  calibrationSize = 0,
): Promise<FittedNeuralModel> {
  const { network } = base;
  const copy = restoreNetwork(
    network.kind,
    network.shape,
    network.hyperparameters,
    serializeWeights(network.variables),
  );
  return trainCalibrated(copy, input, training, calibrationSize, base.scaler);
}

/** The data as a fixed global scaler maps it: (x - center) / scale per channel. */
function applyScaler(input: ForecastInput, scaler: ScalerState): ForecastInput {
  const channels = [input.target, ...(input.exogenous ?? [])];
  if (scaler.channels.length !== channels.length) {
    throw new InvalidInputError(
      `the model's scaler holds ${scaler.channels.length} channels, the data has ${channels.length}`,
    );
  }
  const [target, ...exogenous] = channels.map((values, channel) => {
    const { center, scale } = scaler.channels[channel] as { center: number; scale: number };
    return values.map((value) => (value - center) / scale);
  });
  return exogenous.length === 0
    ? { target: target as Float64Array }
    : { target: target as Float64Array, exogenous };
}

/**
 * Refuses, before any training, a calibration window too short for the widest interval: n origins calibrate
 * a level 1 - α only when n >= (1 - α) / α (conformalQuantile), and a window of c values holds c - h + 1.
 */
function checkCalibrationOrigins(
  calibrationSize: number,
  horizon: number,
  quantiles: readonly number[],
): void {
  const widest = centralIntervals(quantiles).at(-1);
  if (widest === undefined) return;
  const needed = Math.ceil(widest.level / (1 - widest.level) - 1e-9);
  const origins = calibrationSize - horizon + 1;
  if (origins < needed) {
    throw new InvalidInputError(
      `calibration size ${quote(calibrationSize)} gives ${Math.max(0, origins)} calibration origins at horizon ${horizon}; the ${widest.level * 100}% interval needs ${needed}, so a calibration size of at least ${needed + horizon - 1}`,
    );
  }
}

async function trainCalibrated(
  network: NeuralNetwork,
  input: ForecastInput,
  training: TrainingOptions,
  calibrationSize: number,
  fixedScaler: ScalerState | undefined,
): Promise<FittedNeuralModel> {
  try {
    const length = input.target.length;
    if (!(Number.isInteger(calibrationSize) && calibrationSize >= 0 && calibrationSize < length)) {
      throw new InvalidInputError(
        `calibration size ${quote(calibrationSize)} must be an integer in [0, ${length}) (the series length)`,
      );
    }
    if (calibrationSize > 0)
      checkCalibrationOrigins(calibrationSize, network.shape.horizon, network.shape.quantiles);
    const fitted = calibrationSize > 0 ? copyWindow(input, 0, length - calibrationSize) : input;
    let result: TrainingResult;
    let scaler: ScalerState;
    if (fixedScaler === undefined) {
      result = await trainNetwork(network, fitted, training);
      scaler = result.scaler;
    } else if (fixedScaler.kind === 'revin') {
      result = await trainNetwork(network, fitted, { ...training, scaler: 'revin' });
      scaler = fixedScaler;
    } else {
      result = await trainNetwork(network, applyScaler(fitted, fixedScaler), {
        ...training,
        scaler: 'identity',
      });
      scaler = fixedScaler;
    }
    const forecaster = new NeuralForecaster(network, scaler, network.kind, result);
    const validationSize = training.validationSize ?? 0;
    const validation = validationSize > 0 ? validationError(forecaster, fitted, validationSize) : null;
    if (calibrationSize === 0) return { forecaster, training: result, validation };
    const conformal = calibrateConformal(forecaster, input, { calibrationSize });
    return {
      forecaster,
      training: result,
      validation,
      conformal: { forecaster: conformal, calibrationSize },
    };
  } catch (error) {
    disposeNetwork(network);
    throw error;
  }
}

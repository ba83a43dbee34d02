import { InvalidInputError, quote } from '../../core/errors.js';
import { ConformalForecaster } from '../evaluation/conformal-forecaster.js';
import { centralIntervals } from '../evaluation/probabilistic-metrics.js';
import type { SeriesForecaster } from '../series-forecaster.types.js';
import { NeuralForecaster } from '../training/neural-forecaster.js';
import { serializeWeights } from '../training/network-weights.js';
import type { TrainingHistory } from '../training/train-network.js';
import {
  architectureHash,
  checkCodeVersion,
  formatCodeVersion,
  MODEL_FORMAT_VERSION,
} from './code-version.js';
import { isNeuralModelKind, restoreNetwork } from './model-kinds.js';
import { parseModelParams, type ModelParams } from './model-params.js';

/** What the registry persists of a model, besides its identity (id, name, version, stage, metrics). */
export interface EncodedModel {
  readonly kind: string;
  readonly params: ModelParams;
  readonly history: TrainingHistory | null;
  readonly blob: Uint8Array;
  readonly codeVersion: string;
}

export interface EncodeModelInput {
  /** The trained network with its scaler. */
  readonly forecaster: NeuralForecaster;
  /** The same model with calibrated intervals, when it was calibrated. */
  readonly conformal?: { readonly forecaster: ConformalForecaster; readonly calibrationSize: number };
  readonly columns: ModelParams['columns'];
  readonly seed: number;
  readonly training: Readonly<Record<string, unknown>>;
  readonly parent?: string | null;
  /** The running product version (package.json), recorded in the code version. */
  readonly packageVersion: string;
}

/** A model ready to forecast, rebuilt from the registry. */
export interface DecodedModel {
  readonly params: ModelParams;
  /** The network with its scaler: fine-tuning starts from it; dispose it when done. */
  readonly network: NeuralForecaster;
  /** What predictions use: the calibrated model when there is a calibration, else `network`. */
  readonly forecaster: SeriesForecaster;
}

/** Serialises a trained model: weights, shape, hyperparameters, scaler, calibration, history, code version. */
export function encodeModel(input: EncodeModelInput): EncodedModel {
  const { network, scaler, training } = input.forecaster;
  const { shape } = network;
  const calibration = input.conformal?.forecaster.calibration;
  if (input.conformal !== undefined && input.conformal.forecaster.base !== input.forecaster) {
    throw new InvalidInputError('the conformal model must wrap the network being registered');
  }
  const params: ModelParams = {
    format: MODEL_FORMAT_VERSION,
    kind: network.kind,
    shape: { ...shape, quantiles: [...shape.quantiles] },
    hyperparameters: { ...network.hyperparameters },
    scaler: { kind: scaler.kind, channels: scaler.channels.map((c) => ({ ...c })) },
    columns: { target: input.columns.target, exogenous: [...input.columns.exogenous] },
    seed: input.seed,
    training: { ...input.training },
    calibration:
      calibration === undefined || input.conformal === undefined
        ? null
        : {
            calibrationSize: input.conformal.calibrationSize,
            scoreCount: calibration.scoreCount,
            adjustments: Array.from(calibration.adjustments),
          },
    parent: input.parent ?? null,
  };
  // Checked as a load would check it, so nothing is registered that could not be read back.
  parseModelParams(params);
  return {
    kind: network.kind,
    params,
    history: training?.history ?? null,
    blob: serializeWeights(network.variables),
    codeVersion: formatCodeVersion({
      packageVersion: input.packageVersion,
      format: MODEL_FORMAT_VERSION,
      architecture: architectureHash(network.kind, shape, network.hyperparameters),
    }),
  };
}

export interface StoredModelFields {
  readonly kind: string;
  readonly params: unknown;
  readonly blob: Uint8Array;
  readonly codeVersion: string | null;
}

/**
 * Rebuilds a registered model after validating that this code can use it: the kind is known and matches the
 * params; the params parse (shape, scaler and columns agree); every stored variable has the shape the
 * rebuilt network expects; the code version's format, package version and architecture hash are compatible
 * (code-version.ts); the calibration, if any, has one adjustment per step and interval. Any mismatch is
 * refused with an InvalidInputError that names it; nothing half-built is left allocated.
 */
export function decodeModel(stored: StoredModelFields, runningPackage: string, name?: string): DecodedModel {
  if (!isNeuralModelKind(stored.kind)) {
    throw new InvalidInputError(
      `model kind ${quote(stored.kind)} is not one this code can load (nhits, lstm, transformer)`,
    );
  }
  const params = parseModelParams(stored.params);
  if (params.kind !== stored.kind) {
    throw new InvalidInputError(
      `model kind ${quote(stored.kind)} differs from its params' ${quote(params.kind)}`,
    );
  }
  const network = restoreNetwork(stored.kind, params.shape, params.hyperparameters, stored.blob);
  const forecaster = new NeuralForecaster(network, params.scaler, name ?? stored.kind);
  try {
    checkCodeVersion(
      stored.codeVersion,
      runningPackage,
      architectureHash(network.kind, network.shape, network.hyperparameters),
    );
    if (params.calibration === null) return { params, network: forecaster, forecaster };
    const intervals = centralIntervals(params.shape.quantiles);
    const expected = params.shape.horizon * intervals.length;
    if (params.calibration.adjustments.length !== expected) {
      throw new InvalidInputError(
        `model calibration holds ${params.calibration.adjustments.length} adjustments, horizon ${params.shape.horizon} × ${intervals.length} intervals need ${expected}`,
      );
    }
    const conformal = new ConformalForecaster(forecaster, {
      intervals,
      scoreCount: params.calibration.scoreCount,
      adjustments: Float64Array.from(params.calibration.adjustments),
    });
    return { params, network: forecaster, forecaster: conformal };
  } catch (error) {
    forecaster.dispose();
    throw error;
  }
}

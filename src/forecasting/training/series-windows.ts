import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import type { ForecastInput } from '../series-forecaster.types.js';
import { windowScale, type ScalerState } from './scalers.js';

/**
 * Windows over a series for training and forecasting. A window at origin o (the index of its first forecast
 * value) reads the input [o - inputSize, o) of every channel and, when training, the target [o, o + horizon).
 * Channel 0 is the target, channels 1.. the exogenous features.
 */

/** The channels of an input (target first), checked: same length, every value finite. */
export function seriesChannels(input: ForecastInput): Float64Array[] {
  const channels = [input.target, ...(input.exogenous ?? [])];
  channels.forEach((values, channel) => {
    if (values.length !== input.target.length) {
      throw new InvalidInputError(
        `exogenous feature ${channel - 1} has ${values.length} values, the target ${input.target.length}`,
      );
    }
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      const name = channel === 0 ? 'target' : `exogenous feature ${channel - 1}`;
      throw new InvalidInputError(`${name} value ${quote(values[bad])} at index ${bad} must be finite`);
    }
  });
  return channels;
}

export interface WindowSplit {
  /** Origins whose whole target lies before the validation part: o in [inputSize, n - validationSize - horizon]. */
  readonly training: Int32Array;
  /** Origins whose target lies inside the last `validationSize` values: o in [n - validationSize, n - horizon]. */
  readonly validation: Int32Array;
}

function range(from: number, to: number): Int32Array {
  const origins = new Int32Array(Math.max(0, to - from + 1));
  for (let i = 0; i < origins.length; i++) origins[i] = from + i;
  return origins;
}

/**
 * Splits the windows of a series of `length` values into training and validation origins. Validation targets
 * are never training targets and training windows never read validation values, so early stopping sees
 * data the gradient steps have not. validationSize is 0 (no validation) or at least the horizon.
 */
export function splitWindows(
  length: number,
  inputSize: number,
  horizon: number,
  validationSize: number,
): WindowSplit {
  if (!(Number.isInteger(validationSize) && (validationSize === 0 || validationSize >= horizon))) {
    throw new InvalidInputError(
      `validationSize ${quote(validationSize)} must be 0 or an integer >= horizon ${horizon}`,
    );
  }
  const training = range(inputSize, length - validationSize - horizon);
  if (training.length === 0) {
    throw new InvalidInputError(
      `series of ${length} values is too short for one training window of ${inputSize} + ${horizon} values` +
        (validationSize > 0 ? ` before a validation part of ${validationSize}` : ''),
    );
  }
  const validation =
    validationSize === 0 ? new Int32Array(0) : range(length - validationSize, length - horizon);
  return { training, validation };
}

/** `count` origins drawn uniformly with replacement (seeded), as neuralforecast samples its window batches. */
export function sampleOrigins(origins: Int32Array, count: number, rng: SeededRng): Int32Array {
  const sample = new Int32Array(count);
  for (let i = 0; i < count; i++) sample[i] = origins[rng.int(0, origins.length - 1)] as number;
  return sample;
}

export interface WindowBatch {
  readonly size: number;
  /** Scaled inputs, [size, inputSize, channels] row-major. */
  readonly input: Float32Array;
  /** Scaled targets [size, horizon] (only when the batch was built with targets). */
  readonly target: Float32Array | undefined;
  /** The target channel's (center, scale) per window: forecast = scaled forecast · scale + center. */
  readonly centers: Float64Array;
  readonly scales: Float64Array;
}

/** Builds the scaled network input (and target) of the windows at `origins`. */
export function buildBatch(
  channels: readonly Float64Array[],
  origins: ArrayLike<number>,
  inputSize: number,
  horizon: number,
  scaler: ScalerState,
  withTarget: boolean,
): WindowBatch {
  const size = origins.length;
  const width = channels.length;
  const input = new Float32Array(size * inputSize * width);
  const target = withTarget ? new Float32Array(size * horizon) : undefined;
  const centers = new Float64Array(size);
  const scales = new Float64Array(size);
  for (let b = 0; b < size; b++) {
    const origin = origins[b] as number;
    const start = origin - inputSize;
    channels.forEach((values, channel) => {
      const { center, scale } = windowScale(scaler, channel, values, start, inputSize);
      for (let t = 0; t < inputSize; t++) {
        input[(b * inputSize + t) * width + channel] = ((values[start + t] as number) - center) / scale;
      }
      if (channel !== 0) return;
      centers[b] = center;
      scales[b] = scale;
      if (target === undefined) return;
      for (let t = 0; t < horizon; t++)
        target[b * horizon + t] = ((values[origin + t] as number) - center) / scale;
    });
  }
  return { size, input, target, centers, scales };
}

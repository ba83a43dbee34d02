import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';

/**
 * Seeded weight initializers. Every one draws from the project's SeededRng (sfc32), so a seed gives the same
 * weights on every machine; values are rounded to float32 once, as the tensors store them.
 * - `uniform-fan-in` (the default): U(-1/√fan_in, 1/√fan_in), PyTorch's nn.Linear default for weight and bias
 *   alike (kaiming_uniform_ with a = √5 reduces to this bound), hence what neuralforecast's NHITS trains from.
 * - `glorot-uniform` (Glorot & Bengio 2010): U(-√(6/(fan_in+fan_out)), +√(6/(fan_in+fan_out))).
 * - `he-uniform` (He et al. 2015, for ReLU): U(-√(6/fan_in), +√(6/fan_in)).
 * - `zeros`: all zeros (biases of some layers, residual outputs).
 */
export const INITIALIZERS = ['uniform-fan-in', 'glorot-uniform', 'he-uniform', 'zeros'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** The bound b of the U(-b, b) distribution each initializer draws from (0 for `zeros`). */
export function initializerBound(initializer: Initializer, fanIn: number, fanOut: number): number {
  if (!(Number.isInteger(fanIn) && fanIn >= 1))
    throw new InvalidInputError(`fanIn ${quote(fanIn)} must be an integer >= 1`);
  if (!(Number.isInteger(fanOut) && fanOut >= 1)) {
    throw new InvalidInputError(`fanOut ${quote(fanOut)} must be an integer >= 1`);
  }
  switch (initializer) {
    case 'uniform-fan-in':
      return 1 / Math.sqrt(fanIn);
    case 'glorot-uniform':
      return Math.sqrt(6 / (fanIn + fanOut));
    case 'he-uniform':
      return Math.sqrt(6 / fanIn);
    case 'zeros':
      return 0;
    default:
      throw new InvalidInputError(
        `initializer ${quote(initializer)} must be one of ${INITIALIZERS.join(', ')}`,
      );
  }
}

/** `size` values drawn in order from `rng` for a layer with the given fans. */
export function initialValues(
  initializer: Initializer,
  size: number,
  fanIn: number,
  fanOut: number,
  rng: SeededRng,
): Float32Array {
  const bound = initializerBound(initializer, fanIn, fanOut);
  const values = new Float32Array(size);
  if (bound === 0) return values;
  for (let i = 0; i < size; i++) values[i] = rng.uniform(-bound, bound);
  return values;
}

/** A trainable float32 variable of `shape` holding freshly initialised values. */
export function initialVariable(
  initializer: Initializer,
  shape: readonly number[],
  fanIn: number,
  fanOut: number,
  rng: SeededRng,
): tf.Variable {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const values = initialValues(initializer, size, fanIn, fanOut, rng);
  // Inside tidy: the initial tensor is freed, the variable (never tracked by tidy) kept.
  return tf.tidy(() => tf.variable(tf.tensor(values, [...shape], 'float32'), true));
}

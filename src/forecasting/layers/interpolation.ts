import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import { dense } from './dense.js';

/**
 * Linear interpolation along the last axis, as PyTorch's F.interpolate(mode='linear', align_corners=False),
 * which neuralforecast's NHITS uses to expand each block's forecast knots to the horizon. Output position j of
 * `outputLength` reads source coordinate s = max(0, (j + 0.5)·(in / out) - 0.5), between knots i0 = floor(s)
 * and i1 = min(i0 + 1, in - 1) with weight λ = s - i0: y_j = (1 - λ)·x_i0 + λ·x_i1. Positions past the last
 * knot clamp to it. Since the weights depend only on the two lengths, the interpolation is a fixed
 * [in, out] matrix and the forward pass one product (through the dense layer's fast custom gradient).
 */
export function linearInterpolationMatrix(inputLength: number, outputLength: number): Float32Array {
  for (const [name, value] of [
    ['inputLength', inputLength],
    ['outputLength', outputLength],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new InvalidInputError(`interpolation ${name} ${quote(value)} must be an integer >= 1`);
    }
  }
  const matrix = new Float32Array(inputLength * outputLength);
  const scale = inputLength / outputLength;
  for (let j = 0; j < outputLength; j++) {
    const source = Math.max(0, (j + 0.5) * scale - 0.5);
    const lower = Math.min(Math.floor(source), inputLength - 1);
    const upper = Math.min(lower + 1, inputLength - 1);
    const weight = source - lower;
    matrix[lower * outputLength + j] = (matrix[lower * outputLength + j] as number) + (1 - weight);
    matrix[upper * outputLength + j] = (matrix[upper * outputLength + j] as number) + weight;
  }
  return matrix;
}

/** Interpolates x [..., inputLength] to [..., outputLength] with a precomputed matrix (see above). */
export function interpolateLinear(x: tf.Tensor, matrix: tf.Tensor2D): tf.Tensor {
  const [inputLength, outputLength] = matrix.shape;
  if (x.rank < 1 || x.shape[x.rank - 1] !== inputLength) {
    throw new InvalidInputError(
      `interpolation input shape ${quote(x.shape)} must end in ${inputLength} knots`,
    );
  }
  const flat = tf.reshape(x, [-1, inputLength]);
  return tf.reshape(dense(flat, matrix), [...x.shape.slice(0, -1), outputLength]);
}

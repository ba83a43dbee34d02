import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { interpolateLinear, linearInterpolationMatrix } from './interpolation.js';

beforeAll(async () => {
  await initTensorRuntime();
});

function interpolate(values: number[], outputLength: number): number[] {
  return tf.tidy(() => {
    const matrix = tf.tensor2d(linearInterpolationMatrix(values.length, outputLength), [
      values.length,
      outputLength,
    ]);
    return Array.from(interpolateLinear(tf.tensor2d([values]), matrix).dataSync()).map((v) => +v.toFixed(5));
  });
}

describe('linear interpolation (PyTorch align_corners=False)', () => {
  it('reproduces F.interpolate([1, 2, 3], size=6, mode="linear")', () => {
    // PyTorch: tensor([[[1.0000, 1.2500, 1.7500, 2.2500, 2.7500, 3.0000]]])
    expect(interpolate([1, 2, 3], 6)).toEqual([1, 1.25, 1.75, 2.25, 2.75, 3]);
  });

  it('expands 3 knots to a horizon of 12 (h / 4) with clamped ends', () => {
    // scale 1/4: s_j = (j + 0.5)/4 - 0.5 -> -0.375 (clamped 0), -0.125 (0), 0.125, 0.375, 0.625, 0.875, 1.125 ...
    expect(interpolate([0, 4, 8], 12)).toEqual([0, 0, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8, 8]);
  });

  it('is the identity for equal lengths, a constant for one knot, and averages when shrinking', () => {
    expect(interpolate([3, -1, 2], 3)).toEqual([3, -1, 2]);
    expect(interpolate([2.5], 4)).toEqual([2.5, 2.5, 2.5, 2.5]);
    // 4 -> 2: s = 0.5, 2.5 -> averages of neighbours
    expect(interpolate([0, 2, 4, 6], 2)).toEqual([1, 5]);
  });

  it('has columns that each sum to 1 (a convex combination of knots)', () => {
    const [input, output] = [7, 31];
    const matrix = linearInterpolationMatrix(input, output);
    for (let j = 0; j < output; j++) {
      let sum = 0;
      for (let i = 0; i < input; i++) sum += matrix[i * output + j]!;
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('keeps leading axes and refuses mismatched knots or lengths', () => {
    const matrix = tf.tensor2d(linearInterpolationMatrix(2, 5), [2, 5]);
    expect(tf.tidy(() => interpolateLinear(tf.zeros([3, 4, 2]), matrix).shape)).toEqual([3, 4, 5]);
    expect(() => interpolateLinear(tf.zeros([3, 3]), matrix)).toThrow(
      'interpolation input shape [3,3] must end in 2 knots',
    );
    expect(() => linearInterpolationMatrix(0, 5)).toThrow(
      'interpolation inputLength "0" must be an integer >= 1',
    );
    matrix.dispose();
  });

  it('has gradients that agree with finite differences', () => {
    const knots = tf.variable(
      tf.tensor2d([
        [0.3, -1.2, 0.8],
        [1.1, 0.4, -0.6],
      ]),
    );
    const matrix = tf.tensor2d(linearInterpolationMatrix(3, 7), [3, 7]);
    const weights = tf.tensor2d([Array.from({ length: 7 }, (_, j) => Math.cos(j + 1))]);
    const result = checkGradients(
      () => tf.sum(tf.mul(tf.square(interpolateLinear(knots, matrix)), weights)),
      [knots],
    );
    expect(result.mismatches).toEqual([]);
    tf.dispose([knots, matrix, weights]);
  });
});

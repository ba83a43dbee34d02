import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { fastTanh } from './fast-tanh.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('fastTanh', () => {
  it('equals Math.tanh to float32 precision, saturating at ±1', () => {
    const inputs = [-30, -3, -1, -0.25, -1e-3, 0, 1e-3, 0.5, 1, 2, 30];
    const values = tf.tidy(() => fastTanh(tf.tensor1d(inputs)).dataSync());
    inputs.forEach((x, index) => expect(Math.abs(values[index]! - Math.tanh(x))).toBeLessThan(2e-7));
    expect(values[0]).toBe(-1);
    expect(values[inputs.length - 1]).toBe(1);
  });

  it('has the gradient 1 - tanh² (finite differences)', () => {
    const x = tf.variable(tf.tensor1d([-2, -0.7, 0, 0.3, 1.5]));
    const weights = tf.tensor1d([1, -2, 0.5, 3, -1]);
    const result = checkGradients(() => tf.sum(tf.mul(fastTanh(x), weights)), [x]);
    expect(result.mismatches).toEqual([]);
    const gradient = tf.tidy(() =>
      tf
        .grad((input: tf.Tensor) => tf.sum(fastTanh(input)))(x)
        .dataSync(),
    );
    [-2, -0.7, 0, 0.3, 1.5].forEach((value, index) =>
      expect(gradient[index]).toBeCloseTo(1 - Math.tanh(value) ** 2, 6),
    );
    tf.dispose([x, weights]);
  });
});

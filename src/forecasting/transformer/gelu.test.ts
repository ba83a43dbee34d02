import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalCdf } from '../../stats/normal-distribution.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { gelu } from './gelu.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const inputs = [-6, -3, -1.5, -0.5, 0, 0.3, 1, 2, 4];

describe('gelu', () => {
  it('equals the tanh approximation 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))', () => {
    const values = tf.tidy(() => gelu(tf.tensor1d(inputs)).dataSync());
    inputs.forEach((x, index) => {
      const expected = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
      expect(values[index]).toBeCloseTo(expected, 6);
    });
  });

  it('stays within 5e-4 of the exact GELU x·Φ(x)', () => {
    const values = tf.tidy(() => gelu(tf.tensor1d(inputs)).dataSync());
    inputs.forEach((x, index) => expect(Math.abs(values[index]! - x * normalCdf(x))).toBeLessThan(5e-4));
  });

  it('has the gradient of central finite differences', () => {
    const x = tf.variable(tf.tensor1d(inputs));
    const result = checkGradients(() => tf.sum(tf.mul(gelu(x), tf.range(1, inputs.length + 1))), [x], {
      epsilon: 5e-3,
    });
    expect(result.mismatches).toEqual([]);
    x.dispose();
  });
});

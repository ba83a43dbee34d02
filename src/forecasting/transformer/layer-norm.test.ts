import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { LayerNorm, layerNorm } from './layer-norm.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('layerNorm', () => {
  it('normalises each position over its features, hand-worked', () => {
    // [1, 2, 3, 6]: μ = 3, σ² = (4 + 1 + 0 + 9) / 4 = 3.5; y = (x - 3) / √(3.5 + 1e-5) · γ + β.
    const result = tf.tidy(() =>
      layerNorm(
        tf.tensor2d([[1, 2, 3, 6]]),
        tf.tensor1d([1, 2, 1, 1]),
        tf.tensor1d([0, 0, 0.5, 0]),
      ).dataSync(),
    );
    const scale = 1 / Math.sqrt(3.5 + 1e-5);
    expect(Array.from(result).map((value) => Number(value.toFixed(5)))).toEqual(
      [-2 * scale, -1 * scale * 2, 0.5, 3 * scale].map((value) => Number(value.toFixed(5))),
    );
  });

  it('gives zero mean and unit variance per position with γ = 1, β = 0, whatever the input scale', () => {
    const norm = LayerNorm.create(5);
    const rng = new SeededRng(2);
    const x = tf.tensor3d(
      Array.from({ length: 2 * 3 * 5 }, () => rng.uniform(-100, 300)),
      [2, 3, 5],
    );
    const rows = tf.tidy(() => norm.apply(x).arraySync() as number[][][]).flat();
    for (const row of rows) {
      const mean = row.reduce((sum, value) => sum + value, 0) / row.length;
      const variance = row.reduce((sum, value) => sum + (value - mean) ** 2, 0) / row.length;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(variance).toBeCloseTo(1, 4);
    }
    tf.dispose([x, ...norm.variables]);
  });

  it('has the gradients of central finite differences for the input, γ and β', () => {
    const norm = LayerNorm.create(4);
    const rng = new SeededRng(7);
    tf.tidy(() => {
      norm.gain.assign(tf.tensor1d([0.5, 1.5, -1, 2]));
      norm.shift.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
    });
    const x = tf.variable(
      tf.tensor3d(
        Array.from({ length: 2 * 3 * 4 }, () => rng.uniform(-2, 2)),
        [2, 3, 4],
      ),
    );
    const weights = tf.tensor3d(
      Array.from({ length: 2 * 3 * 4 }, () => rng.uniform(-1, 1)),
      [2, 3, 4],
    );
    const result = checkGradients(() => tf.sum(tf.mul(norm.apply(x), weights)), [x, ...norm.variables], {
      epsilon: 5e-3,
    });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(24 + 4 + 4);
    tf.dispose([x, weights, ...norm.variables]);
  });

  it('refuses an input whose features do not match γ and β, and a bad feature count', () => {
    expect(() => tf.tidy(() => layerNorm(tf.zeros([2, 3]), tf.ones([4]), tf.zeros([4])))).toThrow(
      'layer norm input shape [2,3] must end in 4 features',
    );
    expect(() => LayerNorm.create(0)).toThrow('layer norm features "0" must be an integer >= 1');
  });
});

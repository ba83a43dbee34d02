import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { maxPoolTime, meanPoolTime, pooledLength, poolTime } from './pooling.js';

beforeAll(async () => {
  await initTensorRuntime();
});

/** Brute-force ceil-mode pooling of one row, as PyTorch defines it. */
function referencePool(row: number[], kernel: number, mode: 'max' | 'mean'): number[] {
  const out: number[] = [];
  for (let start = 0; start < row.length; start += kernel) {
    const window = row.slice(start, start + kernel);
    out.push(mode === 'max' ? Math.max(...window) : window.reduce((a, b) => a + b, 0) / window.length);
  }
  return out;
}

describe('pooling along time (ceil mode)', () => {
  it('max-pools hand-worked windows, the last one partial', () => {
    const x = tf.tensor2d([[1, 5, 2, 2, -1, 7, 3]]);
    expect(Array.from(maxPoolTime(x, 2).dataSync())).toEqual([5, 2, 7, 3]);
    expect(Array.from(maxPoolTime(x, 3).dataSync())).toEqual([5, 7, 3]);
    expect(Array.from(meanPoolTime(x, 3).dataSync()).map((v) => +v.toFixed(5))).toEqual([
      2.66667, 2.66667, 3,
    ]);
    expect(Array.from(meanPoolTime(x, 7).dataSync())).toEqual([19 / 7].map(Math.fround));
    expect(maxPoolTime(x, 1)).toBe(x);
    tf.dispose(x);
  });

  it('matches a brute-force reference on random [batch, time, channels] inputs', () => {
    const rng = new SeededRng(9);
    for (const [time, kernel] of [
      [24, 2],
      [25, 4],
      [11, 3],
      [5, 8],
    ] as const) {
      const data = Array.from({ length: 2 * time * 3 }, () => rng.normal());
      const x = tf.tensor3d(data, [2, time, 3]);
      for (const mode of ['max', 'mean'] as const) {
        const pooled = poolTime(x, kernel, mode);
        expect(pooled.shape).toEqual([2, pooledLength(time, kernel), 3]);
        const actual = pooled.arraySync() as number[][][];
        for (let b = 0; b < 2; b++) {
          for (let c = 0; c < 3; c++) {
            const row = Array.from({ length: time }, (_, t) => Math.fround(data[(b * time + t) * 3 + c]!));
            const expected = referencePool(row, kernel, mode);
            expected.forEach((value, w) => expect(actual[b]![w]![c]).toBeCloseTo(value, 5));
          }
        }
        pooled.dispose();
      }
      x.dispose();
    }
  });

  it('refuses a bad kernel or rank with the value quoted', () => {
    const x = tf.zeros([2, 4]);
    expect(() => maxPoolTime(x, 0)).toThrow('pooling kernel "0" must be an integer >= 1');
    expect(() => meanPoolTime(tf.zeros([4]), 2)).toThrow('pooling input shape [4] must be [batch, time]');
    x.dispose();
  });

  it('has gradients that agree with finite differences (max routes to the winner, mean spreads 1/count)', () => {
    // Distinct values 0.1 apart: no window holds two values within ε of each other.
    const values = [0.3, -0.2, 0.5, 0.0, -0.5, 0.1, 0.4, -0.1, -0.4, 0.2, -0.3];
    const x = tf.variable(tf.tensor2d([values]));
    const weights = tf.tensor2d([[1.5, -0.7, 0.9, 1.1]]);
    for (const mode of ['max', 'mean'] as const) {
      const loss = (): tf.Scalar => tf.sum(tf.mul(poolTime(x, 3, mode), weights));
      const result = checkGradients(loss, [x], { epsilon: 1e-2 });
      expect(result.mismatches).toEqual([]);
    }
    // max: exactly one input per window receives the window's weight
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(maxPoolTime(input, 3), weights)))(x);
    expect(Array.from(gradient.dataSync()).map((v) => +v.toFixed(4))).toEqual([
      0, 0, 1.5, 0, 0, -0.7, 0.9, 0, 0, 1.1, 0,
    ]);
    tf.dispose([x, weights, gradient]);
  });
});

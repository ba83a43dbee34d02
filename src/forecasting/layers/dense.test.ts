import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { dense, DenseLayer } from './dense.js';

beforeAll(async () => {
  await initTensorRuntime();
});

/** Plain loops: y[i][o] = Σ_k x[i][k] W[k][o] + b[o]. */
function referenceDense(x: number[][], kernel: number[][], bias: number[]): number[][] {
  return x.map((row) => bias.map((b, o) => row.reduce((sum, value, k) => sum + value * kernel[k]![o]!, b)));
}

describe('dense', () => {
  it('computes x·W + b as a hand loop does', () => {
    const x = [
      [1, -2, 0.5],
      [0, 3, -1],
    ];
    const kernel = [
      [0.1, 0.2],
      [-0.3, 0.4],
      [0.5, -0.6],
    ];
    const bias = [0.05, -0.05];
    const result = tf.tidy(() =>
      dense(tf.tensor2d(x), tf.tensor2d(kernel), tf.tensor1d(bias)).arraySync(),
    ) as number[][];
    const expected = referenceDense(x, kernel, bias);
    result.forEach((row, i) => row.forEach((value, o) => expect(value).toBeCloseTo(expected[i]![o]!, 6)));
    // hand-worked: row 0, unit 0 = 0.1 + 0.6 + 0.25 + 0.05
    expect(result[0]![0]).toBeCloseTo(1.0, 6);
  });

  it('keeps leading axes for rank-3 inputs and omits the bias when asked', () => {
    const layer = DenseLayer.create(new SeededRng(3), 4, 2, { useBias: false });
    expect(layer.variables).toHaveLength(1);
    const shape = tf.tidy(() => layer.apply(tf.ones([2, 5, 4])).shape);
    expect(shape).toEqual([2, 5, 2]);
    tf.dispose(layer.variables);
  });

  it('refuses an input whose last axis does not match the kernel', () => {
    const kernel = tf.zeros<tf.Rank.R2>([3, 2]);
    expect(() => dense(tf.zeros([2, 4]), kernel)).toThrow('dense input shape [2,4] must end in 3 features');
    tf.dispose(kernel);
  });

  it('draws identical weights for a seed and different weights for another seed', () => {
    const a = DenseLayer.create(new SeededRng(7), 6, 5);
    const b = DenseLayer.create(new SeededRng(7), 6, 5);
    const c = DenseLayer.create(new SeededRng(8), 6, 5);
    expect(a.kernel.dataSync()).toEqual(b.kernel.dataSync());
    expect(a.bias!.dataSync()).toEqual(b.bias!.dataSync());
    expect(a.kernel.dataSync()).not.toEqual(c.kernel.dataSync());
    expect([a.inputUnits, a.outputUnits]).toEqual([6, 5]);
    const bound = 1 / Math.sqrt(6);
    for (const value of a.kernel.dataSync()) expect(Math.abs(value)).toBeLessThanOrEqual(bound);
    tf.dispose([...a.variables, ...b.variables, ...c.variables]);
  });

  it('has gradients that agree with finite differences (custom backward with explicit transposes)', () => {
    const rng = new SeededRng(11);
    const first = DenseLayer.create(rng, 5, 7);
    const second = DenseLayer.create(rng, 7, 3);
    const input = tf.tensor2d(Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => rng.normal())));
    const target = tf.tensor2d(
      Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => rng.normal())),
    );
    // tanh keeps the loss smooth, so central differences are accurate everywhere.
    const loss = (): tf.Scalar =>
      tf.mean(tf.square(tf.sub(second.apply(tf.tanh(first.apply(input))), target)));
    const result = checkGradients(loss, [...first.variables, ...second.variables]);
    expect(result.checked).toBe(24 + 7 + 21 + 3);
    expect(result.mismatches).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.maxRelativeError).toBeLessThan(0.03);
    tf.dispose([input, target, ...first.variables, ...second.variables]);
  });
});

describe('checkGradients', () => {
  it('fails on a deliberately wrong gradient', () => {
    const wrongSquare = tf.customGrad((...inputs) => {
      const [x, save] = inputs as [tf.Tensor, tf.GradSaveFunc];
      save([x]);
      // d(x²)/dx is 2x; 2.2x is 10% off, well outside the 3% tolerance.
      return {
        value: tf.square(x),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.mul(2.2, saved[0]!)),
      };
    });
    const weights = tf.variable(tf.tensor1d([0.5, -1.5, 2]));
    const wrong = checkGradients(() => tf.sum(wrongSquare(weights)), [weights]);
    expect(wrong.passed).toBe(false);
    expect(wrong.mismatches).toHaveLength(3);
    expect(wrong.mismatches[0]!.analytic).toBeCloseTo(1.1, 5);
    expect(wrong.mismatches[0]!.numeric).toBeCloseTo(1.0, 2);
    const right = checkGradients(() => tf.sum(tf.square(weights)), [weights]);
    expect(right.passed).toBe(true);
    // the variable is restored after the check
    expect(Array.from(weights.dataSync())).toEqual([0.5, -1.5, 2]);
    weights.dispose();
  });

  it('samples a seeded subset of a large variable and reports zero gradients for unused variables', () => {
    const used = tf.variable(tf.linspace(-1, 1, 100));
    const unused = tf.variable(tf.zeros([3]));
    const result = checkGradients(() => tf.sum(tf.sin(used)), [used, unused], { entriesPerVariable: 10 });
    expect(result.checked).toBe(13);
    expect(result.passed).toBe(true);
    tf.dispose([used, unused]);
  });
});

describe('DenseLayer.fromValues', () => {
  it('holds the given values and refuses sizes that do not fit', () => {
    const layer = DenseLayer.fromValues(
      2,
      3,
      Float32Array.from([1, 2, 3, 4, 5, 6]),
      Float32Array.from([0.5, 0, -0.5]),
    );
    const output = tf.tidy(() => Array.from(layer.apply(tf.tensor2d([[1, -1]])).dataSync()));
    expect(output).toEqual([-2.5, -3, -3.5]);
    expect(() => DenseLayer.fromValues(2, 3, new Float32Array(5), undefined)).toThrow(
      'dense 2x3 values: kernel of 5 and bias of undefined must hold 6 and 3',
    );
    const noBias = DenseLayer.fromValues(1, 1, Float32Array.from([2]), undefined);
    expect(noBias.variables).toHaveLength(1);
    tf.dispose([...layer.variables, ...noBias.variables]);
  });
});

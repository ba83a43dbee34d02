import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { MultiHeadSelfAttention, scaledDotProductAttention } from './multi-head-attention.js';

beforeAll(async () => {
  await initTensorRuntime();
});

type Matrix = number[][];
const multiply = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((sum, value, k) => sum + value * b[k]![j]!, 0)));
const affine = (x: Matrix, w: Matrix, b: number[]): Matrix =>
  multiply(x, w).map((row) => row.map((v, j) => v + b[j]!));
function softmaxRows(m: Matrix): Matrix {
  return m.map((row) => {
    const top = Math.max(...row);
    const exps = row.map((value) => Math.exp(value - top));
    const total = exps.reduce((sum, value) => sum + value, 0);
    return exps.map((value) => value / total);
  });
}

/** Multi-head self-attention of one sequence x [T][d] in plain loops, with the layer's weights. */
function referenceAttention(x: Matrix, weights: Matrix[], biases: number[][], heads: number): Matrix {
  const [wq, wk, wv, wo] = weights as [Matrix, Matrix, Matrix, Matrix];
  const [bq, bk, bv, bo] = biases as [number[], number[], number[], number[]];
  const q = affine(x, wq, bq);
  const k = affine(x, wk, bk);
  const v = affine(x, wv, bv);
  const size = x[0]!.length / heads;
  const merged: Matrix = x.map(() => []);
  for (let head = 0; head < heads; head++) {
    const part = (m: Matrix): Matrix => m.map((row) => row.slice(head * size, (head + 1) * size));
    const scores = multiply(
      part(q),
      part(k)[0]!.map((_, j) => part(k).map((row) => row[j]!)),
    ).map((row) => row.map((value) => value / Math.sqrt(size)));
    const out = multiply(softmaxRows(scores), part(v));
    out.forEach((row, t) => merged[t]!.push(...row));
  }
  return affine(merged, wo, bo);
}

function random(rng: SeededRng, shape: number[]): tf.Tensor {
  return tf.tensor(
    Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => rng.uniform(-1, 1)),
    shape,
  );
}

describe('scaledDotProductAttention', () => {
  it('computes softmax(Q·Kᵀ/√d_k)·V, hand-worked', () => {
    // q = (1, 0); keys (1, 0), (0, 1): scores 1/√2 and 0; values (1, 2), (3, 4).
    const out = tf.tidy(() =>
      scaledDotProductAttention(
        tf.tensor2d([[1, 0]]),
        tf.tensor2d([
          [1, 0],
          [0, 1],
        ]),
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
      ).dataSync(),
    );
    const a = Math.exp(Math.SQRT1_2) / (Math.exp(Math.SQRT1_2) + 1);
    expect(out[0]).toBeCloseTo(a * 1 + (1 - a) * 3, 6);
    expect(out[1]).toBeCloseTo(a * 2 + (1 - a) * 4, 6);
  });
});

describe('MultiHeadSelfAttention', () => {
  it('equals a plain-loop multi-head attention with the same weights', () => {
    const attention = MultiHeadSelfAttention.create(new SeededRng(5), 6, 3);
    const rng = new SeededRng(6);
    // Non-zero biases, so that their placement is checked too.
    tf.tidy(() => attention.variables.forEach((v) => v.rank === 1 && v.assign(random(rng, v.shape))));
    const x = random(rng, [2, 4, 6]);
    const out = tf.tidy(() => attention.apply(x as tf.Tensor3D).arraySync());
    const values = attention.variables.map((variable) => variable.arraySync());
    const weights = values.filter((_, index) => index % 2 === 0) as Matrix[];
    const biases = values.filter((_, index) => index % 2 === 1) as number[][];
    (x.arraySync() as number[][][]).forEach((sequence, b) => {
      const expected = referenceAttention(sequence, weights, biases, 3);
      expected.forEach((row, t) => row.forEach((value, j) => expect(out[b]![t]![j]).toBeCloseTo(value, 5)));
    });
    tf.dispose([x, ...attention.variables]);
  });

  it('has the gradients of central finite differences for its weights and its input', () => {
    const attention = MultiHeadSelfAttention.create(new SeededRng(2), 4, 2);
    const rng = new SeededRng(3);
    const x = tf.variable(random(rng, [2, 3, 4]));
    const weights = random(rng, [2, 3, 4]);
    const result = checkGradients(
      () => tf.sum(tf.mul(attention.apply(x as tf.Tensor3D), weights)),
      [...attention.variables, x],
      { entriesPerVariable: 12 },
    );
    expect(result.mismatches).toEqual([]);
    tf.dispose([x, weights, ...attention.variables]);
  });

  it('draws Glorot-uniform weights and zero biases from the seed; refuses heads that do not divide d_model', () => {
    const a = MultiHeadSelfAttention.create(new SeededRng(4), 8, 2);
    const b = MultiHeadSelfAttention.create(new SeededRng(4), 8, 2);
    a.variables.forEach((variable, index) =>
      expect(variable.dataSync()).toEqual(b.variables[index]!.dataSync()),
    );
    const bound = Math.sqrt(6 / 16);
    expect(Math.max(...a.variables[0]!.dataSync())).toBeLessThanOrEqual(bound);
    expect(Array.from(a.variables[1]!.dataSync())).toEqual(new Array(8).fill(0));
    expect(() => MultiHeadSelfAttention.create(new SeededRng(1), 6, 4)).toThrow(
      'multi-head attention heads "4" must be an integer >= 1 dividing modelSize "6"',
    );
    expect(() => tf.tidy(() => a.apply(tf.zeros<tf.Rank.R3>([1, 2, 6])))).toThrow(
      'multi-head attention input shape [1,2,6] must end in 8 features',
    );
    tf.dispose([...a.variables, ...b.variables]);
  });
});

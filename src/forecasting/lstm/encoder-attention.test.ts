import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { AdditiveAttention, dotAttention } from './encoder-attention.js';

beforeAll(async () => {
  await initTensorRuntime();
});

/** Softmax-weighted sum of `states` [T][H] with scores e [T]. */
function weighted(states: number[][], scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return states[0]!.map((_, k) => states.reduce((sum, state, t) => sum + (exps[t]! / total) * state[k]!, 0));
}

function randomTensor(rng: SeededRng, shape: number[]): tf.Tensor {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  return tf.tensor(
    Array.from({ length: size }, () => rng.uniform(-1, 1)),
    shape,
  );
}

describe('dotAttention', () => {
  it('weights the states by softmax(h_t · q / √H), hand-worked', () => {
    // H = 2, T = 2: states (1, 0) and (0, 1), query (2, 0): scores 2/√2 = √2 and 0.
    const context = tf.tidy(() =>
      dotAttention(
        tf.tensor3d([
          [
            [1, 0],
            [0, 1],
          ],
        ]),
        tf.tensor2d([[2, 0]]),
      ).arraySync(),
    );
    const a = Math.exp(Math.SQRT2) / (Math.exp(Math.SQRT2) + 1);
    expect(context[0]![0]).toBeCloseTo(a, 6);
    expect(context[0]![1]).toBeCloseTo(1 - a, 6);
  });

  it('has the gradients of central finite differences for states and query', () => {
    const rng = new SeededRng(4);
    const states = tf.variable(randomTensor(rng, [2, 5, 3]));
    const query = tf.variable(randomTensor(rng, [2, 3]));
    const weights = randomTensor(rng, [2, 3]);
    const result = checkGradients(
      () => tf.sum(tf.mul(dotAttention(states as tf.Tensor3D, query as tf.Tensor2D), weights)),
      [states, query],
    );
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(24 + 6);
    tf.dispose([states, query, weights]);
  });
});

describe('AdditiveAttention', () => {
  it('scores vᵀ tanh(h_t·W_a + q·U_a + b_a) as plain loops do', () => {
    const attention = AdditiveAttention.create(new SeededRng(8), 3, 4);
    const rng = new SeededRng(9);
    const states = randomTensor(rng, [2, 4, 3]);
    const query = randomTensor(rng, [2, 3]);
    const context = tf.tidy(() => attention.apply(states as tf.Tensor3D, query as tf.Tensor2D).arraySync());
    const [wa, ua, ba, v] = attention.variables.map((variable) => variable.arraySync()) as [
      number[][],
      number[][],
      number[],
      number[][],
    ];
    const stateValues = states.arraySync() as number[][][];
    const queryValues = query.arraySync() as number[][];
    stateValues.forEach((rows, b) => {
      const scores = rows.map((state) =>
        ba.reduce((sum, bias, j) => {
          let energy = bias;
          state.forEach((value, k) => (energy += value * wa[k]![j]!));
          queryValues[b]!.forEach((value, k) => (energy += value * ua[k]![j]!));
          return sum + v[j]![0]! * Math.tanh(energy);
        }, 0),
      );
      weighted(rows, scores).forEach((value, k) => expect(context[b]![k]).toBeCloseTo(value, 5));
    });
    tf.dispose([states, query, ...attention.variables]);
  });

  it('has the gradients of central finite differences for its parameters and inputs', () => {
    const attention = AdditiveAttention.create(new SeededRng(3), 3, 5);
    const rng = new SeededRng(6);
    const states = tf.variable(randomTensor(rng, [2, 4, 3]));
    const query = tf.variable(randomTensor(rng, [2, 3]));
    const weights = randomTensor(rng, [2, 3]);
    const result = checkGradients(
      () => tf.sum(tf.mul(attention.apply(states as tf.Tensor3D, query as tf.Tensor2D), weights)),
      [...attention.variables, states, query],
    );
    expect(result.mismatches).toEqual([]);
    tf.dispose([states, query, weights, ...attention.variables]);
  });

  it('draws its weights from the seed and refuses mismatched or invalid sizes', () => {
    const a = AdditiveAttention.create(new SeededRng(1), 2, 3);
    const b = AdditiveAttention.create(new SeededRng(1), 2, 3);
    a.variables.forEach((variable, index) =>
      expect(variable.dataSync()).toEqual(b.variables[index]!.dataSync()),
    );
    expect(a.variables.map((variable) => variable.shape)).toEqual([[2, 3], [2, 3], [3], [3, 1]]);
    expect(() =>
      tf.tidy(() => a.apply(tf.zeros<tf.Rank.R3>([1, 4, 3]), tf.zeros<tf.Rank.R2>([1, 3]))),
    ).toThrow('additive attention states [1,4,3] and query [1,3] must have 2 features');
    expect(() => AdditiveAttention.create(new SeededRng(1), 2, 0)).toThrow(
      'additive attention attentionSize "0" must be an integer >= 1',
    );
    tf.dispose([...a.variables, ...b.variables]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { createLstmNetwork } from './lstm-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const created: NeuralNetwork[] = [];
function build(shape: NeuralNetworkShape, hyperparameters: unknown, seed = 1): NeuralNetwork {
  const network = createLstmNetwork(shape, hyperparameters, seed);
  created.push(network);
  return network;
}
afterEach(() => {
  for (const network of created.splice(0)) tf.dispose([...network.variables]);
});

const small: NeuralNetworkShape = { inputSize: 6, horizon: 3, channels: 2, quantiles: [0.1, 0.5, 0.9] };

function input(rng: SeededRng, batch: number, shape: NeuralNetworkShape): tf.Tensor3D {
  const size = batch * shape.inputSize * shape.channels;
  return tf.tensor3d(
    Array.from({ length: size }, () => rng.uniform(-1, 1)),
    [batch, shape.inputSize, shape.channels],
  );
}

describe('createLstmNetwork', () => {
  it('maps [batch, T, channels] to [batch, horizon, quantiles] with and without attention', () => {
    for (const attention of ['none', 'additive', 'dot'] as const) {
      const network = build(small, { layers: 2, hiddenSize: 5, attention });
      const output = tf.tidy(() => {
        const result = network.forward(input(new SeededRng(2), 4, small));
        return { shape: result.shape, finite: result.dataSync().every(Number.isFinite) };
      });
      expect(output).toEqual({ shape: [4, 3, 3], finite: true });
      expect(network.kind).toBe('lstm');
    }
  });

  it('stores resolved hyperparameters and lays out its variables in a fixed order', () => {
    const plain = build(small, {});
    expect(plain.hyperparameters).toEqual({
      layers: 2,
      hiddenSize: 128,
      attention: 'none',
      attentionSize: 128,
    });
    const additive = build(small, { layers: 2, hiddenSize: 5, attention: 'additive', attentionSize: 7 });
    expect(additive.variables.map((variable) => variable.shape)).toEqual([
      [2, 20], // layer 1: W [channels, 4H]
      [5, 20], // U
      [20], // b
      [5, 20],
      [5, 20],
      [20],
      [5, 7], // W_a
      [5, 7], // U_a
      [7], // b_a
      [7, 1], // v
      [10, 9], // head: [h_T ; context] → horizon · Q
      [9],
    ]);
    // Forget-gate bias starts at 1, the other gates' at 0.
    const bias = Array.from(additive.variables[2]!.dataSync());
    expect(bias).toEqual([
      ...new Array<number>(5).fill(0),
      ...new Array<number>(5).fill(1),
      ...new Array<number>(10).fill(0),
    ]);
    // The stored hyperparameters rebuild the same architecture (registry load).
    const rebuilt = build(small, additive.hyperparameters, 99);
    expect(rebuilt.variables.map((variable) => variable.shape)).toEqual(
      additive.variables.map((variable) => variable.shape),
    );
    const dot = build(small, { hiddenSize: 4, layers: 1, attention: 'dot' });
    expect(dot.variables.map((variable) => variable.shape)).toEqual([[2, 16], [4, 16], [16], [8, 9], [9]]);
  });

  it('is deterministic for a seed: same weights and forecasts; another seed differs', () => {
    const hyperparameters = { layers: 2, hiddenSize: 6, attention: 'additive' };
    const first = build(small, hyperparameters, 42);
    const second = build(small, hyperparameters, 42);
    const other = build(small, hyperparameters, 43);
    first.variables.forEach((variable, index) =>
      expect(variable.dataSync()).toEqual(second.variables[index]!.dataSync()),
    );
    const forecast = (network: NeuralNetwork): Float32Array =>
      tf.tidy(() => network.forward(input(new SeededRng(5), 3, small)).dataSync() as Float32Array);
    expect(forecast(first)).toEqual(forecast(second));
    expect(forecast(first)).not.toEqual(forecast(other));
  });

  it('has the gradients of central finite differences for every variable (each attention kind)', () => {
    const shape: NeuralNetworkShape = { inputSize: 4, horizon: 2, channels: 2, quantiles: [0.2, 0.8] };
    for (const attention of ['none', 'additive', 'dot'] as const) {
      const network = build(shape, { layers: 2, hiddenSize: 3, attention, attentionSize: 3 }, 7);
      const x = input(new SeededRng(8), 3, shape);
      const weights = input(new SeededRng(9), 3, { ...shape, inputSize: 2 }); // [3, horizon 2, Q 2]
      const result = checkGradients(() => tf.sum(tf.mul(network.forward(x), weights)), network.variables, {
        entriesPerVariable: 12,
      });
      expect({ attention, mismatches: result.mismatches }).toEqual({ attention, mismatches: [] });
      tf.dispose([x, weights]);
    }
  });

  it('leaves no tensor behind after forecasting or a gradient step', () => {
    const network = build(small, { layers: 2, hiddenSize: 4, attention: 'additive' });
    const x = input(new SeededRng(1), 2, small);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      network.forward(x);
    });
    tf.tidy(() => {
      tf.variableGrads(() => tf.sum(network.forward(x)), [...network.variables]);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('refuses a wrong input shape, bad hyperparameters and a bad shape or seed, naming the field', () => {
    const network = build(small, { hiddenSize: 3, layers: 1 });
    expect(() => tf.tidy(() => network.forward(tf.zeros<tf.Rank.R3>([1, 5, 2])))).toThrow(
      'lstm input shape [1,5,2] must be [batch, 6, 2]',
    );
    expect(() => createLstmNetwork(small, { hiddenSize: 0 }, 1)).toThrow(
      'lstm hyperparameter hiddenSize "0"',
    );
    expect(() => createLstmNetwork(small, { attention: 'luong' }, 1)).toThrow(
      'lstm hyperparameter attention "luong"',
    );
    expect(() => createLstmNetwork(small, { layers: 2.5 }, 1)).toThrow('lstm hyperparameter layers "2.5"');
    expect(() => createLstmNetwork(small, { hidden: 3 }, 1)).toThrow('lstm hyperparameters');
    expect(() => createLstmNetwork({ ...small, horizon: 721 }, {}, 1)).toThrow(
      'lstm shape horizon "721" must be an integer in [1, 720]',
    );
    expect(() => createLstmNetwork(small, {}, 1.5)).toThrow('lstm seed "1.5" must be an integer');
  });
});

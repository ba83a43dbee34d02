import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { createTransformerNetwork } from './transformer-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const created: NeuralNetwork[] = [];
function build(shape: NeuralNetworkShape, hyperparameters: unknown, seed = 1): NeuralNetwork {
  const network = createTransformerNetwork(shape, hyperparameters, seed);
  created.push(network);
  return network;
}
afterEach(() => {
  for (const network of created.splice(0)) tf.dispose([...network.variables]);
});

const small: NeuralNetworkShape = { inputSize: 5, horizon: 3, channels: 2, quantiles: [0.1, 0.5, 0.9] };
const tiny = { modelSize: 4, heads: 2, layers: 2, feedForwardSize: 6 };

function random(rng: SeededRng, shape: number[]): tf.Tensor3D {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  return tf.tensor3d(
    Array.from({ length: size }, () => rng.uniform(-1, 1)),
    shape as [number, number, number],
  );
}

describe('createTransformerNetwork', () => {
  it('maps [batch, T, channels] to [batch, horizon, quantiles] with either pooling and activation', () => {
    for (const pooling of ['flatten', 'mean'] as const) {
      for (const activation of ['gelu', 'relu'] as const) {
        const network = build(small, { ...tiny, pooling, activation });
        const output = tf.tidy(() => {
          const result = network.forward(random(new SeededRng(2), [4, 5, 2]));
          return { shape: result.shape, finite: result.dataSync().every(Number.isFinite) };
        });
        expect(output).toEqual({ shape: [4, 3, 3], finite: true });
        expect(network.kind).toBe('transformer');
      }
    }
  });

  it('stores resolved hyperparameters and lays out its variables in a fixed order', () => {
    expect(build(small, {}).hyperparameters).toEqual({
      modelSize: 64,
      heads: 4,
      layers: 2,
      feedForwardSize: 128,
      activation: 'gelu',
      pooling: 'flatten',
    });
    const layer = [
      [4],
      [4],
      [4, 4],
      [4],
      [4, 4],
      [4],
      [4, 4],
      [4],
      [4, 4],
      [4],
      [4],
      [4],
      [4, 6],
      [6],
      [6, 4],
      [4],
    ];
    const shapes = build(small, { ...tiny, layers: 1 }).variables.map((variable) => variable.shape);
    expect(shapes).toEqual([[2, 4], [4], ...layer, [4], [4], [20, 9], [9]]);
    const pooled = build(small, { ...tiny, layers: 1, pooling: 'mean' }).variables.map(
      (variable) => variable.shape,
    );
    expect(pooled.slice(-2)).toEqual([[4, 9], [9]]);
    // The stored hyperparameters rebuild the same architecture (registry load).
    const original = build(small, { ...tiny, activation: 'relu', pooling: 'mean' });
    const rebuilt = build(small, original.hyperparameters, 99);
    expect(rebuilt.hyperparameters).toEqual(original.hyperparameters);
    expect(rebuilt.variables.map((variable) => variable.shape)).toEqual(
      original.variables.map((variable) => variable.shape),
    );
  });

  it('is deterministic for a seed: same weights and forecasts; another seed differs', () => {
    const first = build(small, tiny, 42);
    const second = build(small, tiny, 42);
    const other = build(small, tiny, 43);
    first.variables.forEach((variable, index) =>
      expect(variable.dataSync()).toEqual(second.variables[index]!.dataSync()),
    );
    const forecast = (network: NeuralNetwork): Float32Array =>
      tf.tidy(() => network.forward(random(new SeededRng(5), [3, 5, 2])).dataSync() as Float32Array);
    expect(forecast(first)).toEqual(forecast(second));
    expect(forecast(first)).not.toEqual(forecast(other));
  });

  it('adds the sinusoidal positional encoding: permuting the window changes the forecast', () => {
    const network = build(small, { ...tiny, pooling: 'mean' });
    const window = random(new SeededRng(6), [1, 5, 2]);
    const reversed = tf.reverse(window, 1);
    const [a, b] = tf.tidy(() => [network.forward(window).dataSync(), network.forward(reversed).dataSync()]);
    expect(
      Math.max(...Array.from(a ?? [], (value, index) => Math.abs(value - (b?.[index] ?? Number.NaN)))),
    ).toBeGreaterThan(1e-3);
    tf.dispose([window, reversed]);
  });

  it('has the gradients of central finite differences for every variable', () => {
    for (const pooling of ['flatten', 'mean'] as const) {
      const network = build(small, { ...tiny, pooling }, 7);
      const x = random(new SeededRng(8), [2, 5, 2]);
      const weights = random(new SeededRng(9), [2, 3, 3]);
      const result = checkGradients(() => tf.sum(tf.mul(network.forward(x), weights)), network.variables, {
        epsilon: 5e-3,
        entriesPerVariable: 8,
      });
      expect({ pooling, mismatches: result.mismatches }).toEqual({ pooling, mismatches: [] });
      tf.dispose([x, weights]);
    }
  });

  it('leaves no tensor behind after forecasting or a gradient step', () => {
    const network = build(small, tiny);
    const x = random(new SeededRng(1), [2, 5, 2]);
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
    const network = build(small, tiny);
    expect(() => tf.tidy(() => network.forward(tf.zeros<tf.Rank.R3>([1, 5, 3])))).toThrow(
      'transformer input shape [1,5,3] must be [batch, 5, 2]',
    );
    expect(() => createTransformerNetwork(small, { modelSize: 6, heads: 4 }, 1)).toThrow(
      'transformer hyperparameter heads "4": must divide modelSize "6"',
    );
    expect(() => createTransformerNetwork(small, { pooling: 'max' }, 1)).toThrow(
      'transformer hyperparameter pooling "max"',
    );
    expect(() => createTransformerNetwork(small, { dropout: 0.1 }, 1)).toThrow('transformer hyperparameters');
    expect(() => createTransformerNetwork({ ...small, quantiles: [0.9, 0.1] }, {}, 1)).toThrow(
      'transformer shape quantiles [0.9,0.1]',
    );
    expect(() => createTransformerNetwork(small, {}, Number.NaN)).toThrow(
      'transformer seed "NaN" must be an integer',
    );
  });
});

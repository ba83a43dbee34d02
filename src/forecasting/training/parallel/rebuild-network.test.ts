import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLstmNetwork } from '../../lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../../neural-network.types.js';
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { createTransformerNetwork } from '../../transformer/transformer-network.js';
import { serializeWeights } from '../network-weights.js';
import { rebuildNetwork, type NetworkBlueprint } from './rebuild-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const shape: NeuralNetworkShape = { inputSize: 8, horizon: 3, channels: 2, quantiles: [0.1, 0.5, 0.9] };

function blueprintOf(network: NeuralNetwork): NetworkBlueprint {
  return {
    kind: network.kind,
    shape: network.shape,
    hyperparameters: network.hyperparameters,
    weights: serializeWeights(network.variables),
  };
}

function forecast(network: NeuralNetwork, input: tf.Tensor3D): Float32Array {
  const output = tf.tidy(() => network.forward(input));
  const values = output.dataSync() as Float32Array;
  output.dispose();
  return values;
}

function dispose(network: NeuralNetwork): void {
  if (network.dispose !== undefined) network.dispose();
  else tf.dispose([...network.variables]);
}

describe('rebuildNetwork', () => {
  const builders = {
    nhits: () => createNhitsNetwork(shape, { mlpUnits: [[16, 16]], dropout: 0.1 }, 5),
    lstm: () => createLstmNetwork(shape, { layers: 1, hiddenSize: 6, attention: 'additive' }, 5),
    transformer: () => createTransformerNetwork(shape, { modelSize: 8, heads: 2, layers: 1 }, 5),
  };

  for (const [kind, build] of Object.entries(builders)) {
    it(`rebuilds ${kind} with the same weights and the same forecasts`, () => {
      const original = build();
      const rebuilt = rebuildNetwork(blueprintOf(original), 11);
      expect(rebuilt.kind).toBe(kind);
      expect(serializeWeights(rebuilt.variables)).toEqual(serializeWeights(original.variables));
      const input = tf.randomNormal<tf.Rank.R3>([4, 8, 2], 0, 1, 'float32', 3);
      expect(forecast(rebuilt, input)).toEqual(forecast(original, input));
      input.dispose();
      dispose(original);
      dispose(rebuilt);
    });
  }

  it('refuses weights that do not fit the hyperparameters, naming the first difference, and frees the build', () => {
    const lstm = builders.lstm();
    const lying: NetworkBlueprint = {
      ...blueprintOf(lstm),
      hyperparameters: { layers: 1, hiddenSize: 7, attention: 'additive' },
    };
    const tensors = tf.memory().numTensors;
    expect(() => rebuildNetwork(lying, 1)).toThrow(
      'weights variable 0 has shape [2,24], the network expects [2,28]',
    );
    expect(tf.memory().numTensors).toBe(tensors);
    const nhits = builders.nhits();
    expect(() =>
      rebuildNetwork({ ...blueprintOf(nhits), hyperparameters: { mlpUnits: [[8, 8]] } }, 1),
    ).toThrow('weights variable 0 has shape');
    dispose(lstm);
    dispose(nhits);
  });
});

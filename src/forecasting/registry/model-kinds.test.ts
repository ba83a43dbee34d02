import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { serializeWeights } from '../training/network-weights.js';
import {
  createNetwork,
  disposeNetwork,
  isNeuralModelKind,
  requireNeuralModelKind,
  restoreNetwork,
  type NeuralModelKind,
} from './model-kinds.js';

const shape = { inputSize: 8, horizon: 2, channels: 1, quantiles: [0.1, 0.5, 0.9] };
const TINY: Record<NeuralModelKind, Record<string, unknown>> = {
  nhits: { mlpUnits: [[4, 4]], blocksPerStack: [1], poolingKernelSizes: [1], frequencyDownsample: [1] },
  lstm: { layers: 1, hiddenSize: 3 },
  transformer: { modelSize: 4, heads: 1, layers: 1, feedForwardSize: 4 },
};

beforeAll(async () => {
  await initTensorRuntime();
});

describe('model kinds', () => {
  it('recognises the three architectures and refuses any other name', () => {
    expect(['nhits', 'lstm', 'transformer', 'arima', 3].map(isNeuralModelKind)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(requireNeuralModelKind('lstm')).toBe('lstm');
    expect(() => requireNeuralModelKind('arima')).toThrow(
      /model kind "arima" must be one of nhits, lstm, transformer/,
    );
    expect(() => createNetwork('arima' as NeuralModelKind, shape, {}, 1)).toThrow(/model kind "arima"/);
  });

  it.each(['nhits', 'lstm', 'transformer'] as const)(
    'restores a %s from its weights to the same values, and frees a network whose weights do not fit',
    (kind) => {
      const network = createNetwork(kind, shape, TINY[kind], 5);
      const weights = serializeWeights(network.variables);
      const restored = restoreNetwork(kind, shape, network.hyperparameters, weights);
      restored.variables.forEach((variable, index) =>
        expect(Array.from(variable.dataSync())).toEqual(Array.from(network.variables[index]!.dataSync())),
      );
      disposeNetwork(restored);
      const before = tf.memory().numTensors;
      expect(() => restoreNetwork(kind, { ...shape, horizon: 3 }, network.hyperparameters, weights)).toThrow(
        /weights variable \d+ has shape/,
      );
      expect(tf.memory().numTensors).toBe(before);
      disposeNetwork(network);
    },
  );
});

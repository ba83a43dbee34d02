import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { createLstmNetwork } from './lstm-network.js';
import { learnSine } from './sine-learning.fixture.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('LSTM forecaster learning', () => {
  it('learns a noiseless sine: the loss falls well below its start and the median beats the naive forecast', async () => {
    const network = createLstmNetwork(
      { inputSize: 24, horizon: 6, channels: 1, quantiles: [0.1, 0.5, 0.9] },
      { layers: 1, hiddenSize: 16, attention: 'additive' },
      3,
    );
    const result = await learnSine(network, { maxSteps: 120, batchSize: 32, learningRate: 1e-2, seed: 5 });
    tf.dispose([...network.variables]);
    // Measured: loss 0.39 → 0.011, median MAE 0.014 against the naive forecast's 0.93.
    expect(result.lastLoss).toBeLessThan(result.firstLoss / 10);
    expect(result.naiveError).toBeGreaterThan(0.85);
    expect(result.modelError).toBeLessThan(result.naiveError / 10);
  });
});

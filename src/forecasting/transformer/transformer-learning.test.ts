import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { learnSine } from '../lstm/sine-learning.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { createTransformerNetwork } from './transformer-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('Transformer forecaster learning', () => {
  it('learns a noiseless sine: the loss falls well below its start and the median beats the naive forecast', async () => {
    const network = createTransformerNetwork(
      { inputSize: 24, horizon: 6, channels: 1, quantiles: [0.1, 0.5, 0.9] },
      { modelSize: 16, heads: 2, layers: 1, feedForwardSize: 32 },
      3,
    );
    const result = await learnSine(network, { maxSteps: 120, batchSize: 32, learningRate: 3e-3, seed: 5 });
    tf.dispose([...network.variables]);
    // Measured: loss 0.20 → 0.005, median MAE 0.007 against the naive forecast's 0.93.
    expect(result.lastLoss).toBeLessThan(result.firstLoss / 10);
    expect(result.naiveError).toBeGreaterThan(0.85);
    expect(result.modelError).toBeLessThan(result.naiveError / 10);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { forecastKnots } from './nhits-hyperparameters.js';
import { createNhitsNetwork } from './nhits-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const small = {
  mlpUnits: [
    [16, 12],
    [12, 10],
  ],
  poolingKernelSizes: [3, 2, 1],
  frequencyDownsample: [4, 3, 1],
};

describe('NHITS shapes and hyperparameters', () => {
  it('sizes forecast knots as ceil(h / r), at least 1', () => {
    expect([forecastKnots(12, 4), forecastKnots(7, 2), forecastKnots(1, 4), forecastKnots(720, 1)]).toEqual([
      3, 4, 1, 720,
    ]);
  });

  it('supports horizons from 1 to 720', () => {
    for (const horizon of [1, 720]) {
      const network = createNhitsNetwork({ inputSize: 16, horizon, channels: 1, quantiles: [0.5] }, small, 1);
      expect(tf.tidy(() => network.infer(tf.zeros<tf.Rank.R3>([1, 16, 1])).shape)).toEqual([1, horizon, 1]);
      expect(network.blocks.map((block) => block.config.knots)).toEqual(
        horizon === 1 ? [1, 1, 1] : [180, 240, 720],
      );
      network.dispose();
    }
  });

  it('refuses inputs of the wrong shape and bad shapes or hyperparameters, naming the field', () => {
    const shape: NeuralNetworkShape = { inputSize: 8, horizon: 4, channels: 1, quantiles: [0.5] };
    const network = createNhitsNetwork(shape, small, 1);
    expect(() => network.forward(tf.zeros<tf.Rank.R3>([1, 7, 1]))).toThrow(
      'nhits input shape [1,7,1] must be [batch, 8, 1]',
    );
    network.dispose();
    expect(() => createNhitsNetwork({ ...shape, horizon: 721 }, small, 1)).toThrow(
      'nhits shape horizon "721" must be an integer in [1, 720]',
    );
    expect(() => createNhitsNetwork({ ...shape, quantiles: [0.5, 0.4] }, small, 1)).toThrow(
      'level "0.4" must be in (0, 1) and above the previous one',
    );
    expect(() => createNhitsNetwork({ ...shape, quantiles: [] }, small, 1)).toThrow('must not be empty');
    expect(() => createNhitsNetwork(shape, { mlpUnits: [[0, 4]] }, 1)).toThrow(
      'nhits hyperparameter mlpUnits.0.0 "0"',
    );
    expect(() => createNhitsNetwork(shape, { poolingKernelSizes: [2, 2] }, 1)).toThrow(
      'nhits hyperparameter poolingKernelSizes [2,2] must have one entry per stack (3, as blocksPerStack)',
    );
    expect(() =>
      createNhitsNetwork(
        shape,
        {
          mlpUnits: [
            [8, 8],
            [4, 8],
          ],
        },
        1,
      ),
    ).toThrow('nhits hyperparameter mlpUnits.1 [4,8] must take 8 inputs');
    expect(() => createNhitsNetwork(shape, { layers: 3 }, 1)).toThrow('nhits hyperparameters {"layers":3}');
  });
});

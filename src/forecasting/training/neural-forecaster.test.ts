import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { createNhitsNetwork } from '../nhits/nhits-network.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { NeuralForecaster, neuralForecasterFactory } from './neural-forecaster.js';
import { fitScaler } from './scalers.js';
import { trainNetwork } from './train-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const small = {
  mlpUnits: [
    [32, 32],
    [32, 32],
  ],
};
const quantiles = [0.1, 0.5, 0.9];

function noisySine(n: number, sigma: number, seed: number): Float64Array {
  const rng = new SeededRng(seed);
  return Float64Array.from(
    { length: n },
    (_, i) => 5 + 2 * Math.sin((2 * Math.PI * i) / 16) + sigma * rng.normal(),
  );
}

describe('NeuralForecaster', () => {
  it('forecasts horizon × quantiles values, never crossing, the same alone or in a batch', () => {
    const shape: NeuralNetworkShape = {
      inputSize: 16,
      horizon: 6,
      channels: 1,
      quantiles: [0.05, 0.5, 0.95],
    };
    const network = createNhitsNetwork(shape, small, 4);
    const series = noisySine(100, 0.3, 1);
    const forecaster = new NeuralForecaster(network, fitScaler('standard', [series]), 'nhits-small');
    expect([forecaster.name, forecaster.horizon, forecaster.inputSize]).toEqual(['nhits-small', 6, 16]);
    const single = forecaster.predict({ target: series });
    expect(single.values).toHaveLength(18);
    expect(single.quantiles).toEqual(shape.quantiles);
    for (let step = 0; step < 6; step++) {
      const levels = Array.from(single.values.subarray(step * 3, step * 3 + 3));
      expect(levels).toEqual([...levels].sort((a, b) => a - b));
    }
    const batch = forecaster.predictBatch([{ target: series.subarray(0, 50) }, { target: series }]);
    expect(Array.from(batch[1]!.values)).toEqual(Array.from(single.values));
    expect(Array.from(batch[0]!.values)).toEqual(
      Array.from(forecaster.predict({ target: series.subarray(0, 50) }).values),
    );
    forecaster.dispose();
  });

  it('reads nothing at or after an origin, and leaks no tensors across forecasts', () => {
    const network = createNhitsNetwork({ inputSize: 12, horizon: 4, channels: 2, quantiles }, small, 2);
    const target = noisySine(60, 0.2, 2);
    const exogenous = noisySine(60, 0.2, 3);
    const forecaster = new NeuralForecaster(network, fitScaler('revin', [target, exogenous]));
    const before = forecaster.predictAt({ target, exogenous: [exogenous] }, [20, 40]);
    const changedTarget = target.slice();
    const changedExogenous = exogenous.slice();
    for (let i = 40; i < 60; i++) changedTarget[i] = changedExogenous[i] = 1e6;
    const after = forecaster.predictAt({ target: changedTarget, exogenous: [changedExogenous] }, [20, 40]);
    expect(after).toEqual(before);
    forecaster.predict({ target, exogenous: [exogenous] }); // the first forecast builds the inference cache
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) forecaster.predict({ target, exogenous: [exogenous] });
    forecaster.predictBatch([
      { target, exogenous: [exogenous] },
      { target, exogenous: [exogenous] },
    ]);
    expect(tf.memory().numTensors).toBe(tensors);
    forecaster.dispose();
  });

  it('refuses histories it cannot read, naming what is wrong', () => {
    const network = createNhitsNetwork({ inputSize: 12, horizon: 4, channels: 2, quantiles }, small, 2);
    const forecaster = new NeuralForecaster(
      network,
      fitScaler('identity', [new Float64Array(1), new Float64Array(1)]),
    );
    const target = noisySine(30, 0.1, 1);
    expect(() => forecaster.predict({ target })).toThrow(
      'nhits was trained with 1 exogenous features, the history has 0',
    );
    expect(() =>
      forecaster.predict({ target: target.subarray(0, 5), exogenous: [target.subarray(0, 5)] }),
    ).toThrow('nhits needs a history of at least 12 values, got "5"');
    expect(() => forecaster.predictAt({ target, exogenous: [target] }, [11])).toThrow(
      'origin "11" must be an integer in [12, 30]',
    );
    forecaster.dispose();
  });

  it('gives intervals whose coverage on unseen noisy data is close to nominal (80%)', async () => {
    const series = noisySine(1400, 0.5, 9);
    const factory = neuralForecasterFactory({
      name: 'nhits',
      inputSize: 32,
      horizon: 8,
      quantiles,
      createNetwork: (shape) => createNhitsNetwork(shape, small, 5),
      training: { maxSteps: 300, batchSize: 64, scaler: 'standard' },
    });
    const forecaster = (await factory.fit({ target: series.subarray(0, 1000) })) as NeuralForecaster;
    expect(forecaster.training?.steps).toBe(300);
    const origins = Array.from({ length: 390 }, (_, i) => 1000 + i);
    let inside = 0;
    let total = 0;
    forecaster.predictAt({ target: series }, origins).forEach((forecast, index) => {
      for (let step = 0; step < 8; step++) {
        const actual = series[origins[index]! + step]!;
        if (actual >= forecast.values[step * 3]! && actual <= forecast.values[step * 3 + 2]!) inside++;
        total++;
      }
    });
    expect(inside / total).toBeGreaterThan(0.7);
    expect(inside / total).toBeLessThan(0.9);
    forecaster.dispose();
  });

  it('fits with exogenous features through the factory', async () => {
    const target = noisySine(300, 0.1, 4);
    const exogenous = noisySine(300, 0.1, 5);
    const factory = neuralForecasterFactory({
      name: 'nhits-exog',
      inputSize: 16,
      horizon: 4,
      createNetwork: (shape) => createNhitsNetwork(shape, { mlpUnits: [[8, 8]] }, 1),
      training: { maxSteps: 5, batchSize: 8 },
    });
    const forecaster = (await factory.fit({ target, exogenous: [exogenous] })) as NeuralForecaster;
    expect(forecaster.network.shape.channels).toBe(2);
    expect(forecaster.quantiles).toHaveLength(7);
    expect(forecaster.predict({ target, exogenous: [exogenous] }).values).toHaveLength(28);
    forecaster.dispose();
    // a network without its own dispose has its variables freed
    const network = createNhitsNetwork(
      { inputSize: 8, horizon: 2, channels: 1, quantiles: [0.5] },
      { mlpUnits: [[4, 4]] },
      1,
    );
    const result = await trainNetwork(
      network,
      { target: noisySine(60, 0.1, 1) },
      { maxSteps: 1, batchSize: 2 },
    );
    const plain = new NeuralForecaster(
      {
        kind: 'nhits',
        shape: network.shape,
        hyperparameters: {},
        variables: network.variables,
        forward: (x) => network.forward(x),
      },
      result.scaler,
    );
    plain.dispose();
    expect(network.variables.every((variable) => variable.isDisposed)).toBe(true);
  });
});

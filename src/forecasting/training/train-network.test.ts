import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNhitsNetwork } from '../nhits/nhits-network.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { NeuralForecaster } from './neural-forecaster.js';
import { serializeWeights } from './network-weights.js';
import { trainNetwork, type TrainingProgress } from './train-network.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const small = {
  mlpUnits: [
    [32, 32],
    [32, 32],
  ],
};
const shape: NeuralNetworkShape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };
const sine = (n: number, period = 20): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / period));

/** Mean absolute error of the median forecasts from each origin against the series. */
function medianError(forecaster: NeuralForecaster, series: Float64Array, origins: number[]): number {
  let sum = 0;
  forecaster.predictAt({ target: series }, origins).forEach((forecast, index) => {
    for (let step = 0; step < forecast.horizon; step++) {
      sum += Math.abs(forecast.values[step * 3 + 1]! - series[origins[index]! + step]!);
    }
  });
  return sum / (origins.length * 12);
}

function naiveError(series: Float64Array, origins: number[]): number {
  let sum = 0;
  for (const origin of origins)
    for (let step = 0; step < 12; step++) sum += Math.abs(series[origin - 1]! - series[origin + step]!);
  return sum / (origins.length * 12);
}

describe('trainNetwork', () => {
  it('learns a noiseless sine and beats the naive forecast clearly on data it never saw', async () => {
    const series = sine(400);
    const network = createNhitsNetwork(shape, small, 1);
    const result = await trainNetwork(
      network,
      { target: series.subarray(0, 300) },
      { maxSteps: 300, batchSize: 64 },
    );
    expect(result.history.loss[299]!).toBeLessThan(result.history.loss[0]! / 10);
    const forecaster = new NeuralForecaster(network, result.scaler);
    const origins = Array.from({ length: 60 }, (_, i) => 310 + i);
    const model = medianError(forecaster, series, origins);
    const naive = naiveError(series, origins);
    expect(naive).toBeGreaterThan(1.5);
    expect(model).toBeLessThan(naive / 10);
    network.dispose();
  });

  it('is deterministic: the same seeds and data give bit-identical weights', async () => {
    const series = sine(200, 13);
    const run = async (trainingSeed: number): Promise<Uint8Array> => {
      const network = createNhitsNetwork(shape, small, 7);
      await trainNetwork(
        network,
        { target: series },
        { maxSteps: 15, batchSize: 32, seed: trainingSeed, scaler: 'robust' },
      );
      const bytes = serializeWeights(network.variables);
      network.dispose();
      return bytes;
    };
    const first = await run(3);
    expect(await run(3)).toEqual(first);
    expect(await run(4)).not.toEqual(first);
  });

  it('records the history, decays the learning rate and reports progress', async () => {
    const network = createNhitsNetwork(shape, small, 2);
    const reports: TrainingProgress[] = [];
    const result = await trainNetwork(
      network,
      { target: sine(200) },
      {
        maxSteps: 30,
        batchSize: 16,
        learningRate: 0.004,
        validationSize: 24,
        validationCheckSteps: 10,
        progressEvery: 10,
        onProgress: (progress) => reports.push(progress),
      },
    );
    expect(result.steps).toBe(30);
    expect(result.history.loss).toHaveLength(30);
    expect(result.history.learningRate.slice(8, 12)).toEqual([0.004, 0.004, 0.002, 0.002]);
    expect(result.history.learningRate[29]).toBe(0.001);
    expect(result.history.validation.map((check) => check.step)).toEqual([10, 20, 30]);
    expect(reports.map((report) => [report.step, report.maxSteps])).toEqual([
      [10, 30],
      [20, 30],
      [30, 30],
    ]);
    expect(reports[2]!.valLoss).toBe(result.history.validation[2]!.loss);
    expect(result.trainingWindows).toBe(200 - 24 - 24 - 12 + 1);
    expect(result.validationWindows).toBe(24 - 12 + 1);
    expect(result.bestValidationLoss).toBe(Math.min(...result.history.validation.map((check) => check.loss)));
    network.dispose();
  });

  it('stops early after `earlyStopPatience` checks without improvement and restores the best weights', async () => {
    const series = sine(240);
    // A level shift in the validation part that the training part never shows: validation worsens as training fits.
    for (let i = 200; i < 240; i++) series[i] = series[i]! + 5;
    const network = createNhitsNetwork(shape, small, 3);
    const result = await trainNetwork(
      network,
      { target: series },
      {
        maxSteps: 400,
        batchSize: 32,
        learningRate: 0.003,
        validationSize: 40,
        validationCheckSteps: 5,
        earlyStopPatience: 2,
      },
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.steps).toBeLessThan(400);
    expect(result.bestStep).toBeLessThan(result.steps);
    const checks = result.history.validation;
    expect(checks.slice(-3).every((check) => check.loss >= result.bestValidationLoss!)).toBe(true);
    // The restored weights are the best check's: re-scoring them gives its loss.
    const rescored = await trainNetwork(
      network,
      { target: series },
      { maxSteps: 1, batchSize: 1, learningRate: 1e-12, validationSize: 40 },
    );
    expect(rescored.history.validation[0]!.loss).toBeCloseTo(result.bestValidationLoss!, 4);
    network.dispose();
  });

  it('refuses a channel mismatch and reports divergence', async () => {
    const network = createNhitsNetwork(shape, small, 1);
    await expect(trainNetwork(network, { target: sine(100), exogenous: [sine(100)] })).rejects.toThrow(
      'network expects 1 channels (target + 0 exogenous), the input has 2',
    );
    // 1e39 is finite in float64 but overflows float32: the identity scaler passes it through.
    const huge = Float64Array.from(sine(100), (value) => value * 1e39);
    await expect(
      trainNetwork(network, { target: huge }, { scaler: 'identity', maxSteps: 2, batchSize: 4 }),
    ).rejects.toThrow(/training diverged: loss "(NaN|Infinity)" at step 1/);
    expect(network.variables.every((variable) => variable.dataSync().every(Number.isFinite))).toBe(true);
    await expect(trainNetwork(network, { target: sine(100) }, { maxSteps: 0 })).rejects.toThrow(
      'training option maxSteps "0"',
    );
    network.dispose();
    expect(tf.memory().numTensors).toBeLessThan(20);
  });
});

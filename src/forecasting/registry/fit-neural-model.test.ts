import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { fineTuneNeuralModel, fitNeuralModel } from './fit-neural-model.js';

const TINY = {
  mlpUnits: [[16, 16]],
  blocksPerStack: [1, 1],
  poolingKernelSizes: [2, 1],
  frequencyDownsample: [2, 1],
};

function sine(n: number, seed: number, level = 50): Float64Array {
  const rng = new SeededRng(seed);
  return Float64Array.from(
    { length: n },
    (_, i) => level + 5 * Math.sin((2 * Math.PI * i) / 12) + rng.normal(),
  );
}

const options = {
  kind: 'nhits' as const,
  inputSize: 12,
  horizon: 4,
  quantiles: [0.1, 0.5, 0.9],
  hyperparameters: TINY,
  seed: 2,
  training: { maxSteps: 30, batchSize: 32, learningRate: 3e-3, validationSize: 10 },
};

beforeAll(async () => {
  await initTensorRuntime();
});

describe('fitNeuralModel', () => {
  it('trains, and scores the median on the validation windows as an origin-by-origin recomputation does', async () => {
    const series = sine(200, 1);
    const model = await fitNeuralModel({ target: series }, options);
    expect(model.training.steps).toBe(30);
    // Validation tail of 10 with horizon 4: origins 190 .. 196.
    let sum = 0;
    for (let origin = 190; origin <= 196; origin++) {
      const forecast = model.forecaster.predict({ target: series.subarray(0, origin) });
      for (let step = 0; step < 4; step++)
        sum += Math.abs(series[origin + step]! - forecast.values[step * 3 + 1]!);
    }
    expect(model.validation?.windows).toBe(7);
    expect(model.validation?.mae).toBeCloseTo(sum / 28, 9);
    // Learnt something: better than the noise-free amplitude a flat forecast would miss by.
    expect(model.validation?.mae).toBeLessThan(3);
    expect(model.conformal).toBeUndefined();
    model.forecaster.dispose();
  });

  it('refuses a calibration window longer than the series and frees the network it built', async () => {
    const before = tf.memory().numTensors;
    await expect(
      fitNeuralModel({ target: sine(60, 1) }, { ...options, calibrationSize: 60 }),
    ).rejects.toThrow(/calibration size "60" must be an integer in \[0, 60\)/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fineTuneNeuralModel', () => {
  it('keeps the stored scaler: with a vanishing learning rate the copy forecasts as the original, even on shifted data', async () => {
    const base = await fitNeuralModel({ target: sine(200, 1) }, options);
    const shifted = sine(120, 7, 80); // a level the scaler was not fitted on
    const history = { target: shifted };
    const before = Array.from(base.forecaster.predict(history).values);
    const tuned = await fineTuneNeuralModel(base.forecaster, history, {
      maxSteps: 1,
      batchSize: 8,
      learningRate: 1e-12,
      validationSize: 8,
    });
    expect(tuned.forecaster.scaler).toEqual(base.forecaster.scaler);
    const after = Array.from(tuned.forecaster.predict(history).values);
    after.forEach((value, index) => expect(value).toBeCloseTo(before[index]!, 3));
    // The original is untouched and a different object.
    expect(tuned.forecaster.network).not.toBe(base.forecaster.network);
    expect(Array.from(base.forecaster.predict(history).values)).toEqual(before);
    tuned.forecaster.dispose();
    base.forecaster.dispose();
  });

  it('adapts to new data with a real learning rate, RevIN models too, and calibrates when asked', async () => {
    const base = await fitNeuralModel(
      { target: sine(200, 1) },
      {
        ...options,
        training: { ...options.training, scaler: 'revin' },
      },
    );
    const recent = { target: sine(200, 4, 60) };
    const tuned = await fineTuneNeuralModel(
      base.forecaster,
      recent,
      { ...options.training, maxSteps: 20 },
      30,
    );
    expect(tuned.forecaster.scaler.kind).toBe('revin');
    expect(tuned.conformal?.calibrationSize).toBe(30);
    const weights = (network: typeof base.forecaster.network): number[] =>
      Array.from(network.variables[0]!.dataSync()).slice(0, 8);
    expect(weights(tuned.forecaster.network)).not.toEqual(weights(base.forecaster.network));
    expect(tuned.validation?.windows).toBe(7);
    expect(Number.isFinite(tuned.validation?.mae)).toBe(true);
    tuned.forecaster.dispose();
    base.forecaster.dispose();
  });
});

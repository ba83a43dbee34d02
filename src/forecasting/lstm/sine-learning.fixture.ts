import type { NeuralNetwork } from '../neural-network.types.js';
import { NeuralForecaster } from '../training/neural-forecaster.js';
import { trainNetwork, type TrainingOptions } from '../training/train-network.js';

/**
 * Test fixture: trains a network briefly on a noiseless sine (period 12) with the project's trainer (MQLoss,
 * Adam) and scores its median forecast against the naive forecast (the last value repeated) on origins after
 * the training data. The naive forecast of a sine is poor (its MAE over a 6-step horizon is
 * (4/π)·mean_h sin(πh/12) ≈ 0.91 for unit amplitude) while the series is perfectly predictable from one
 * period of history, so a network that learned anything beats it by far.
 */
export interface SineLearningResult {
  /** Mean training loss of the first and of the last 10 steps. */
  readonly firstLoss: number;
  readonly lastLoss: number;
  /** Mean absolute error of the median forecast and of the naive forecast over the test origins. */
  readonly modelError: number;
  readonly naiveError: number;
}

const PERIOD = 12;

export function sine(length: number): Float64Array {
  return Float64Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * t) / PERIOD));
}

export async function learnSine(
  network: NeuralNetwork,
  training: TrainingOptions,
): Promise<SineLearningResult> {
  const { inputSize, horizon, quantiles } = network.shape;
  const trainLength = 240;
  const series = sine(trainLength + 60);
  const result = await trainNetwork(network, { target: series.subarray(0, trainLength) }, training);
  const forecaster = new NeuralForecaster(network, result.scaler);
  const median = quantiles.indexOf(0.5);
  let modelError = 0;
  let naiveError = 0;
  let count = 0;
  // Origins whose whole horizon lies after the training data.
  for (let origin = trainLength; origin + horizon <= series.length; origin += 5) {
    const forecast = forecaster.predict({ target: series.subarray(origin - inputSize, origin) });
    const last = series[origin - 1] as number;
    for (let step = 0; step < horizon; step++) {
      const actual = series[origin + step] as number;
      modelError += Math.abs((forecast.values[step * quantiles.length + median] as number) - actual);
      naiveError += Math.abs(last - actual);
      count++;
    }
  }
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    firstLoss: mean(result.history.loss.slice(0, 10)),
    lastLoss: mean(result.history.loss.slice(-10)),
    modelError: modelError / count,
    naiveError: naiveError / count,
  };
}

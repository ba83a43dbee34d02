import * as tf from '@tensorflow/tfjs-core';
import type { NeuralNetwork } from '../neural-network.types.js';
import type { WindowBatch } from './series-windows.js';

/** Windows per forward pass when forecasting many windows (bounds the memory of one pass). */
export const FORECAST_CHUNK = 1024;

/**
 * Forecasts of the windows in `batch`, un-scaled to the series' units: [size · horizon · Q] row-major, in
 * chunks of FORECAST_CHUNK windows.
 */
export function forecastBatch(network: NeuralNetwork, batch: WindowBatch): Float64Array {
  const { inputSize, horizon, channels, quantiles } = network.shape;
  const levels = quantiles.length;
  const out = new Float64Array(batch.size * horizon * levels);
  for (let start = 0; start < batch.size; start += FORECAST_CHUNK) {
    const count = Math.min(FORECAST_CHUNK, batch.size - start);
    // tidy returns the tensor, not its data: tidy scans a returned container element by element.
    const output = tf.tidy(() => {
      const slice = batch.input.subarray(
        start * inputSize * channels,
        (start + count) * inputSize * channels,
      );
      const input = tf.tensor3d(slice, [count, inputSize, channels]);
      // A network's forecast-only path (NhitsNetwork.infer: fused kernels, folded layers) when it has one;
      // gradients always go through `forward`.
      return network.infer === undefined ? network.forward(input) : network.infer(input);
    });
    const values = output.dataSync() as Float32Array;
    output.dispose();
    for (let b = 0; b < count; b++) {
      const center = batch.centers[start + b] as number;
      const scale = batch.scales[start + b] as number;
      const offset = (start + b) * horizon * levels;
      for (let i = 0; i < horizon * levels; i++) {
        out[offset + i] = (values[b * horizon * levels + i] as number) * scale + center;
      }
    }
  }
  return out;
}

/**
 * Mean pinball loss over windows, steps and quantiles (MQLoss) of the forecasts of `batch` against the
 * series' actual values, in the series' units: comparable across scalers and between model versions.
 */
export function validationLoss(
  network: NeuralNetwork,
  batch: WindowBatch,
  target: Float64Array,
  origins: Int32Array,
  horizon: number,
  quantiles: readonly number[],
): number {
  const forecasts = forecastBatch(network, batch);
  const levels = quantiles.length;
  let sum = 0;
  for (let b = 0; b < batch.size; b++) {
    const origin = origins[b] as number;
    for (let t = 0; t < horizon; t++) {
      const actual = target[origin + t] as number;
      for (let q = 0; q < levels; q++) {
        const level = quantiles[q] as number;
        const error = actual - (forecasts[(b * horizon + t) * levels + q] as number);
        sum += Math.max(level * error, (level - 1) * error);
      }
    }
  }
  return sum / (batch.size * horizon * levels);
}

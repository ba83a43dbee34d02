import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Non-overlapping pooling along the time axis (axis 1) of [batch, time] or [batch, time, channels], with
 * stride = kernel and PyTorch's `ceil_mode=True` (what neuralforecast's NHITS uses with MaxPool1d /
 * AvgPool1d): windows start at index 0, and when the kernel does not divide the length the last, partial
 * window pools only the values it holds, so the output has ceil(time / kernel) steps.
 *
 * Implemented as pad + reshape + max/mean instead of tf.maxPool, whose gradient on the wasm backend is wrong
 * (see runtime/tensor-runtime.ts). The max pads with -Infinity, which never wins and gets a zero gradient;
 * the mean pads with zeros and divides each window by its count of real values (PyTorch's divisor for a
 * ceil-mode window without padding).
 */
export const POOLING_MODES = ['max', 'mean'] as const;
export type PoolingMode = (typeof POOLING_MODES)[number];

/** Output length of a ceil-mode pooling: ceil(length / kernel). */
export function pooledLength(length: number, kernel: number): number {
  return Math.ceil(length / kernel);
}

function validate(x: tf.Tensor, kernel: number): void {
  if (!(Number.isInteger(kernel) && kernel >= 1)) {
    throw new InvalidInputError(`pooling kernel ${quote(kernel)} must be an integer >= 1`);
  }
  if (x.rank !== 2 && x.rank !== 3) {
    throw new InvalidInputError(
      `pooling input shape ${quote(x.shape)} must be [batch, time] or [batch, time, channels]`,
    );
  }
}

/** [batch, time(, channels)] -> [batch, windows, kernel(, channels)] after padding time with `padValue`. */
function windows(x: tf.Tensor, kernel: number, padValue: number): tf.Tensor {
  const time = x.shape[1] as number;
  const count = pooledLength(time, kernel);
  const missing = count * kernel - time;
  const paddings: Array<[number, number]> = x.shape.map((_, axis) => (axis === 1 ? [0, missing] : [0, 0]));
  const padded = missing > 0 ? tf.pad(x, paddings, padValue) : x;
  return tf.reshape(padded, [x.shape[0], count, kernel, ...x.shape.slice(2)]);
}

export function maxPoolTime(x: tf.Tensor, kernel: number): tf.Tensor {
  validate(x, kernel);
  if (kernel === 1) return x;
  return tf.max(windows(x, kernel, Number.NEGATIVE_INFINITY), 2);
}

export function meanPoolTime(x: tf.Tensor, kernel: number): tf.Tensor {
  validate(x, kernel);
  if (kernel === 1) return x;
  const time = x.shape[1] as number;
  const count = pooledLength(time, kernel);
  const sums = tf.sum(windows(x, kernel, 0), 2);
  if (time % kernel === 0) return tf.div(sums, kernel);
  const divisors = Array.from({ length: count }, (_, window) => Math.min(kernel, time - window * kernel));
  const divisorShape = x.rank === 2 ? [1, count] : [1, count, 1];
  return tf.div(sums, tf.tensor(divisors, divisorShape, 'float32'));
}

export function poolTime(x: tf.Tensor, kernel: number, mode: PoolingMode): tf.Tensor {
  return mode === 'max' ? maxPoolTime(x, kernel) : meanPoolTime(x, kernel);
}

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { checkWeightShapes, deserializeWeights, loadWeights, serializeWeights } from './network-weights.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('network weights', () => {
  it('write the documented layout: tag, count, shapes, float32 LE values in variable order', () => {
    const variables = [tf.variable(tf.tensor2d([[1, 2]])), tf.variable(tf.tensor1d([-0.5]))];
    const bytes = serializeWeights(variables);
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('NTW1');
    // count 2; rank 2 [1, 2]; rank 1 [1]; then 1, 2, -0.5
    expect([1, 2, 3, 4, 5, 6].map((word) => view.getUint32(4 * word, true))).toEqual([2, 2, 1, 2, 1, 1]);
    expect([7, 8, 9].map((word) => view.getFloat32(4 * word, true))).toEqual([1, 2, -0.5]);
    expect(bytes.length).toBe(40);
    tf.dispose(variables);
  });

  it('round-trip values into other variables of the same shapes', () => {
    const source = [
      tf.variable(
        tf.tensor2d([
          [0.1, -2],
          [3.5, 1e-7],
        ]),
      ),
      tf.variable(tf.tensor1d([42])),
    ];
    const target = [tf.variable(tf.zeros([2, 2])), tf.variable(tf.zeros([1]))];
    loadWeights(target, serializeWeights(source));
    target.forEach((variable, index) => expect(variable.dataSync()).toEqual(source[index]!.dataSync()));
    const stored = deserializeWeights(serializeWeights(source));
    expect(stored.shapes).toEqual([[2, 2], [1]]);
    tf.dispose([...source, ...target]);
  });

  it('refuse foreign, truncated or mismatched weights with a clear message', () => {
    const variables = [tf.variable(tf.zeros([2, 3]))];
    const bytes = serializeWeights(variables);
    expect(() => deserializeWeights(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      'do not start with the "NTW1" tag',
    );
    expect(() => deserializeWeights(bytes.subarray(0, bytes.length - 4))).toThrow(
      `weights hold ${bytes.length - 4} bytes, their header describes ${bytes.length}`,
    );
    expect(() => deserializeWeights(bytes.subarray(0, 10))).toThrow('weights header is truncated at byte 8');
    expect(() => loadWeights([tf.variable(tf.zeros([3, 2]))], bytes)).toThrow(
      'weights variable 0 has shape [2,3], the network expects [3,2]',
    );
    expect(() => checkWeightShapes(deserializeWeights(bytes), [[2, 3], [3]])).toThrow(
      'weights hold 1 variables, the network has 2',
    );
    tf.dispose(variables);
  });
});

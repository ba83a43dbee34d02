import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { LstmLayer } from './lstm-layer.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('LstmLayer', () => {
  it('draws W and U from U(-1/√H, 1/√H) for a seed, with the forget-gate bias at 1', () => {
    const layer = LstmLayer.create(new SeededRng(4), 3, 4);
    const again = LstmLayer.create(new SeededRng(4), 3, 4);
    expect([layer.inputUnits, layer.hiddenSize]).toEqual([3, 4]);
    expect(layer.variables.map((variable) => variable.shape)).toEqual([[3, 16], [4, 16], [16]]);
    layer.variables.forEach((variable, index) =>
      expect(variable.dataSync()).toEqual(again.variables[index]!.dataSync()),
    );
    for (const kernel of [layer.inputKernel, layer.recurrentKernel]) {
      const values = Array.from(kernel.dataSync());
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.5);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(Array.from(layer.bias.dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    tf.dispose([...layer.variables, ...again.variables]);
  });

  it('runs a time-major sequence to every hidden state, and refuses other widths and sizes', () => {
    const layer = LstmLayer.create(new SeededRng(1), 2, 3);
    const shape = tf.tidy(() => layer.run(tf.ones([5, 4, 2])).shape);
    expect(shape).toEqual([5, 4, 3]);
    expect(() => tf.tidy(() => layer.run(tf.ones([5, 4, 3])))).toThrow(
      'lstm layer input shape [5,4,3] must be [time, batch, 2]',
    );
    expect(() => LstmLayer.create(new SeededRng(1), 0, 3)).toThrow(
      'lstm layer inputUnits "0" must be an integer >= 1',
    );
    expect(() => LstmLayer.create(new SeededRng(1), 2, 1.5)).toThrow('lstm layer hiddenSize "1.5"');
    tf.dispose([...layer.variables]);
  });
});

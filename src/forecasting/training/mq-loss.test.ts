import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { multiQuantileLoss } from './mq-loss.js';

beforeAll(async () => {
  await initTensorRuntime();
});

describe('multiQuantileLoss', () => {
  it('averages the pinball loss over windows, steps and levels (hand-worked)', () => {
    // One window, two steps, levels 0.1 and 0.9. y = [1, 3], ŷ = [[0, 2], [4, 3]]:
    //   step 1: u = 1 - 0 = 1 -> 0.1·1 = 0.1;   u = 1 - 2 = -1 -> (0.9 - 1)·(-1) = 0.1
    //   step 2: u = 3 - 4 = -1 -> 0.9·1 = 0.9;  u = 3 - 3 = 0 -> 0
    // mean = (0.1 + 0.1 + 0.9 + 0) / 4 = 0.275
    const loss = tf.tidy(
      () =>
        multiQuantileLoss(
          tf.tensor3d([
            [
              [0, 2],
              [4, 3],
            ],
          ]),
          tf.tensor2d([[1, 3]]),
          [0.1, 0.9],
        ).dataSync()[0],
    );
    expect(loss).toBeCloseTo(0.275, 6);
  });

  it('is minimised by the empirical quantile of the targets', () => {
    const targets = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const lossAt = (value: number): number =>
      tf.tidy(
        () =>
          multiQuantileLoss(
            tf.fill([10, 1, 1], value),
            tf.tensor2d(targets.map((target) => [target])),
            [0.8],
          ).dataSync()[0] as number,
      );
    // The 0.8-quantile of 1..10 lies in [8, 9]: the loss is flat there and higher either side.
    expect(lossAt(8.5)).toBeLessThan(lossAt(7.5));
    expect(lossAt(8.5)).toBeLessThan(lossAt(9.5));
    expect(lossAt(8.2)).toBeCloseTo(lossAt(8.7), 5);
  });

  it('refuses mismatched shapes with the shapes quoted', () => {
    const forecast = tf.zeros([2, 3, 2]);
    expect(() => multiQuantileLoss(forecast, tf.zeros([2, 3]), [0.5])).toThrow(
      'MQLoss forecast shape [2,3,2] must be [batch, horizon, 1]',
    );
    expect(() => multiQuantileLoss(forecast, tf.zeros([2, 4]), [0.1, 0.9])).toThrow(
      'MQLoss target shape [2,4] must be [2, 3]',
    );
    forecast.dispose();
  });

  it('has a gradient that agrees with finite differences (away from the kinks)', () => {
    const forecast = tf.variable(
      tf.tensor3d([
        [
          [0.2, 1.4, 2.9],
          [-0.7, 0.3, 0.8],
        ],
        [
          [1.1, 1.6, 2.2],
          [0.4, 0.9, 1.5],
        ],
      ]),
    );
    const target = tf.tensor2d([
      [1.0, 0.05],
      [2.6, -0.2],
    ]);
    const result = checkGradients(() => multiQuantileLoss(forecast, target, [0.1, 0.5, 0.9]), [forecast]);
    expect(result.mismatches).toEqual([]);
    // d/dŷ of mean ρ_q(y - ŷ) is (1 - q)/n when ŷ > y and -q/n when ŷ < y (n = 12 terms).
    const gradient = tf.grad((x: tf.Tensor) => multiQuantileLoss(x, target, [0.1, 0.5, 0.9]))(forecast);
    const first = Array.from(gradient.dataSync()).slice(0, 3);
    expect(first[0]).toBeCloseTo(-0.1 / 12, 6);
    expect(first[1]).toBeCloseTo(0.5 / 12, 6);
    expect(first[2]).toBeCloseTo(0.1 / 12, 6);
    tf.dispose([forecast, target, gradient]);
  });
});

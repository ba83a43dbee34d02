import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { AdamOptimizer, decayedLearningRate } from './adam.js';

beforeAll(async () => {
  await initTensorRuntime();
});

/** torch.optim.Adam's update, written out in float64. */
function referenceAdam(
  theta: number[],
  gradients: number[][],
  lr: number,
  b1 = 0.9,
  b2 = 0.999,
  eps = 1e-8,
): number[] {
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  const out = [...theta];
  gradients.forEach((g, step) => {
    const t = step + 1;
    for (let i = 0; i < out.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
      const denominator = Math.sqrt(v[i]!) / Math.sqrt(1 - b2 ** t) + eps;
      out[i] = out[i]! - (lr / (1 - b1 ** t)) * (m[i]! / denominator);
    }
  });
  return out;
}

describe('AdamOptimizer', () => {
  it('follows PyTorch Adam step for step', () => {
    const theta = tf.variable(tf.tensor1d([0.5, -1, 2]));
    const gradients = [
      [0.1, -0.2, 0.3],
      [0.05, 0.4, -0.1],
      [-0.3, 0.1, 0.0],
    ];
    const optimizer = new AdamOptimizer([theta], { learningRate: 0.01 });
    for (const gradient of gradients) tf.tidy(() => optimizer.applyGradients([tf.tensor1d(gradient)]));
    expect(optimizer.steps).toBe(3);
    const expected = referenceAdam([0.5, -1, 2], gradients, 0.01);
    Array.from(theta.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 6));
    // First step moves each parameter by lr against the gradient's sign (m̂/√v̂ = ±1).
    expect(referenceAdam([0], [[0.1]], 0.01)[0]).toBeCloseTo(-0.01, 8);
    optimizer.dispose();
    theta.dispose();
  });

  it('skips variables without a gradient, and honours a changed learning rate', () => {
    const a = tf.variable(tf.tensor1d([1]));
    const b = tf.variable(tf.tensor1d([1]));
    const optimizer = new AdamOptimizer([a, b], { learningRate: 0.1 });
    tf.tidy(() => optimizer.applyGradients([tf.tensor1d([1]), undefined]));
    optimizer.learningRate = 0.01;
    tf.tidy(() => optimizer.applyGradients([tf.tensor1d([1]), undefined]));
    expect(a.dataSync()[0]).toBeCloseTo(1 - 0.1 - 0.01, 6);
    expect(b.dataSync()[0]).toBe(1);
    optimizer.dispose();
    tf.dispose([a, b]);
  });

  it('refuses a non-positive learning rate or a beta outside [0, 1)', () => {
    expect(() => new AdamOptimizer([], { learningRate: 0 })).toThrow('learningRate "0" must be > 0');
    expect(() => new AdamOptimizer([], { beta2: 1 })).toThrow('adam beta2 "1" must be in [0, 1)');
  });
});

describe('decayedLearningRate (StepLR, γ = 0.5, step = floor(maxSteps / decays))', () => {
  it('halves the rate at steps 333 and 666 of 1000 with 3 decays', () => {
    expect([0, 332, 333, 665, 666, 999].map((step) => decayedLearningRate(1e-3, step, 1000, 3))).toEqual([
      1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4, 1.25e-4,
    ]);
  });

  it('keeps the rate without decays or with fewer steps than decays', () => {
    expect(decayedLearningRate(0.1, 50, 100, 0)).toBe(0.1);
    expect(decayedLearningRate(0.1, 1, 2, 3)).toBe(0.1);
  });
});

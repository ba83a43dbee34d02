import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';

export interface AdamOptions {
  readonly learningRate?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) exactly as PyTorch's torch.optim.Adam (no weight decay, no amsgrad), which
 * neuralforecast trains with: for step t,
 *   m ← β1·m + (1-β1)·g,  v ← β2·v + (1-β2)·g²,
 *   θ ← θ - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + ε),
 * with lr 1e-3, β = (0.9, 0.999), ε = 1e-8 by default. Written here rather than taken from tf.train.adam so
 * that the learning rate can change between steps (step decay) and the update is PyTorch's (tfjs puts ε
 * inside a different expression). Deterministic: plain element-wise tensor ops, no randomness.
 */
export class AdamOptimizer {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly variables: readonly tf.Variable[];
  private readonly firstMoments: tf.Variable[];
  private readonly secondMoments: tf.Variable[];
  private stepCount = 0;

  constructor(variables: readonly tf.Variable[], options: AdamOptions = {}) {
    this.learningRate = options.learningRate ?? 1e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    if (!(this.learningRate > 0))
      throw new InvalidInputError(`learningRate ${quote(this.learningRate)} must be > 0`);
    for (const [name, value] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const) {
      if (!(value >= 0 && value < 1))
        throw new InvalidInputError(`adam ${name} ${quote(value)} must be in [0, 1)`);
    }
    this.variables = variables;
    // Inside tidy: the zero tensors are freed, the variables (never tracked by tidy) kept.
    this.firstMoments = tf.tidy(() =>
      variables.map((variable) => tf.variable(tf.zerosLike(variable), false)),
    );
    this.secondMoments = tf.tidy(() =>
      variables.map((variable) => tf.variable(tf.zerosLike(variable), false)),
    );
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** Applies one update from gradients given in the variables' order (a missing gradient skips its variable). */
  applyGradients(gradients: ReadonlyArray<tf.Tensor | undefined>): void {
    this.stepCount++;
    const t = this.stepCount;
    const stepSize = this.learningRate / (1 - this.beta1 ** t);
    const secondCorrection = Math.sqrt(1 - this.beta2 ** t);
    tf.tidy(() => {
      this.variables.forEach((variable, index) => {
        const gradient = gradients[index];
        if (gradient === undefined) return;
        const m = this.firstMoments[index] as tf.Variable;
        const v = this.secondMoments[index] as tf.Variable;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2)));
        const denominator = tf.add(tf.div(tf.sqrt(v), secondCorrection), this.epsilon);
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, denominator), stepSize)));
      });
    });
  }

  /** Frees the moment estimates. */
  dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments]);
  }
}

/**
 * neuralforecast's learning-rate schedule: StepLR with step_size = floor(maxSteps / numLrDecays) and γ = 0.5,
 * i.e. the rate halves `decays` times over training (3 by default). 0 decays (or fewer steps than decays)
 * keeps the rate constant.
 */
export function decayedLearningRate(initial: number, step: number, maxSteps: number, decays: number): number {
  if (decays <= 0) return initial;
  const interval = Math.floor(maxSteps / decays);
  if (interval < 1) return initial;
  return initial * 0.5 ** Math.floor(step / interval);
}

import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';

/** ε of the layer norm's variance, PyTorch's nn.LayerNorm default. */
export const LAYER_NORM_EPSILON = 1e-5;

/**
 * Layer normalisation (Ba et al. 2016) over the last axis: with μ and σ² the mean and the biased variance of
 * the features of each position,
 *   y = (x - μ) / √(σ² + ε) ⊙ γ + β,
 * γ (gain) starting at 1 and β (shift) at 0, as PyTorch's nn.LayerNorm. Differentiated by tfjs autograd
 * (mean, sub, square, rsqrt); the gradient is checked against finite differences in layer-norm.test.ts.
 */
export function layerNorm(
  x: tf.Tensor,
  gain: tf.Tensor1D,
  shift: tf.Tensor1D,
  epsilon = LAYER_NORM_EPSILON,
): tf.Tensor {
  const features = x.shape[x.rank - 1];
  if (features !== gain.shape[0] || features !== shift.shape[0]) {
    throw new InvalidInputError(
      `layer norm input shape ${quote(x.shape)} must end in ${gain.shape[0]} features (γ ${quote(gain.shape)}, β ${quote(shift.shape)})`,
    );
  }
  const centered = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, epsilon))), gain), shift);
}

/** A layer norm owning its variables γ (ones) and β (zeros), in that order. */
export class LayerNorm {
  readonly gain: tf.Variable<tf.Rank.R1>;
  readonly shift: tf.Variable<tf.Rank.R1>;

  private constructor(gain: tf.Variable<tf.Rank.R1>, shift: tf.Variable<tf.Rank.R1>) {
    this.gain = gain;
    this.shift = shift;
  }

  static create(features: number): LayerNorm {
    if (!(Number.isInteger(features) && features >= 1)) {
      throw new InvalidInputError(`layer norm features ${quote(features)} must be an integer >= 1`);
    }
    let norm: LayerNorm | undefined;
    // The tidy releases the initial tensors the variables are made from (variables survive a tidy).
    tf.tidy(() => {
      norm = new LayerNorm(tf.variable(tf.ones([features]), true), tf.variable(tf.zeros([features]), true));
    });
    return norm as LayerNorm;
  }

  /** γ, β: the serialisation order. */
  get variables(): tf.Variable[] {
    return [this.gain, this.shift];
  }

  apply(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.gain, this.shift);
  }
}

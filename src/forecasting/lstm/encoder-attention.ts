import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import { dense } from '../layers/dense.js';
import { initialVariable } from '../layers/initializers.js';
import { fastTanh } from './fast-tanh.js';

/**
 * Attention over the LSTM encoder's hidden states h_1 .. h_T [batch, T, H], with the last state q = h_T as the
 * query. Scores e_t are normalised over time by a softmax, a_t = exp(e_t) / Σ_s exp(e_s), and the context is
 * the weighted sum c = Σ_t a_t h_t [batch, H], which lets the forecast head read any step of the window
 * rather than only what survived in h_T.
 * - `additive` (Bahdanau et al. 2015): e_t = vᵀ tanh(h_t·W_a + q·U_a + b_a), with W_a, U_a: [H, A], b_a, v: [A];
 * - `dot` (Luong et al. 2015), scaled as in Vaswani et al. 2017: e_t = (h_t · q) / √H, no parameters; the
 *   scaling keeps the softmax out of saturation for large H.
 */
export const ATTENTION_KINDS = ['none', 'additive', 'dot'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** Softmax weights over time [batch, T] to context [batch, H]: c = Σ_t a_t h_t. */
function weightedSum(states: tf.Tensor3D, scores: tf.Tensor2D): tf.Tensor2D {
  const weights = tf.softmax(scores, -1);
  return tf.sum(tf.mul(states, tf.expandDims(weights, 2)), 1);
}

/** Scaled dot-product attention of `query` [batch, H] over `states` [batch, T, H]. */
export function dotAttention(states: tf.Tensor3D, query: tf.Tensor2D): tf.Tensor2D {
  const hiddenSize = states.shape[2];
  const scores = tf.mul(tf.sum(tf.mul(states, tf.expandDims(query, 1)), 2), 1 / Math.sqrt(hiddenSize));
  return weightedSum(states, scores as tf.Tensor2D);
}

/** Additive (Bahdanau) attention with its own parameters W_a, U_a, b_a, v. */
export class AdditiveAttention {
  readonly stateKernel: tf.Variable<tf.Rank.R2>;
  readonly queryKernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
  readonly scoreVector: tf.Variable<tf.Rank.R2>;

  private constructor(variables: readonly tf.Variable[]) {
    [this.stateKernel, this.queryKernel, this.bias, this.scoreVector] = variables as [
      tf.Variable<tf.Rank.R2>,
      tf.Variable<tf.Rank.R2>,
      tf.Variable<tf.Rank.R1>,
      tf.Variable<tf.Rank.R2>,
    ];
  }

  /**
   * W_a, U_a and b_a from U(-1/√H, 1/√H) and v from U(-1/√A, 1/√A) (PyTorch's nn.Linear default for layers
   * of those fan-ins), drawn in that order from `rng`.
   */
  static create(rng: SeededRng, hiddenSize: number, attentionSize: number): AdditiveAttention {
    for (const [field, value] of [
      ['hiddenSize', hiddenSize],
      ['attentionSize', attentionSize],
    ] as const) {
      if (!(Number.isInteger(value) && value >= 1)) {
        throw new InvalidInputError(`additive attention ${field} ${quote(value)} must be an integer >= 1`);
      }
    }
    let attention: AdditiveAttention | undefined;
    // The tidy releases the initial tensors the variables were made from (variables survive a tidy).
    tf.tidy(() => {
      attention = new AdditiveAttention([
        initialVariable('uniform-fan-in', [hiddenSize, attentionSize], hiddenSize, attentionSize, rng),
        initialVariable('uniform-fan-in', [hiddenSize, attentionSize], hiddenSize, attentionSize, rng),
        initialVariable('uniform-fan-in', [attentionSize], hiddenSize, attentionSize, rng),
        initialVariable('uniform-fan-in', [attentionSize, 1], attentionSize, 1, rng),
      ]);
    });
    return attention as AdditiveAttention;
  }

  /** W_a, U_a, b_a, v: the serialisation order. */
  get variables(): tf.Variable[] {
    return [this.stateKernel, this.queryKernel, this.bias, this.scoreVector];
  }

  /** Context [batch, H] of `query` [batch, H] over `states` [batch, T, H]. */
  apply(states: tf.Tensor3D, query: tf.Tensor2D): tf.Tensor2D {
    const [batch, time, hiddenSize] = states.shape;
    if (hiddenSize !== this.stateKernel.shape[0] || query.shape[1] !== hiddenSize) {
      throw new InvalidInputError(
        `additive attention states ${quote(states.shape)} and query ${quote(query.shape)} must have ` +
          `${this.stateKernel.shape[0]} features`,
      );
    }
    const keys = dense(states, this.stateKernel) as tf.Tensor3D; // [batch, T, A]
    const queryTerm = dense(query, this.queryKernel, this.bias) as tf.Tensor2D; // [batch, A]
    const energy = fastTanh(tf.add(keys, tf.expandDims(queryTerm, 1)));
    const scores = tf.reshape(dense(energy, this.scoreVector), [batch, time]);
    return weightedSum(states, scores as tf.Tensor2D);
  }
}

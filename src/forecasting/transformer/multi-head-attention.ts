import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import { DenseLayer } from '../layers/dense.js';

/**
 * Scaled dot-product attention (Vaswani et al. 2017, eq. 1) over the last two axes:
 *   Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V,   Q, K, V: [..., T, d_k],
 * the softmax over the key axis. No mask: see transformer-network.ts for why an encoder over the past window
 * needs no causal mask.
 */
export function scaledDotProductAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor): tf.Tensor {
  const keySize = query.shape[query.rank - 1] as number;
  const scores = tf.mul(tf.matMul(query, key, false, true), 1 / Math.sqrt(keySize));
  return tf.matMul(tf.softmax(scores, -1), value);
}

/**
 * Multi-head self-attention (Vaswani et al. 2017, §3.2.2): h heads attend in parallel, each in its own
 * d_k = d_model / h dimensional projection,
 *   head_j = Attention(X·W_j^Q, X·W_j^K, X·W_j^V),   MHA(X) = [head_1, ..., head_h]·W^O,
 * with the h per-head projections held as one [d_model, d_model] matrix each for Q, K and V (columns
 * j·d_k .. (j+1)·d_k belong to head j), plus biases, as PyTorch's nn.MultiheadAttention.
 */
export class MultiHeadSelfAttention {
  readonly heads: number;
  readonly query: DenseLayer;
  readonly key: DenseLayer;
  readonly value: DenseLayer;
  readonly output: DenseLayer;

  private constructor(heads: number, layers: readonly [DenseLayer, DenseLayer, DenseLayer, DenseLayer]) {
    this.heads = heads;
    [this.query, this.key, this.value, this.output] = layers;
  }

  /**
   * W^Q, W^K, W^V, W^O (each with its bias) drawn in that order from `rng`: Glorot-uniform weights and zero
   * biases, as PyTorch's nn.MultiheadAttention initialises its input projections.
   */
  static create(rng: SeededRng, modelSize: number, heads: number): MultiHeadSelfAttention {
    if (!(Number.isInteger(heads) && heads >= 1 && Number.isInteger(modelSize) && modelSize % heads === 0)) {
      throw new InvalidInputError(
        `multi-head attention heads ${quote(heads)} must be an integer >= 1 dividing modelSize ${quote(modelSize)}`,
      );
    }
    const projection = (): DenseLayer =>
      DenseLayer.create(rng, modelSize, modelSize, {
        initializer: 'glorot-uniform',
        biasInitializer: 'zeros',
      });
    let attention: MultiHeadSelfAttention | undefined;
    // The tidy releases the initial tensors the variables are made from (variables survive a tidy).
    tf.tidy(() => {
      attention = new MultiHeadSelfAttention(heads, [projection(), projection(), projection(), projection()]);
    });
    return attention as MultiHeadSelfAttention;
  }

  get modelSize(): number {
    return this.query.inputUnits;
  }

  /** W^Q, b^Q, W^K, b^K, W^V, b^V, W^O, b^O: the serialisation order. */
  get variables(): tf.Variable[] {
    return [this.query, this.key, this.value, this.output].flatMap((layer) => layer.variables);
  }

  /** Self-attention of `x` [batch, T, d_model] → [batch, T, d_model]. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const [batch, time, modelSize] = x.shape;
    if (modelSize !== this.modelSize) {
      throw new InvalidInputError(
        `multi-head attention input shape ${quote(x.shape)} must end in ${this.modelSize} features`,
      );
    }
    const headSize = modelSize / this.heads;
    // [batch, T, d_model] → [batch, heads, T, d_k]
    const split = (projected: tf.Tensor): tf.Tensor =>
      tf.transpose(tf.reshape(projected, [batch, time, this.heads, headSize]), [0, 2, 1, 3]);
    const attended = scaledDotProductAttention(
      split(this.query.apply(x)),
      split(this.key.apply(x)),
      split(this.value.apply(x)),
    );
    const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [batch, time, modelSize]);
    return this.output.apply(merged) as tf.Tensor3D;
  }
}

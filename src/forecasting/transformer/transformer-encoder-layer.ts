import * as tf from '@tensorflow/tfjs-core';
import type { SeededRng } from '../../core/rng.js';
import { DenseLayer } from '../layers/dense.js';
import { gelu } from './gelu.js';
import { LayerNorm } from './layer-norm.js';
import { MultiHeadSelfAttention } from './multi-head-attention.js';

export const FEED_FORWARD_ACTIVATIONS = ['gelu', 'relu'] as const;
export type FeedForwardActivation = (typeof FEED_FORWARD_ACTIVATIONS)[number];

/**
 * One Transformer encoder layer in the pre-norm arrangement (Xiong et al. 2020; GPT-2, PatchTST's option):
 *   x ← x + MHA(LN₁(x)),   x ← x + FFN(LN₂(x)),   FFN(x) = act(x·W₁ + b₁)·W₂ + b₂,
 * rather than Vaswani et al.'s post-norm x ← LN(x + sublayer(x)). Pre-norm keeps an identity path from
 * input to output through every layer, so it trains stably without a learning-rate warm-up — the trainer
 * (training/) has none — and a final layer norm after the last layer (transformer-network.ts) completes it.
 * The feed-forward activation is GELU (tanh approximation, see gelu.ts) by default, or ReLU as in Vaswani.
 * No dropout: the forward pass is deterministic.
 */
export class TransformerEncoderLayer {
  readonly attentionNorm: LayerNorm;
  readonly attention: MultiHeadSelfAttention;
  readonly feedForwardNorm: LayerNorm;
  readonly expand: DenseLayer;
  readonly contract: DenseLayer;
  readonly activation: FeedForwardActivation;

  private constructor(
    parts: [LayerNorm, MultiHeadSelfAttention, LayerNorm, DenseLayer, DenseLayer],
    activation: FeedForwardActivation,
  ) {
    [this.attentionNorm, this.attention, this.feedForwardNorm, this.expand, this.contract] = parts;
    this.activation = activation;
  }

  /** Draws the attention's then the feed-forward's weights from `rng` (PyTorch nn.Linear default for W₁, W₂). */
  static create(
    rng: SeededRng,
    modelSize: number,
    heads: number,
    feedForwardSize: number,
    activation: FeedForwardActivation,
  ): TransformerEncoderLayer {
    let layer: TransformerEncoderLayer | undefined;
    // The tidy releases the initial tensors the variables are made from (variables survive a tidy).
    tf.tidy(() => {
      const attentionNorm = LayerNorm.create(modelSize);
      const attention = MultiHeadSelfAttention.create(rng, modelSize, heads);
      const feedForwardNorm = LayerNorm.create(modelSize);
      const expand = DenseLayer.create(rng, modelSize, feedForwardSize);
      const contract = DenseLayer.create(rng, feedForwardSize, modelSize);
      layer = new TransformerEncoderLayer(
        [attentionNorm, attention, feedForwardNorm, expand, contract],
        activation,
      );
    });
    return layer as TransformerEncoderLayer;
  }

  /** LN₁ (γ, β), attention (W^Q .. b^O), LN₂ (γ, β), W₁, b₁, W₂, b₂: the serialisation order. */
  get variables(): tf.Variable[] {
    return [
      ...this.attentionNorm.variables,
      ...this.attention.variables,
      ...this.feedForwardNorm.variables,
      ...this.expand.variables,
      ...this.contract.variables,
    ];
  }

  /** [batch, T, d_model] → [batch, T, d_model]. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const attended = tf.add(x, this.attention.apply(this.attentionNorm.apply(x) as tf.Tensor3D));
    const hidden = this.expand.apply(this.feedForwardNorm.apply(attended));
    const activated = this.activation === 'gelu' ? gelu(hidden) : tf.relu(hidden);
    return tf.add<tf.Tensor3D>(attended, this.contract.apply(activated));
  }
}

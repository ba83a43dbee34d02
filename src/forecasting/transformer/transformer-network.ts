import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SeededRng } from '../../core/rng.js';
import { DenseLayer } from '../layers/dense.js';
import { parseHyperparameters, validateNetworkShape } from '../lstm/network-arguments.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { LayerNorm } from './layer-norm.js';
import { sinusoidalPositionalEncoding } from './positional-encoding.js';
import { FEED_FORWARD_ACTIVATIONS, TransformerEncoderLayer } from './transformer-encoder-layer.js';

export const TRANSFORMER_POOLINGS = ['flatten', 'mean'] as const;

/**
 * Hyperparameters of the Transformer forecaster. The defaults (d_model 64, 4 heads, 2 layers, feed-forward
 * 128) are far below Vaswani et al.'s 512 / 8 / 6 / 2048: windows of tens to hundreds of steps of one series
 * need much less capacity than translation, and training runs on one CPU thread; they are close to
 * neuralforecast's VanillaTransformer (hidden 128, 4 heads, 2 encoder layers). `heads` must divide `modelSize`.
 */
export const transformerHyperparametersSchema = z
  .object({
    modelSize: z.number().int().min(1).max(1024).default(64),
    heads: z.number().int().min(1).max(64).default(4),
    layers: z.number().int().min(1).max(12).default(2),
    feedForwardSize: z.number().int().min(1).max(8192).default(128),
    activation: z.enum(FEED_FORWARD_ACTIVATIONS).default('gelu'),
    pooling: z.enum(TRANSFORMER_POOLINGS).default('flatten'),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.modelSize % value.heads !== 0) {
      context.addIssue({
        code: 'custom',
        path: ['heads'],
        message: `must divide modelSize ${quote(value.modelSize)}`,
      });
    }
  });

export type TransformerHyperparameters = z.output<typeof transformerHyperparametersSchema>;
export type TransformerHyperparametersInput = z.input<typeof transformerHyperparametersSchema>;

/**
 * Transformer encoder forecaster with a direct multi-horizon head:
 *   input [batch, T, channels] → x·W_in + b_in [batch, T, d_model] (every channel, target and exogenous, is
 *   part of each step's vector) → + sinusoidal positional encoding (positional-encoding.ts) → N pre-norm
 *   encoder layers (transformer-encoder-layer.ts) → final layer norm → pooling → dense → [batch, horizon · Q]
 *   → reshape [batch, horizon, Q].
 * Pooling `flatten` (the default) concatenates all T encoded steps, [batch, T · d_model], so the head knows
 * which step said what (PatchTST's flatten head); `mean` averages over time, [batch, d_model], far fewer head
 * weights for long windows, but the head then sees positions only through the encoding.
 *
 * No causal mask: the encoder reads only the input window, which ends at the forecast origin, and the head
 * forecasts every step of the horizon at once from the whole encoded window. Nothing after the origin is
 * ever an input, so there is nothing to hide; a causal mask (needed by autoregressive decoders, whose step t
 * must not see the targets t+1.. it is trained to predict) would only stop early window steps from using
 * later, equally past, context.
 *
 * Variables, in order: W_in, b_in; per layer those of TransformerEncoderLayer; the final norm's γ, β; the
 * head's kernel and bias. Weights are drawn from `new SeededRng(seed)` in that same order.
 */
export function createTransformerNetwork(
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  seed: number,
): NeuralNetwork {
  validateNetworkShape('transformer', shape);
  if (!Number.isInteger(seed))
    throw new InvalidInputError(`transformer seed ${quote(seed)} must be an integer`);
  const resolved = parseHyperparameters('transformer', transformerHyperparametersSchema, hyperparameters);
  const { modelSize, heads, feedForwardSize, activation } = resolved;
  const rng = new SeededRng(seed);
  const quantileCount = shape.quantiles.length;
  const pooledUnits = resolved.pooling === 'flatten' ? shape.inputSize * modelSize : modelSize;

  let inputProjection: DenseLayer | undefined;
  const layers: TransformerEncoderLayer[] = [];
  let finalNorm: LayerNorm | undefined;
  let head: DenseLayer | undefined;
  // Inside a tidy so that the initial tensors the variables are made from are released.
  tf.tidy(() => {
    inputProjection = DenseLayer.create(rng, shape.channels, modelSize);
    for (let index = 0; index < resolved.layers; index++) {
      layers.push(TransformerEncoderLayer.create(rng, modelSize, heads, feedForwardSize, activation));
    }
    finalNorm = LayerNorm.create(modelSize);
    head = DenseLayer.create(rng, pooledUnits, shape.horizon * quantileCount);
  });
  const projection = inputProjection as DenseLayer;
  const norm = finalNorm as LayerNorm;
  const outputLayer = head as DenseLayer;
  const variables = [
    ...projection.variables,
    ...layers.flatMap((layer) => layer.variables),
    ...norm.variables,
    ...outputLayer.variables,
  ];
  // A plain array (not a tensor) so that the network holds no tensor besides its variables.
  const positions = sinusoidalPositionalEncoding(shape.inputSize, modelSize);

  const forward = (input: tf.Tensor3D): tf.Tensor3D => {
    const [batch, time, channels] = input.shape;
    if (time !== shape.inputSize || channels !== shape.channels) {
      throw new InvalidInputError(
        `transformer input shape ${quote(input.shape)} must be [batch, ${shape.inputSize}, ${shape.channels}]`,
      );
    }
    let encoded = tf.add<tf.Tensor3D>(projection.apply(input), tf.tensor2d(positions, [time, modelSize]));
    for (const layer of layers) encoded = layer.apply(encoded);
    const normalised = norm.apply(encoded);
    const pooled =
      resolved.pooling === 'flatten'
        ? tf.reshape(normalised, [batch, time * modelSize])
        : tf.mean(normalised, 1);
    return tf.reshape(outputLayer.apply(pooled), [batch, shape.horizon, quantileCount]);
  };

  return {
    kind: 'transformer',
    shape: { ...shape, quantiles: [...shape.quantiles] },
    hyperparameters: { ...resolved },
    variables,
    forward,
  };
}

import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SeededRng } from '../../core/rng.js';
import { DenseLayer } from '../layers/dense.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { AdditiveAttention, ATTENTION_KINDS, dotAttention } from './encoder-attention.js';
import { LstmLayer } from './lstm-layer.js';
import { parseHyperparameters, validateNetworkShape } from './network-arguments.js';

/**
 * Hyperparameters of the LSTM forecaster. Defaults follow neuralforecast's LSTM encoder (2 layers of 128
 * units); attention is off unless asked for. `attentionSize` (the A of additive attention) defaults to the
 * hidden size and is stored resolved, so a registry record rebuilds the same network.
 */
export const lstmHyperparametersSchema = z
  .object({
    layers: z.number().int().min(1).max(8).default(2),
    hiddenSize: z.number().int().min(1).max(2048).default(128),
    attention: z.enum(ATTENTION_KINDS).default('none'),
    attentionSize: z.number().int().min(1).max(2048).optional(),
  })
  .strict();

export type LstmHyperparametersInput = z.input<typeof lstmHyperparametersSchema>;
export interface LstmHyperparameters {
  readonly layers: number;
  readonly hiddenSize: number;
  readonly attention: (typeof ATTENTION_KINDS)[number];
  readonly attentionSize: number;
}

/**
 * LSTM forecaster with a direct multi-horizon head:
 *   input [batch, T, channels] → stacked LSTM layers (each layer reads the previous layer's hidden states)
 *   → summary s = h_T of the top layer, or [h_T ; context] with attention over the top layer's states
 *   → dense → [batch, horizon · Q] → reshape [batch, horizon, Q].
 * The head forecasts every step at once: no autoregressive decoding, so errors do not accumulate over the
 * horizon (the direct multi-horizon quantile strategy of MQ-RNN, Wen et al. 2017). Every channel (target
 * and exogenous features) is part of the per-step input vector. No dropout: the forward pass is
 * deterministic and regularisation comes from early stopping in training/.
 *
 * Variables, in order: per layer W, U, b (see LstmLayer); then W_a, U_a, b_a, v with additive attention;
 * then the head's kernel and bias. Weights are drawn from `new SeededRng(seed)` in that same order.
 */
export function createLstmNetwork(
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  seed: number,
): NeuralNetwork {
  validateNetworkShape('lstm', shape);
  if (!Number.isInteger(seed)) throw new InvalidInputError(`lstm seed ${quote(seed)} must be an integer`);
  const parsed = parseHyperparameters('lstm', lstmHyperparametersSchema, hyperparameters);
  const resolved: LstmHyperparameters = {
    ...parsed,
    attentionSize: parsed.attentionSize ?? parsed.hiddenSize,
  };
  const rng = new SeededRng(seed);
  const { hiddenSize } = resolved;

  const layers: LstmLayer[] = [];
  let additive: AdditiveAttention | undefined;
  let head: DenseLayer | undefined;
  const summaryUnits = resolved.attention === 'none' ? hiddenSize : 2 * hiddenSize;
  const quantileCount = shape.quantiles.length;
  // Inside a tidy so that the initial tensors the variables are made from are released.
  tf.tidy(() => {
    for (let index = 0; index < resolved.layers; index++) {
      layers.push(LstmLayer.create(rng, index === 0 ? shape.channels : hiddenSize, hiddenSize));
    }
    if (resolved.attention === 'additive')
      additive = AdditiveAttention.create(rng, hiddenSize, resolved.attentionSize);
    head = DenseLayer.create(rng, summaryUnits, shape.horizon * quantileCount);
  });
  const outputLayer = head as DenseLayer;
  const variables = [
    ...layers.flatMap((layer) => layer.variables),
    ...(additive?.variables ?? []),
    ...outputLayer.variables,
  ];

  const forward = (input: tf.Tensor3D): tf.Tensor3D => {
    const [batch, time, channels] = input.shape;
    if (time !== shape.inputSize || channels !== shape.channels) {
      throw new InvalidInputError(
        `lstm input shape ${quote(input.shape)} must be [batch, ${shape.inputSize}, ${shape.channels}]`,
      );
    }
    // Time-major for the recurrence: [T, batch, channels].
    let states = tf.transpose(input, [1, 0, 2]);
    for (const layer of layers) states = layer.run(states);
    const last = tf.reshape<tf.Rank.R2>(tf.slice(states, [time - 1, 0, 0], [1, batch, hiddenSize]), [
      batch,
      hiddenSize,
    ]);
    let summary: tf.Tensor = last;
    if (resolved.attention !== 'none') {
      const encoded = tf.transpose<tf.Tensor3D>(states, [1, 0, 2]);
      const context = additive === undefined ? dotAttention(encoded, last) : additive.apply(encoded, last);
      summary = tf.concat([last, context], 1);
    }
    return tf.reshape(outputLayer.apply(summary), [batch, shape.horizon, quantileCount]);
  };

  return {
    kind: 'lstm',
    shape: { ...shape, quantiles: [...shape.quantiles] },
    hyperparameters: { ...resolved },
    variables,
    forward,
  };
}

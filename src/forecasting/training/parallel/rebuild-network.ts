import * as tf from '@tensorflow/tfjs-core';
import { createLstmNetwork } from '../../lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../../neural-network.types.js';
import { loadNhitsNetwork } from '../../nhits/nhits-network.js';
import { createTransformerNetwork } from '../../transformer/transformer-network.js';
import { loadWeights } from '../network-weights.js';

/** What a worker needs to rebuild the coordinator's network: plain JSON plus the serialised weights. */
export interface NetworkBlueprint {
  readonly kind: NeuralNetwork['kind'];
  readonly shape: NeuralNetworkShape;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** network-weights.ts format, the coordinator's weights at the start of training. */
  readonly weights: Uint8Array;
}

/**
 * Rebuilds a network in a worker with exactly the coordinator's weights: NHITS straight from its weights
 * (loadNhitsNetwork draws no random numbers), LSTM and Transformer by a seeded build whose values are then
 * overwritten (their builders take no weights). Either way the weights are shape-checked against the
 * architecture, so a blueprint whose hyperparameters do not match its weights fails with the first difference.
 * `dropoutSeed` seeds the replica's own dropout masks (NHITS only; the others have no dropout).
 */
export function rebuildNetwork(blueprint: NetworkBlueprint, dropoutSeed: number): NeuralNetwork {
  const { kind, shape, hyperparameters, weights } = blueprint;
  if (kind === 'nhits') return loadNhitsNetwork(shape, hyperparameters, weights, dropoutSeed);
  const network =
    kind === 'lstm'
      ? createLstmNetwork(shape, hyperparameters, 1)
      : createTransformerNetwork(shape, hyperparameters, 1);
  try {
    loadWeights(network.variables, weights);
  } catch (error) {
    tf.dispose([...network.variables]);
    throw error;
  }
  return network;
}

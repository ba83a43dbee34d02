import { InvalidInputError, quote } from '../../core/errors.js';
import { createLstmNetwork } from '../lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { createNhitsNetwork, loadNhitsNetwork } from '../nhits/nhits-network.js';
import { loadWeights } from '../training/network-weights.js';
import { createTransformerNetwork } from '../transformer/transformer-network.js';

/** The neural architectures the registry can build, train and restore. */
export const NEURAL_MODEL_KINDS = ['nhits', 'lstm', 'transformer'] as const;
export type NeuralModelKind = (typeof NEURAL_MODEL_KINDS)[number];

export function isNeuralModelKind(value: unknown): value is NeuralModelKind {
  return (NEURAL_MODEL_KINDS as readonly unknown[]).includes(value);
}

export function requireNeuralModelKind(value: unknown): NeuralModelKind {
  if (!isNeuralModelKind(value)) {
    throw new InvalidInputError(`model kind ${quote(value)} must be one of ${NEURAL_MODEL_KINDS.join(', ')}`);
  }
  return value;
}

/** A new, untrained network of `kind` (hyperparameters validated by the architecture's own schema). */
export function createNetwork(
  kind: NeuralModelKind,
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  seed: number,
): NeuralNetwork {
  switch (kind) {
    case 'nhits':
      return createNhitsNetwork(shape, hyperparameters, seed);
    case 'lstm':
      return createLstmNetwork(shape, hyperparameters, seed);
    case 'transformer':
      return createTransformerNetwork(shape, hyperparameters, seed);
    default:
      return requireNeuralModelKind(kind) as never;
  }
}

/**
 * Rebuilds a stored network from its weights. NHITS reads them straight into its layers (no random draws:
 * the cold-load path); the LSTM and the Transformer are built with a fixed seed and then overwritten with the
 * stored values. Either way every variable's shape is checked against the weights first, and a mismatch is
 * refused naming the first variable that differs; the network is disposed before the error propagates.
 */
export function restoreNetwork(
  kind: NeuralModelKind,
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  weights: Uint8Array,
): NeuralNetwork {
  if (kind === 'nhits') return loadNhitsNetwork(shape, hyperparameters, weights);
  const network = createNetwork(kind, shape, hyperparameters, 0);
  try {
    loadWeights(network.variables, weights);
  } catch (error) {
    disposeNetwork(network);
    throw error;
  }
  return network;
}

/** Frees a network's tensors: its own dispose when it has one (NHITS also holds constants), else its variables. */
export function disposeNetwork(network: NeuralNetwork): void {
  if (network.dispose !== undefined) network.dispose();
  else for (const variable of network.variables) variable.dispose();
}

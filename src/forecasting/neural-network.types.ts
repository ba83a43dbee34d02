import type { Tensor3D, Variable } from '@tensorflow/tfjs-core';

/**
 * The contract between the neural forecasting models (nhits/, lstm/, transformer/) and the shared training,
 * prediction and serialisation code (training/). A model is a pure function of its variables: the trainer owns
 * the optimizer, the loss (multi-quantile), scaling, batching and early stopping; the model only maps a batch
 * of input windows to quantile forecasts.
 *
 * Shapes:
 * - input  [batch, inputSize, channels]: channel 0 is the scaled target, channels 1.. are scaled exogenous
 *   features observed over the same input window (returns, volume, indicators, sentiment);
 * - output [batch, horizon, quantiles.length]: one value per horizon step and quantile level, in the scaled
 *   units of channel 0 (the trainer un-scales).
 */
export interface NeuralNetworkShape {
  readonly inputSize: number;
  readonly horizon: number;
  readonly channels: number;
  /** Quantile levels in (0, 1), ascending, e.g. [0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995]. */
  readonly quantiles: readonly number[];
}

export interface NeuralNetwork {
  readonly kind: 'nhits' | 'lstm' | 'transformer';
  readonly shape: NeuralNetworkShape;
  /**
   * The architecture's hyperparameters (plain JSON): with `shape` and the variables' values they rebuild the
   * network exactly (registry load).
   */
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** Trainable variables in a fixed order: serialisation writes and reads them in this order. */
  readonly variables: readonly Variable[];
  /** Forward pass; must be differentiable with respect to `variables` (used inside tf.variableGrads). */
  forward(input: Tensor3D): Tensor3D;
  /** A forecast-only path (no gradient bookkeeping) giving the same values as `forward`, when faster. */
  infer?(input: Tensor3D): Tensor3D;
  /** Switches training-only behaviour (dropout) on or off; the trainer turns it on only while fitting. */
  setTraining?(training: boolean): void;
  /** Frees the variables' memory (wasm heap); the network is unusable afterwards. */
  dispose?(): void;
}

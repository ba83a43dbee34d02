import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SeededRng } from '../../core/rng.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import { DenseLayer } from '../layers/dense.js';
import { checkWeightShapes, deserializeWeights } from '../training/network-weights.js';
import { blockLayerSizes, NhitsBlock, type LayerFactory, type NhitsBlockConfig } from './nhits-block.js';
import {
  forecastKnots,
  parseNhitsHyperparameters,
  validateNhitsShape,
  type NhitsHyperparameters,
} from './nhits-hyperparameters.js';

/**
 * NHITS (Challu, Olivares, Oreshkin, Garza, Mergenthaler-Canseco, Dubrawski: "N-HiTS: Neural Hierarchical
 * Interpolation for Time Series Forecasting", AAAI 2023), following neuralforecast's NHITS.forward:
 * - the target window is reversed in time (most recent value first), as neuralforecast flips insample_y, so
 *   ceil-mode pooling windows start at the latest value;
 * - the forecast starts at the last observed value (a naive level, neuralforecast's
 *   `forecast = insample_y[:, -1:, None]`) broadcast over horizon and quantiles;
 * - each block reads the residual, its backcast is subtracted (doubly residual stacking) and its forecast
 *   added, stack after stack (stacks s = 0 .. S-1 with blocksPerStack[s] blocks each, all of pooling kernel
 *   poolingKernelSizes[s] and forecastKnots(h, frequencyDownsample[s]) knots);
 * - exogenous channels 1.. of the input enter every block's MLP unpooled and unreversed, flattened
 *   time-major, as neuralforecast feeds hist_exog.
 * Weights are drawn from SeededRng(seed) block by block, layer by layer (kernel then bias), from
 * U(±1/√fan_in): PyTorch's nn.Linear default, which neuralforecast's NHITS keeps.
 */
/** The configuration of every block, stack by stack. */
export function nhitsBlockConfigs(
  shape: NeuralNetworkShape,
  hyperparameters: NhitsHyperparameters,
): NhitsBlockConfig[] {
  return hyperparameters.blocksPerStack.flatMap((blockCount, stack) =>
    Array.from({ length: blockCount }, () => ({
      inputSize: shape.inputSize,
      horizon: shape.horizon,
      quantileCount: shape.quantiles.length,
      exogenousFeatures: shape.inputSize * (shape.channels - 1),
      poolingKernel: hyperparameters.poolingKernelSizes[stack] as number,
      poolingMode: hyperparameters.poolingMode,
      knots: forecastKnots(shape.horizon, hyperparameters.frequencyDownsample[stack] as number),
      mlpUnits: hyperparameters.mlpUnits,
      dropout: hyperparameters.dropout,
    })),
  );
}

export class NhitsNetwork implements NeuralNetwork {
  readonly kind = 'nhits';
  readonly shape: NeuralNetworkShape;
  readonly hyperparameters: Readonly<NhitsHyperparameters>;
  readonly variables: readonly tf.Variable[];
  readonly blocks: readonly NhitsBlock[];
  private training = false;
  private readonly dropoutRng: SeededRng;

  /** Builds the blocks with `createLayer` (seeded or stored values); see createNhitsNetwork / loadNhitsNetwork. */
  constructor(
    shape: NeuralNetworkShape,
    hyperparameters: NhitsHyperparameters,
    createLayer: LayerFactory,
    dropoutSeed: number,
  ) {
    validateNhitsShape(shape);
    this.shape = { ...shape, quantiles: [...shape.quantiles] };
    this.hyperparameters = hyperparameters;
    this.dropoutRng = new SeededRng(dropoutSeed);
    this.blocks = nhitsBlockConfigs(shape, hyperparameters).map(
      (config) => new NhitsBlock(config, createLayer),
    );
    this.variables = this.blocks.flatMap((block) => block.variables);
  }

  /** While true (the trainer sets it around gradient steps), dropout is active; forecasts run with it off. */
  setTraining(training: boolean): void {
    this.training = training;
  }

  /** The differentiable forward pass (training, gradient checks). */
  forward(input: tf.Tensor3D): tf.Tensor3D {
    return this.run(input, true);
  }

  /**
   * The same function, faster, for forecasting only: fused kernels and a cached fold of each block's linear
   * projection into its next layer (NhitsBlock.infer); no dropout. Not differentiable through the cache.
   */
  infer(input: tf.Tensor3D): tf.Tensor3D {
    return this.run(input, false);
  }

  private run(input: tf.Tensor3D, differentiable: boolean): tf.Tensor3D {
    const { inputSize, channels } = this.shape;
    const [batch, time, width] = input.shape;
    if (time !== inputSize || width !== channels) {
      throw new InvalidInputError(
        `nhits input shape ${quote(input.shape)} must be [batch, ${inputSize}, ${channels}]`,
      );
    }
    const target = tf.reshape(tf.slice(input, [0, 0, 0], [batch, inputSize, 1]), [batch, inputSize]);
    const exogenous =
      channels > 1
        ? tf.reshape<tf.Rank.R2>(tf.slice(input, [0, 0, 1], [batch, inputSize, channels - 1]), [batch, -1])
        : undefined;
    let residual = tf.reverse(target, 1) as tf.Tensor2D;
    // The naive level: the last observed value, broadcast over horizon and quantiles by the first addition.
    let forecast: tf.Tensor = tf.reshape(tf.slice(target, [0, inputSize - 1], [batch, 1]), [batch, 1, 1]);
    const dropoutSeed =
      differentiable && this.training && this.hyperparameters.dropout > 0
        ? this.dropoutRng.int(0, 2 ** 31 - 1)
        : undefined;
    this.blocks.forEach((block, index) => {
      const output = differentiable
        ? block.apply(residual, exogenous, dropoutSeed === undefined ? undefined : dropoutSeed + 1000 * index)
        : block.infer(residual, exogenous);
      // The last block's backcast explains nothing further down: skip its subtraction.
      if (index < this.blocks.length - 1) residual = tf.sub(residual, output.backcast);
      forecast = tf.add(forecast, output.forecast);
    });
    return forecast as tf.Tensor3D;
  }

  /** Frees the variables and constants; the network is unusable afterwards. */
  dispose(): void {
    tf.dispose([...this.variables]);
    for (const block of this.blocks) block.disposeConstants();
  }
}

/**
 * Builds a new NHITS network from plain JSON hyperparameters (validated, defaults filled in): weights drawn from
 * SeededRng(seed), block by block, layer by layer, kernel then bias; dropout masks from a fork of it.
 */
export function createNhitsNetwork(
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  seed: number,
): NhitsNetwork {
  const rng = new SeededRng(seed);
  const dropoutSeed = rng.fork().nextUint32() | 0;
  return new NhitsNetwork(
    shape,
    parseNhitsHyperparameters(hyperparameters),
    (inputUnits, outputUnits) => DenseLayer.create(rng, inputUnits, outputUnits),
    dropoutSeed,
  );
}

/**
 * Rebuilds a stored NHITS network (the model registry's load) directly from its serialised weights
 * (training/network-weights.ts), drawing no random numbers. Refuses weights whose variable count or shapes do
 * not match the architecture, naming the first difference.
 */
export function loadNhitsNetwork(
  shape: NeuralNetworkShape,
  hyperparameters: unknown,
  weights: Uint8Array,
  dropoutSeed = 1,
): NhitsNetwork {
  const parsed = parseNhitsHyperparameters(hyperparameters);
  validateNhitsShape(shape);
  const stored = deserializeWeights(weights);
  const expected = nhitsBlockConfigs(shape, parsed).flatMap((config) =>
    blockLayerSizes(config).flatMap(([inputs, outputs]) => [[inputs, outputs], [outputs]]),
  );
  checkWeightShapes(stored, expected);
  let next = 0;
  return new NhitsNetwork(
    shape,
    parsed,
    (inputUnits, outputUnits) => {
      const layer = DenseLayer.fromValues(
        inputUnits,
        outputUnits,
        stored.values[next] as Float32Array,
        stored.values[next + 1],
      );
      next += 2;
      return layer;
    },
    dropoutSeed,
  );
}

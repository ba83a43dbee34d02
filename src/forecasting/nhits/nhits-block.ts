import * as tf from '@tensorflow/tfjs-core';
import { dense, type DenseLayer } from '../layers/dense.js';
import { interpolateLinear, linearInterpolationMatrix } from '../layers/interpolation.js';
import { pooledLength, poolTime, type PoolingMode } from '../layers/pooling.js';

export interface NhitsBlockConfig {
  readonly inputSize: number;
  readonly horizon: number;
  readonly quantileCount: number;
  /** Exogenous values per window flattened into the MLP input: inputSize × (channels - 1). */
  readonly exogenousFeatures: number;
  readonly poolingKernel: number;
  readonly poolingMode: PoolingMode;
  readonly knots: number;
  readonly mlpUnits: ReadonlyArray<readonly [number, number]>;
  readonly dropout: number;
}

export interface BlockOutput {
  /** [batch, inputSize]: the part of the (time-reversed) input window this block explains. */
  readonly backcast: tf.Tensor2D;
  /** [batch, horizon, quantiles]. */
  readonly forecast: tf.Tensor3D;
}

/** Makes the block's dense layers in order (seeded draws for a new network, stored values for a loaded one). */
export type LayerFactory = (inputUnits: number, outputUnits: number) => DenseLayer;

/**
 * [inputs, outputs] of each dense layer of a block: projection of the pooled input (+ exogenous features),
 * one layer per mlpUnits pair, output to θ = inputSize + quantiles × knots.
 */
export function blockLayerSizes(config: NhitsBlockConfig): Array<[number, number]> {
  const mlpInput = pooledLength(config.inputSize, config.poolingKernel) + config.exogenousFeatures;
  const first = config.mlpUnits[0] as readonly [number, number];
  const last = config.mlpUnits[config.mlpUnits.length - 1] as readonly [number, number];
  const theta = config.inputSize + config.quantileCount * config.knots;
  return [
    [mlpInput, first[0]],
    ...config.mlpUnits.map(([inputs, outputs]): [number, number] => [inputs, outputs]),
    [last[1], theta],
  ];
}

/** The first two layers multiplied out for inference, with the variable data they were computed from. */
interface FoldedProjection {
  readonly sources: readonly object[];
  readonly kernel: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/**
 * One NHITS block (Challu et al. 2023, §3; neuralforecast's NHITSBlock with its _IdentityBasis):
 * 1. multi-rate sampling: MaxPool1d / AvgPool1d of the residual window with kernel k, stride k, ceil mode;
 * 2. exogenous history (not pooled) flattened time-major and appended, as neuralforecast does with hist_exog;
 * 3. MLP: linear projection, then Linear + ReLU (+ dropout) per mlpUnits pair, then linear output θ;
 * 4. θ = [backcast coefficients (inputSize) | forecast knots (quantiles × knots, knots contiguous per
 *    quantile)]; the backcast is used as is (identity basis), the knots are linearly interpolated to the
 *    horizon (hierarchical interpolation).
 * `apply` is the differentiable path (dense layers with the custom gradient); the projection, which has no
 * activation, is multiplied into the next layer when that is cheaper: (x·W0 + b0)·W1 + b1 = x·(W0·W1) +
 * (b0·W1 + b1), one 512 × 512 product per window fewer. `infer` computes the same function faster for
 * forecasting: fused matMul + bias + ReLU kernels and the folded projection cached until the variables' data
 * change (Adam and weight loads replace a variable's data, which this detects).
 */
export class NhitsBlock {
  readonly config: NhitsBlockConfig;
  readonly layers: readonly DenseLayer[];
  private readonly interpolation: tf.Tensor2D;
  private folded: FoldedProjection | undefined;

  constructor(config: NhitsBlockConfig, createLayer: LayerFactory) {
    this.config = config;
    this.layers = blockLayerSizes(config).map(([inputs, outputs]) => createLayer(inputs, outputs));
    this.interpolation = tf.tensor2d(linearInterpolationMatrix(config.knots, config.horizon), [
      config.knots,
      config.horizon,
    ]);
  }

  /** Kernel, bias of each layer in order: the serialisation order. */
  get variables(): tf.Variable[] {
    return this.layers.flatMap((layer) => layer.variables);
  }

  private mlpInput(residual: tf.Tensor2D, exogenous: tf.Tensor2D | undefined): tf.Tensor2D {
    const { poolingKernel, poolingMode } = this.config;
    const pooled = poolTime(residual, poolingKernel, poolingMode) as tf.Tensor2D;
    return exogenous === undefined ? pooled : tf.concat([pooled, exogenous], 1);
  }

  private basis(theta: tf.Tensor2D, differentiable: boolean): BlockOutput {
    const { inputSize, horizon, quantileCount, knots } = this.config;
    const batch = theta.shape[0];
    const backcast = tf.slice(theta, [0, 0], [batch, inputSize]);
    const knotValues = tf.reshape(tf.slice(theta, [0, inputSize], [batch, quantileCount * knots]), [
      batch * quantileCount,
      knots,
    ]);
    const interpolated = differentiable
      ? interpolateLinear(knotValues, this.interpolation)
      : tf.matMul(knotValues, this.interpolation);
    const path = tf.reshape(interpolated, [batch, quantileCount, horizon]);
    return { backcast, forecast: tf.transpose(path, [0, 2, 1]) as tf.Tensor3D };
  }

  /**
   * residual [batch, inputSize] (time-reversed, most recent first), exogenous [batch, features] or undefined;
   * `dropoutSeed` is set while training with dropout > 0.
   */
  apply(residual: tf.Tensor2D, exogenous: tf.Tensor2D | undefined, dropoutSeed?: number): BlockOutput {
    const { dropout } = this.config;
    const count = this.layers.length;
    let hidden: tf.Tensor = tf.relu(this.projectThenFirstHidden(this.mlpInput(residual, exogenous)));
    for (let index = 1; index < count - 1; index++) {
      if (index > 1) hidden = tf.relu((this.layers[index] as DenseLayer).apply(hidden));
      if (dropoutSeed !== undefined && dropout > 0) {
        hidden = tf.dropout(hidden, dropout, undefined, dropoutSeed + index);
      }
    }
    return this.basis((this.layers[count - 1] as DenseLayer).apply(hidden) as tf.Tensor2D, true);
  }

  /**
   * (x·W0 + b0)·W1 + b1, the projection and the first hidden layer before its activation, differentiably. When
   * cheaper, as x·(W0·W1) + (b0·W1 + b1): the same function of the same parameters (so the same gradients, up
   * to rounding), with the 512 × 512 product done once on the weights instead of once per window; for a batch
   * of 1024 windows of 12 pooled inputs this removes a third of the training step's arithmetic.
   */
  private projectThenFirstHidden(x: tf.Tensor2D): tf.Tensor {
    const [projection, next] = this.layers as [DenseLayer, DenseLayer];
    const batch = x.shape[0];
    const [inputs, middle, outputs] = [projection.inputUnits, projection.outputUnits, next.outputUnits];
    const foldedCost = inputs * middle * outputs + batch * inputs * outputs;
    const plainCost = batch * inputs * middle + batch * middle * outputs;
    if (foldedCost >= plainCost) return next.apply(projection.apply(x));
    const kernel = dense(projection.kernel, next.kernel) as tf.Tensor2D;
    const bias =
      projection.bias === undefined
        ? next.bias
        : tf.reshape<tf.Rank.R1>(dense(tf.reshape(projection.bias, [1, middle]), next.kernel, next.bias), [
            outputs,
          ]);
    return dense(x, kernel, bias);
  }

  /** The same function as `apply` without dropout, for forecasting only (no gradient flows to the cache). */
  infer(residual: tf.Tensor2D, exogenous: tf.Tensor2D | undefined): BlockOutput {
    const count = this.layers.length;
    const projection = this.foldedProjection();
    let hidden = tf.fused.matMul({
      a: this.mlpInput(residual, exogenous),
      b: projection.kernel,
      bias: projection.bias,
      activation: 'relu',
    }) as tf.Tensor2D;
    for (let index = 2; index < count; index++) {
      const layer = this.layers[index] as DenseLayer;
      hidden = tf.fused.matMul({
        a: hidden,
        b: layer.kernel,
        ...(layer.bias === undefined ? {} : { bias: layer.bias }),
        activation: index < count - 1 ? 'relu' : 'linear',
      }) as tf.Tensor2D;
    }
    return this.basis(hidden, false);
  }

  private foldedProjection(): FoldedProjection {
    const [projection, next] = this.layers as [DenseLayer, DenseLayer];
    const sources = [
      projection.kernel.dataId,
      projection.bias?.dataId,
      next.kernel.dataId,
      next.bias?.dataId,
    ].filter((source) => source !== undefined);
    const cached = this.folded;
    if (cached !== undefined && cached.sources.every((source, index) => source === sources[index]))
      return cached;
    this.disposeFolded();
    const folded = tf.tidy(() => {
      const kernel = tf.matMul(projection.kernel, next.kernel);
      let bias: tf.Tensor =
        projection.bias === undefined
          ? tf.zeros([next.outputUnits])
          : tf.reshape(tf.matMul(tf.reshape(projection.bias, [1, -1]), next.kernel), [-1]);
      if (next.bias !== undefined) bias = tf.add(bias, next.bias);
      // A fresh rank-1 tensor: the wasm fused kernel reads the shape its data was created with, and refuses a
      // reshaped [1, n] bias.
      return {
        kernel: tf.keep(kernel) as tf.Tensor2D,
        bias: tf.keep(tf.tensor1d(bias.dataSync() as Float32Array)),
      };
    });
    const result: FoldedProjection = { sources, ...folded };
    this.folded = result;
    return result;
  }

  private disposeFolded(): void {
    if (this.folded === undefined) return;
    tf.dispose([this.folded.kernel, this.folded.bias]);
    this.folded = undefined;
  }

  /** Frees the constants and the inference cache (the variables belong to the network). */
  disposeConstants(): void {
    this.interpolation.dispose();
    this.disposeFolded();
  }
}

import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import { initialVariable, type Initializer } from './initializers.js';

/**
 * Fully connected layer y = x·W + b with a hand-written gradient (tf.customGrad):
 *   dL/dx = dy·Wᵀ, dL/dW = xᵀ·dy, dL/db = Σ_batch dy,
 * where the transposes are explicit `tf.transpose` ops before a plain matMul. On the wasm backend this is
 * about 4x faster than the autograd of `tf.matMul(x, W)`, whose gradient uses matMul's transpose flags and
 * falls off XNNPACK's fast path (see runtime/tensor-runtime.ts). The bias gradient Σ_batch dy is computed as
 * the product 1ᵀ·dy: on wasm a column sum (tf.sum(dy, 0)) of a 1024 × 512 gradient takes about 7 ms, the
 * product 0.1 ms. The gradient is verified against finite differences in dense.test.ts.
 */
const denseWithBias = tf.customGrad((...inputs) => {
  const [x, kernel, bias, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, kernel]);
  return {
    value: tf.add(tf.matMul(x, kernel), bias),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedKernel] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [
        tf.matMul(dy, tf.transpose(savedKernel)),
        tf.matMul(tf.transpose(savedX), dy),
        tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1] as number]),
      ];
    },
  };
});

const denseWithoutBias = tf.customGrad((...inputs) => {
  const [x, kernel, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, kernel]);
  return {
    value: tf.matMul(x, kernel),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedKernel] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy, tf.transpose(savedKernel)), tf.matMul(tf.transpose(savedX), dy)];
    },
  };
});

/**
 * x·W (+ b) for x of any rank >= 2 whose last axis has W's row count: leading axes are flattened into the
 * batch and restored afterwards, so [batch, time, features] inputs work as well as [batch, features].
 */
export function dense(x: tf.Tensor, kernel: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  const inputUnits = kernel.shape[0];
  const outputUnits = kernel.shape[1];
  if (x.rank < 2 || x.shape[x.rank - 1] !== inputUnits) {
    throw new InvalidInputError(`dense input shape ${quote(x.shape)} must end in ${inputUnits} features`);
  }
  const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inputUnits]);
  const output = bias === undefined ? denseWithoutBias(flat, kernel) : denseWithBias(flat, kernel, bias);
  return x.rank === 2 ? output : tf.reshape(output, [...x.shape.slice(0, -1), outputUnits]);
}

export interface DenseLayerOptions {
  /** Weight initializer; `uniform-fan-in` (PyTorch nn.Linear's default) unless given. */
  readonly initializer?: Initializer;
  /** Bias initializer; the same as the weights' unless given (PyTorch draws both from U(±1/√fan_in)). */
  readonly biasInitializer?: Initializer;
  /** Whether the layer adds a bias; true unless given. */
  readonly useBias?: boolean;
}

/** A dense layer owning its variables: kernel [inputUnits, outputUnits], then bias [outputUnits]. */
export class DenseLayer {
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1> | undefined;

  private constructor(kernel: tf.Variable<tf.Rank.R2>, bias: tf.Variable<tf.Rank.R1> | undefined) {
    this.kernel = kernel;
    this.bias = bias;
  }

  /** Draws the kernel then the bias from `rng`, in that order (the order fixes the weights for a seed). */
  static create(
    rng: SeededRng,
    inputUnits: number,
    outputUnits: number,
    options: DenseLayerOptions = {},
  ): DenseLayer {
    const initializer = options.initializer ?? 'uniform-fan-in';
    const kernel = initialVariable(initializer, [inputUnits, outputUnits], inputUnits, outputUnits, rng);
    const bias =
      options.useBias === false
        ? undefined
        : initialVariable(
            options.biasInitializer ?? initializer,
            [outputUnits],
            inputUnits,
            outputUnits,
            rng,
          );
    return new DenseLayer(kernel as tf.Variable<tf.Rank.R2>, bias as tf.Variable<tf.Rank.R1> | undefined);
  }

  /**
   * A layer holding given values (a stored model): kernel [inputUnits, outputUnits] row-major, bias
   * [outputUnits] or undefined for a layer without bias. No random numbers are drawn, so loading is fast.
   */
  static fromValues(
    inputUnits: number,
    outputUnits: number,
    kernel: Float32Array,
    bias: Float32Array | undefined,
  ): DenseLayer {
    if (kernel.length !== inputUnits * outputUnits || (bias !== undefined && bias.length !== outputUnits)) {
      throw new InvalidInputError(
        `dense ${inputUnits}x${outputUnits} values: kernel of ${kernel.length} and bias of ${quote(bias?.length)} ` +
          `must hold ${inputUnits * outputUnits} and ${outputUnits}`,
      );
    }
    const [kernelVariable, biasVariable] = tf.tidy(() => [
      tf.variable<tf.Rank.R2>(tf.tensor2d(kernel, [inputUnits, outputUnits]), true),
      bias === undefined ? undefined : tf.variable<tf.Rank.R1>(tf.tensor1d(bias), true),
    ]);
    return new DenseLayer(kernelVariable, biasVariable);
  }

  get inputUnits(): number {
    return this.kernel.shape[0];
  }

  get outputUnits(): number {
    return this.kernel.shape[1];
  }

  /** Kernel then bias (when present): the serialisation order. */
  get variables(): tf.Variable[] {
    return this.bias === undefined ? [this.kernel] : [this.kernel, this.bias];
  }

  apply(x: tf.Tensor): tf.Tensor {
    return dense(x, this.kernel, this.bias);
  }
}

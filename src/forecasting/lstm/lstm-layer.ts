import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import { initialValues } from '../layers/initializers.js';
import { lstmSequence } from './lstm-sequence.js';

/**
 * One LSTM layer (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000): its variables and
 * the fused recurrence of lstm-sequence.ts. Layout as PyTorch's nn.LSTM (transposed): W [inputUnits, 4H],
 * U [H, 4H], b [4H], gate blocks in the order i, f, g, o.
 *
 * Initialisation: W and U from U(-1/√H, 1/√H), PyTorch's nn.LSTM default; the bias is zero except the forget
 * gate's block, which starts at 1 (Gers et al. 2000; Jozefowicz et al. 2015; Keras' `unit_forget_bias`):
 * common practice, so that the cell keeps its memory early in training and gradients flow back through c.
 */
export class LstmLayer {
  readonly inputKernel: tf.Variable<tf.Rank.R2>;
  readonly recurrentKernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;

  private constructor(
    inputKernel: tf.Variable<tf.Rank.R2>,
    recurrentKernel: tf.Variable<tf.Rank.R2>,
    bias: tf.Variable<tf.Rank.R1>,
  ) {
    this.inputKernel = inputKernel;
    this.recurrentKernel = recurrentKernel;
    this.bias = bias;
  }

  /** Draws W then U from `rng` (the order fixes the weights for a seed). */
  static create(rng: SeededRng, inputUnits: number, hiddenSize: number): LstmLayer {
    if (!(Number.isInteger(inputUnits) && inputUnits >= 1)) {
      throw new InvalidInputError(`lstm layer inputUnits ${quote(inputUnits)} must be an integer >= 1`);
    }
    if (!(Number.isInteger(hiddenSize) && hiddenSize >= 1)) {
      throw new InvalidInputError(`lstm layer hiddenSize ${quote(hiddenSize)} must be an integer >= 1`);
    }
    const gates = 4 * hiddenSize;
    // uniform-fan-in with fan_in = H gives PyTorch's bound 1/√hidden_size for both kernels.
    const inputValues = initialValues('uniform-fan-in', inputUnits * gates, hiddenSize, gates, rng);
    const recurrentValues = initialValues('uniform-fan-in', hiddenSize * gates, hiddenSize, gates, rng);
    const biasValues = new Float32Array(gates).fill(1, hiddenSize, 2 * hiddenSize);
    let layer: LstmLayer | undefined;
    // The tidy releases the initial tensors the variables are made from (variables survive a tidy).
    tf.tidy(() => {
      layer = new LstmLayer(
        tf.variable(tf.tensor2d(inputValues, [inputUnits, gates]), true),
        tf.variable(tf.tensor2d(recurrentValues, [hiddenSize, gates]), true),
        tf.variable(tf.tensor1d(biasValues), true),
      );
    });
    return layer as LstmLayer;
  }

  get inputUnits(): number {
    return this.inputKernel.shape[0];
  }

  get hiddenSize(): number {
    return this.recurrentKernel.shape[0];
  }

  /** W, U, b: the serialisation order. */
  get variables(): tf.Variable[] {
    return [this.inputKernel, this.recurrentKernel, this.bias];
  }

  /** Hidden states h_1 .. h_T [T, batch, H] of the time-major `sequence` [T, batch, inputUnits]. */
  run(sequence: tf.Tensor3D): tf.Tensor3D {
    if (sequence.shape[2] !== this.inputUnits) {
      throw new InvalidInputError(
        `lstm layer input shape ${quote(sequence.shape)} must be [time, batch, ${this.inputUnits}]`,
      );
    }
    return lstmSequence(sequence, this.inputKernel, this.recurrentKernel, this.bias);
  }
}

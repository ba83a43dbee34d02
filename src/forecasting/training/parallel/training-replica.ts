import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { InvalidInputError, invariant, quote } from '../../../core/errors.js';
import type { NeuralNetwork } from '../../neural-network.types.js';
import { AdamOptimizer } from '../adam.js';
import { multiQuantileLoss } from '../mq-loss.js';
import type { ScalerState } from '../scalers.js';
import { buildBatch } from '../series-windows.js';
import { rebuildNetwork, type NetworkBlueprint } from './rebuild-network.js';
import {
  gradientSlot,
  partitionVariables,
  shareBoundaries,
  sharedChannels,
  type SharedTrainingMemory,
} from './shared-training-memory.js';
import { StepBarrier } from './step-barrier.js';

/**
 * Copies a float32 tensor's values into `target` at `offset` straight from the wasm heap (BackendWasm's own
 * zero-copy view, used at once, before anything can grow the heap). `dataSync()` would allocate a fresh array
 * per call: for 2.5 M parameters that is 10 MB of garbage per step and worker, which made V8 run about one
 * major collection per step in each worker.
 */
function copyTensor(tensor: tf.Tensor, target: Float32Array, offset = 0): void {
  const backend = tf.backend();
  const values = backend instanceof BackendWasm ? backend.typedArrayFromHeap(tensor) : tensor.dataSync();
  target.set(values, offset);
}

export interface ReplicaSetup {
  readonly blueprint: NetworkBlueprint;
  readonly memory: SharedTrainingMemory;
  readonly scaler: ScalerState;
  /** This replica's worker index w in [0, memory.workers). */
  readonly index: number;
  readonly dropoutSeed: number;
}

/**
 * One worker's copy of the network in data-parallel training. Every replica starts from the same weights and
 * ends every step with the same weights. A step:
 * 1. build the scaled windows of this worker's share of the batch (from the shared series), compute their mean
 *    MQLoss and its gradients, and write the gradients into this worker's shared slot, the loss into its word;
 * 2. barrier: every worker has written;
 * 3. the batch loss is Σ_w n_w·loss_w / B (n_w windows of worker w, B the batch); if it is not finite nothing
 *    is updated (the coordinator then stops training, as the single-thread trainer does);
 * 4. for each variable this worker owns (partitionVariables), average the slots in worker order,
 *    g = Σ_w n_w·g_w / B, which is the gradient of the whole batch's mean loss, apply the trainer's
 *    AdamOptimizer (unchanged) and publish the new values in the shared weights;
 * 5. barrier: every variable has been updated; load the variables owned by the other workers from the shared
 *    weights.
 * Why sharded rather than every replica applying the whole update: for NHITS's default 2.5 M parameters one
 * Adam update costs about 35 ms on this runtime; replicated, each worker would pay it every step, sharded each
 * pays about half plus about 2 ms to publish and load weights (measured on the 2-core VM, batch 1024, where a
 * worker's gradient share takes about 250 ms). Broadcasting from the main thread would instead leave the
 * workers idle during the whole update.
 * The slots are summed in float64 in the same order whatever the thread timing, so runs with the same worker
 * count give bit-identical weights. A different worker count sums different partial means, so 1 and 2
 * workers agree only up to float rounding.
 */
export class TrainingReplica {
  readonly network: NeuralNetwork;
  readonly index: number;
  private readonly memory: SharedTrainingMemory;
  private readonly scaler: ScalerState;
  private readonly barrier: StepBarrier;
  private readonly channels: Float64Array[];
  private readonly slots: Float32Array[];
  private readonly losses: Float64Array;
  private readonly weights: Float32Array;
  /** Start of each variable in a gradient slot and in the shared weights. */
  private readonly offsets: number[];
  /** Indices of the variables whose update this worker computes, and their optimizer. */
  private readonly owned: number[];
  private readonly owns: boolean[];
  private readonly optimizer: AdamOptimizer;
  /** The averaged gradient of the owned variables, reused every step (at their offsets). */
  private readonly average: Float32Array;

  constructor(setup: ReplicaSetup) {
    const { memory, index } = setup;
    invariant(
      Number.isInteger(index) && index >= 0 && index < memory.workers,
      `replica ${index} of ${memory.workers}`,
    );
    this.network = rebuildNetwork(setup.blueprint, setup.dropoutSeed);
    this.index = index;
    this.memory = memory;
    this.scaler = setup.scaler;
    const variables = this.network.variables;
    let offset = 0;
    this.offsets = variables.map((variable) => {
      const start = offset;
      offset += variable.size;
      return start;
    });
    invariant(
      offset === memory.parameterCount,
      `network has ${offset} parameters, memory ${memory.parameterCount}`,
    );
    const owners = partitionVariables(
      variables.map((variable) => variable.size),
      memory.workers,
    );
    this.owns = owners.map((owner) => owner === index);
    this.owned = variables.flatMap((_, v) => (this.owns[v] === true ? [v] : []));
    this.optimizer = new AdamOptimizer(this.owned.map((v) => variables[v] as tf.Variable));
    this.barrier = new StepBarrier(memory.control, memory.workers);
    this.channels = sharedChannels(memory);
    this.slots = Array.from({ length: memory.workers }, (_, worker) => gradientSlot(memory, worker));
    this.losses = new Float64Array(memory.losses);
    this.weights = new Float32Array(memory.weights);
    this.average = new Float32Array(memory.parameterCount);
  }

  /**
   * One synchronous training step over this worker's `origins` (its share of a batch of `batchSize` windows,
   * see shareBoundaries). Blocks at the barriers until every worker is there. Returns the batch's mean loss.
   */
  step(origins: Int32Array, batchSize: number, learningRate: number): number {
    const boundaries = shareBoundaries(batchSize, this.memory.workers);
    const share = (boundaries[this.index + 1] as number) - (boundaries[this.index] as number);
    if (origins.length !== share) {
      throw new InvalidInputError(
        `worker ${this.index} got ${origins.length} windows, its share of ${batchSize} is ${share}`,
      );
    }
    const present = this.computeGradients(origins);
    this.barrier.arriveAndWait();
    const counts = boundaries.slice(1).map((end, w) => end - (boundaries[w] as number));
    let loss = 0;
    counts.forEach((count, w) => (loss += count * (this.losses[w] as number)));
    loss /= batchSize;
    if (!Number.isFinite(loss)) return loss;
    this.updateOwnedVariables(present, counts, batchSize, learningRate);
    this.barrier.arriveAndWait();
    const variables = this.network.variables;
    tf.tidy(() => {
      variables.forEach((variable, v) => {
        if (!present[v] || this.owns[v] === true) return;
        variable.assign(tf.tensor(this.weightsOf(v), variable.shape, 'float32'));
      });
    });
    return loss;
  }

  /** Copies this replica's weights, every variable, into the shared weights (tests compare replicas so). */
  writeWeights(): void {
    this.network.variables.forEach((variable, v) => copyTensor(variable, this.weightsOf(v)));
  }

  /** Ends the run for every worker: peers waiting at a barrier wake and throw. */
  abort(): void {
    this.barrier.abort();
  }

  dispose(): void {
    this.optimizer.dispose();
    if (this.network.dispose !== undefined) this.network.dispose();
    else tf.dispose([...this.network.variables]);
  }

  /** Step 1: gradients of this worker's windows into its slot; returns which variables have a gradient. */
  private computeGradients(origins: Int32Array): boolean[] {
    const { inputSize, horizon, channels, quantiles } = this.network.shape;
    const last = this.memory.seriesLength - horizon;
    const outside = origins.find((origin) => origin < inputSize || origin > last);
    if (outside !== undefined) {
      throw new InvalidInputError(`window origin ${quote(outside)} must be in [${inputSize}, ${last}]`);
    }
    const batch = buildBatch(this.channels, origins, inputSize, horizon, this.scaler, true);
    const variables = this.network.variables;
    const present = variables.map(() => false);
    const slot = this.slots[this.index] as Float32Array;
    this.network.setTraining?.(true);
    try {
      tf.tidy(() => {
        const x = tf.tensor3d(batch.input, [batch.size, inputSize, channels]);
        const y = tf.tensor2d(batch.target as Float32Array, [batch.size, horizon]);
        const { value, grads } = tf.variableGrads(
          () => multiQuantileLoss(this.network.forward(x), y, quantiles),
          [...variables],
        );
        this.losses[this.index] = value.dataSync()[0] as number;
        variables.forEach((variable, v) => {
          const gradient = grads[variable.name];
          if (gradient === undefined) return;
          present[v] = true;
          copyTensor(gradient, slot, this.offsets[v]);
        });
      });
    } finally {
      this.network.setTraining?.(false);
    }
    return present;
  }

  /** Step 4: average the owned variables' gradients, apply Adam to them, publish their new values. */
  private updateOwnedVariables(
    present: readonly boolean[],
    counts: readonly number[],
    batchSize: number,
    learningRate: number,
  ): void {
    const variables = this.network.variables;
    for (const v of this.owned) {
      if (present[v]) this.averageGradient(v, counts, batchSize);
    }
    this.optimizer.learningRate = learningRate;
    tf.tidy(() =>
      this.optimizer.applyGradients(
        this.owned.map((v) => {
          if (!present[v]) return undefined;
          const variable = variables[v] as tf.Variable;
          const start = this.offsets[v] as number;
          return tf.tensor(this.average.subarray(start, start + variable.size), variable.shape, 'float32');
        }),
      ),
    );
    for (const v of this.owned) {
      if (present[v]) copyTensor(variables[v] as tf.Variable, this.weightsOf(v));
    }
  }

  /** average[j] = Σ_w n_w·slot_w[j] / B over variable v's range, summed in float64 in worker order. */
  private averageGradient(v: number, counts: readonly number[], batchSize: number): void {
    const { average, slots } = this;
    const start = this.offsets[v] as number;
    const end = start + (this.network.variables[v] as tf.Variable).size;
    for (let j = start; j < end; j++) {
      let sum = 0;
      for (let w = 0; w < slots.length; w++)
        sum += (counts[w] as number) * ((slots[w] as Float32Array)[j] as number);
      average[j] = sum / batchSize;
    }
  }

  private weightsOf(v: number): Float32Array {
    const start = this.offsets[v] as number;
    return this.weights.subarray(start, start + (this.network.variables[v] as tf.Variable).size);
  }
}

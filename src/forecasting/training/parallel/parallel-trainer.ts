import * as tf from '@tensorflow/tfjs-core';
import type { Worker } from 'node:worker_threads';
import { InvalidInputError, NeuralTraderError, quote } from '../../../core/errors.js';
import { SeededRng } from '../../../core/rng.js';
import type { NeuralNetwork } from '../../neural-network.types.js';
import { serializeWeights } from '../network-weights.js';
import type { ScalerState } from '../scalers.js';
import {
  allocateTrainingMemory,
  shareBoundaries,
  type SharedTrainingMemory,
} from './shared-training-memory.js';
import { StepBarrier } from './step-barrier.js';
import type {
  TrainingWorkerData,
  TrainingWorkerMessage,
  TrainingWorkerRequest,
} from './training-worker.types.js';
import { startWorkerThread } from './worker-thread.js';

export interface ParallelTrainerOptions {
  /** The coordinator's network: its weights are the replicas' start, and pullWeights() writes back into it. */
  readonly network: NeuralNetwork;
  /** The series' channels, target first (copied once into shared memory). */
  readonly channels: readonly Float64Array[];
  readonly scaler: ScalerState;
  /** Worker threads, >= 1. */
  readonly workers: number;
  /** Seeds the replicas' dropout masks: replica w draws from its own stream, the same in every run. */
  readonly seed: number;
  /** The worker entry (default training-worker.js beside this module; tests substitute failing ones). */
  readonly workerUrl?: URL;
}

type ReplyType = Exclude<TrainingWorkerMessage['type'], 'error'>;
type Reply<T extends ReplyType> = Extract<TrainingWorkerMessage, { type: T }>;

interface Pending {
  readonly expected: ReplyType;
  readonly replies: Map<number, TrainingWorkerMessage>;
  readonly from: ReadonlySet<number>;
  readonly resolve: (replies: Map<number, TrainingWorkerMessage>) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The coordinator of synchronous data-parallel training (training-replica.ts describes one worker's step).
 * The main thread draws each batch exactly as the single-thread trainer does and posts worker w the w-th
 * share of its origins; the workers exchange gradients and updated weights through shared memory and meet at
 * barriers (Atomics), so a step costs two small messages per worker (origins out, loss back) and the main
 * thread stays free while they compute. The coordinator's own network is untouched until pullWeights() copies
 * the shared weights into it (trainNetwork does so before each validation check and at the end).
 * A failure in any worker rejects the pending call with the worker's message and typed code, aborts the
 * barrier (peers blocked in it wake up), and makes every later call reject the same way; close() terminates
 * the threads (trainNetwork closes in a finally, so no thread outlives a training run).
 */
export class ParallelTrainer {
  readonly workers: number;
  private readonly network: NeuralNetwork;
  private readonly memory: SharedTrainingMemory;
  private readonly barrier: StepBarrier;
  private readonly threads: Worker[] = [];
  private pending: Pending | null = null;
  private failure: Error | null = null;
  private closing = false;

  private constructor(options: ParallelTrainerOptions) {
    const { network, workers } = options;
    if (!(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
      throw new InvalidInputError(`workers ${quote(workers)} must be an integer in [1, 64]`);
    }
    this.workers = workers;
    this.network = network;
    const initial = new Float32Array(network.variables.reduce((sum, variable) => sum + variable.size, 0));
    let offset = 0;
    for (const variable of network.variables) {
      initial.set(variable.dataSync(), offset);
      offset += variable.size;
    }
    this.memory = allocateTrainingMemory(options.channels, initial, workers);
    this.barrier = new StepBarrier(this.memory.control, workers);
    const blueprint = {
      kind: network.kind,
      shape: network.shape,
      hyperparameters: network.hyperparameters,
      weights: serializeWeights(network.variables),
    };
    const seeds = new SeededRng(options.seed);
    const entry = options.workerUrl ?? new URL('./training-worker.js', import.meta.url);
    for (let index = 0; index < workers; index++) {
      const data: TrainingWorkerData = {
        blueprint,
        memory: this.memory,
        scaler: options.scaler,
        index,
        dropoutSeed: seeds.nextUint32() | 0,
      };
      this.threads.push(this.watch(startWorkerThread(entry, data), index));
    }
  }

  /** Starts the workers and resolves once every one has rebuilt the network (or rejects with the first failure). */
  static async start(options: ParallelTrainerOptions): Promise<ParallelTrainer> {
    const trainer = new ParallelTrainer(options);
    try {
      await trainer.expect('ready', trainer.allWorkers());
    } catch (error) {
      await trainer.close();
      throw error;
    }
    return trainer;
  }

  /** The worker threads' ids (for diagnostics and tests). */
  get threadIds(): number[] {
    return this.threads.map((thread) => thread.threadId);
  }

  /** One training step over the batch with window `origins`; resolves with the batch's mean loss. */
  async step(origins: Int32Array, learningRate: number): Promise<number> {
    const boundaries = shareBoundaries(origins.length, this.workers);
    const replies = this.expect('stepped', this.allWorkers(), (index) => ({
      type: 'step',
      // A copy, not a subarray: posting a view would clone its whole underlying buffer.
      origins: origins.slice(boundaries[index], boundaries[index + 1]),
      batchSize: origins.length,
      learningRate,
    }));
    return ((await replies).get(0) as Reply<'stepped'>).loss;
  }

  /**
   * A copy of worker `index`'s own replica weights (every variable, concatenated in the network's order). Each
   * replica loads its peers' updates after every step, so all replicas hold the same values; tests check it.
   */
  async readWeights(index: number): Promise<Float32Array> {
    await this.expect('weights-written', [index], () => ({ type: 'write-weights' }));
    return new Float32Array(this.memory.weights).slice();
  }

  /**
   * Copies the current weights from shared memory into the coordinator's network. Between steps the shared
   * weights are complete: every variable was published by the worker that updated it.
   */
  pullWeights(): void {
    if (this.failure !== null) throw this.failure;
    if (this.pending !== null) {
      throw new NeuralTraderError('ILLEGAL_STATE', `parallel training is busy (${this.pending.expected})`);
    }
    const weights = new Float32Array(this.memory.weights).slice();
    let offset = 0;
    for (const variable of this.network.variables) {
      const values = weights.subarray(offset, offset + variable.size);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
      offset += variable.size;
    }
  }

  /** Terminates every worker (idempotent). A pending call rejects. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.fail(new NeuralTraderError('ILLEGAL_STATE', 'parallel training was closed'));
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private allWorkers(): number[] {
    return Array.from({ length: this.workers }, (_, index) => index);
  }

  /** Sends each of `from` its request (if any) and resolves with their replies of type `expected`. */
  private expect<T extends ReplyType>(
    expected: T,
    from: readonly number[],
    request?: (index: number) => TrainingWorkerRequest,
  ): Promise<Map<number, TrainingWorkerMessage>> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending !== null) {
      return Promise.reject(
        new NeuralTraderError('ILLEGAL_STATE', `parallel training is busy (${this.pending.expected})`),
      );
    }
    return new Promise((resolve, reject) => {
      this.pending = { expected, replies: new Map(), from: new Set(from), resolve, reject };
      if (request !== undefined) for (const index of from) this.threads[index]?.postMessage(request(index));
    });
  }

  private watch(thread: Worker, index: number): Worker {
    thread.on('message', (message: TrainingWorkerMessage) => this.receive(index, message));
    thread.on('error', (error: Error) => {
      this.fail(
        new NeuralTraderError('INTERNAL', `training worker ${index} failed: ${error.message}`, {
          cause: error,
        }),
      );
    });
    thread.on('exit', (code) => {
      if (!this.closing)
        this.fail(new NeuralTraderError('INTERNAL', `training worker ${index} exited with code ${code}`));
    });
    return thread;
  }

  private receive(index: number, message: TrainingWorkerMessage): void {
    if (message.type === 'error') {
      // A peer's "aborted" report only echoes a failure whose own report (or exit) arrives separately.
      if (message.aborted) return;
      this.fail(
        new NeuralTraderError(message.code ?? 'INTERNAL', `training worker ${index}: ${message.message}`),
      );
      return;
    }
    const pending = this.pending;
    if (
      pending === null ||
      message.type !== pending.expected ||
      !pending.from.has(index) ||
      pending.replies.has(index)
    ) {
      this.fail(
        new NeuralTraderError(
          'INTERNAL',
          `training worker ${index} sent an unexpected ${quote(message.type)}`,
        ),
      );
      return;
    }
    pending.replies.set(index, message);
    if (pending.replies.size < pending.from.size) return;
    this.pending = null;
    pending.resolve(pending.replies);
  }

  /** Records the first failure, wakes workers blocked at the barrier, and rejects the pending call. */
  private fail(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.barrier.abort();
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}

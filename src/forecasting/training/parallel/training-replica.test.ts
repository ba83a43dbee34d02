import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../../core/rng.js';
import { createLstmNetwork } from '../../lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../../neural-network.types.js';
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { decayedLearningRate } from '../adam.js';
import { serializeWeights } from '../network-weights.js';
import { fitScaler } from '../scalers.js';
import { sampleOrigins, splitWindows } from '../series-windows.js';
import { trainNetwork } from '../train-network.js';
import { allocateTrainingMemory, type SharedTrainingMemory } from './shared-training-memory.js';
import { TrainingReplica, type ReplicaSetup } from './training-replica.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const shape: NeuralNetworkShape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };
const small = { mlpUnits: [[16, 16]] };
const series = Float64Array.from({ length: 200 }, (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / 13));

function flatWeights(network: NeuralNetwork): Float32Array {
  const values = network.variables.map((variable) => variable.dataSync() as Float32Array);
  const flat = new Float32Array(values.reduce((sum, part) => sum + part.length, 0));
  values.reduce((offset, part) => (flat.set(part, offset), offset + part.length), 0);
  return flat;
}

/** A one-worker replica of `network` (same weights) over `series`, with a robust scaler. */
function replicaOf(network: NeuralNetwork, index = 0, memory = sharedMemoryOf(network)): TrainingReplica {
  const setup: ReplicaSetup = {
    blueprint: {
      kind: network.kind,
      shape: network.shape,
      hyperparameters: network.hyperparameters,
      weights: serializeWeights(network.variables),
    },
    memory,
    scaler: fitScaler('robust', [series]),
    index,
    dropoutSeed: 1,
  };
  return new TrainingReplica(setup);
}

function sharedMemoryOf(network: NeuralNetwork): SharedTrainingMemory {
  return allocateTrainingMemory([series], flatWeights(network), 1);
}

describe('TrainingReplica', () => {
  it('alone reproduces the single-thread trainer bit for bit: losses and weights', async () => {
    const reference = createNhitsNetwork(shape, small, 7);
    const memory = sharedMemoryOf(reference);
    const replica = replicaOf(reference, 0, memory);
    const result = await trainNetwork(
      reference,
      { target: series },
      { maxSteps: 12, batchSize: 32, seed: 3, scaler: 'robust', learningRateDecays: 2 },
    );
    // The trainer's batches and learning rates, drawn the same way.
    const rng = new SeededRng(3);
    const training = splitWindows(series.length, 24, 12, 0).training;
    const losses: number[] = [];
    for (let step = 0; step < 12; step++) {
      const origins = sampleOrigins(training, 32, rng);
      losses.push(replica.step(origins, 32, decayedLearningRate(1e-3, step, 12, 2)));
    }
    expect(losses).toEqual(result.history.loss);
    expect(losses[11]).toBeLessThan(losses[0] as number);
    expect(serializeWeights(replica.network.variables)).toEqual(serializeWeights(reference.variables));
    // Every variable it updated is published in the shared weights.
    expect(new Float32Array(memory.weights)).toEqual(flatWeights(reference));
    replica.dispose();
    reference.dispose();
  });

  it('skips the update when the batch loss is not finite', () => {
    const network = createNhitsNetwork(shape, small, 2);
    const last = network.variables[network.variables.length - 1] as tf.Variable;
    tf.tidy(() => last.assign(tf.fill(last.shape, Number.NaN)));
    const replica = replicaOf(network);
    const before = serializeWeights(replica.network.variables);
    expect(replica.step(Int32Array.of(24, 50, 100), 3, 1e-3)).toBeNaN();
    expect(serializeWeights(replica.network.variables)).toEqual(before);
    replica.dispose();
    network.dispose();
  });

  it('refuses a wrong share, origins outside the series and an index outside the workers', () => {
    const network = createNhitsNetwork(shape, small, 2);
    const replica = replicaOf(network);
    expect(() => replica.step(Int32Array.of(30, 31), 3, 1e-3)).toThrow(
      'worker 0 got 2 windows, its share of 3 is 3',
    );
    expect(() => replica.step(Int32Array.of(30, 189), 2, 1e-3)).toThrow(
      'window origin "189" must be in [24, 188]',
    );
    expect(() => replica.step(Int32Array.of(23), 1, 1e-3)).toThrow('window origin "23" must be in [24, 188]');
    expect(() => replicaOf(network, 1)).toThrow('invariant violated: replica 1 of 1');
    replica.dispose();
    network.dispose();
  });

  it('writes all its weights on request and frees every tensor it made (also for networks without dispose)', () => {
    const network = createLstmNetwork(
      { ...shape, inputSize: 6, horizon: 2 },
      { layers: 1, hiddenSize: 4 },
      3,
    );
    const tensors = tf.memory().numTensors;
    const memory = sharedMemoryOf(network);
    const replica = replicaOf(network, 0, memory);
    const shared = new Float32Array(memory.weights);
    shared.fill(0);
    replica.writeWeights();
    expect(shared).toEqual(flatWeights(network));
    replica.step(Int32Array.of(6, 100), 2, 1e-2);
    replica.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([...network.variables]);
  });
});

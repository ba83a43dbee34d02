import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLstmNetwork } from '../../lstm/lstm-network.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../../neural-network.types.js';
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { serializeWeights } from '../network-weights.js';
import { buildBatch, splitWindows } from '../series-windows.js';
import { trainNetwork, type TrainingOptions, type TrainingResult } from '../train-network.js';
import { parseTrainingSettings } from '../training-options.js';
import { validationLoss } from '../validation-loss.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const shape: NeuralNetworkShape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };
const series = Float64Array.from(
  { length: 300 },
  (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / 20) + Math.sin((2 * Math.PI * i) / 7),
);

interface Run {
  readonly result: TrainingResult;
  readonly weights: Uint8Array;
  readonly initial: Uint8Array;
}

async function train(
  build: () => NeuralNetwork,
  options: TrainingOptions,
  inspect?: (network: NeuralNetwork, result: TrainingResult) => void,
): Promise<Run> {
  const network = build();
  const initial = serializeWeights(network.variables);
  const result = await trainNetwork(network, { target: series }, options);
  const weights = serializeWeights(network.variables);
  inspect?.(network, result);
  if (network.dispose !== undefined) network.dispose();
  return { result, weights, initial };
}

const nhits =
  (dropout = 0) =>
  (): NeuralNetwork =>
    createNhitsNetwork(
      shape,
      {
        mlpUnits: [
          [32, 32],
          [32, 32],
        ],
        dropout,
      },
      7,
    );

function maxDifference(first: Uint8Array, second: Uint8Array): number {
  const a = new Float32Array(first.buffer, first.byteOffset + first.length - 4 * 1000, 1000);
  const b = new Float32Array(second.buffer, second.byteOffset + second.length - 4 * 1000, 1000);
  return a.reduce((max, value, index) => Math.max(max, Math.abs(value - (b[index] as number))), 0);
}

describe('trainNetwork with workers', () => {
  it('is deterministic with 2 workers: same seed bit-identical weights (dropout on), another seed not', async () => {
    const options = { maxSteps: 12, batchSize: 32, seed: 3, workers: 2 };
    const first = await train(nhits(0.1), options);
    const second = await train(nhits(0.1), options);
    expect(second.weights).toEqual(first.weights);
    expect(second.result.history.loss).toEqual(first.result.history.loss);
    const other = await train(nhits(0.1), { ...options, seed: 4 });
    expect(other.weights).not.toEqual(first.weights);
  }, 120_000);

  it('learns like the single-thread trainer and leaves the trained weights on the main-thread network', async () => {
    const options = { maxSteps: 60, batchSize: 64, seed: 2, learningRate: 3e-3 };
    const single = await train(nhits(), options);
    const parallel = await train(nhits(), { ...options, workers: 2 });
    const losses = parallel.result.history.loss;
    expect(losses[59]).toBeLessThan((losses[0] as number) / 4);
    // Same batches, same update up to float rounding: the two loss curves agree closely step by step.
    losses.forEach((loss, step) => {
      const reference = single.result.history.loss[step] as number;
      expect(Math.abs(loss - reference)).toBeLessThan(1e-3 * reference);
    });
    expect(parallel.result.history.learningRate).toEqual(single.result.history.learningRate);
    // The main-thread network holds the trained weights: moved from the start, next to the 1-worker result.
    expect(parallel.weights).not.toEqual(parallel.initial);
    expect(parallel.weights).not.toEqual(single.weights);
    expect(maxDifference(parallel.weights, single.weights)).toBeLessThan(1e-3);
    expect(maxDifference(parallel.weights, parallel.initial)).toBeGreaterThan(1e-2);
  }, 120_000);

  it('validates with the replicas weights and restores the best ones on early stopping', async () => {
    const validationSize = 48;
    const options = {
      maxSteps: 80,
      batchSize: 32,
      learningRate: 2e-2,
      validationSize,
      validationCheckSteps: 4,
      earlyStopPatience: 1,
      workers: 2,
    };
    let recomputed = Number.NaN;
    const { result } = await train(nhits(), options, (network, trained) => {
      // The validation loss of the weights the network ends with, computed here from scratch.
      const origins = splitWindows(series.length, 24, 12, validationSize).validation;
      const batch = buildBatch([series], origins, 24, 12, trained.scaler, false);
      recomputed = validationLoss(network, batch, series, origins, 12, shape.quantiles);
    });
    expect(result.history.validation.length).toBeGreaterThan(1);
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestStep).toBeLessThan(result.steps);
    const best = Math.min(...result.history.validation.map((check) => check.loss));
    // The checks saw the training progress (each one scored the replicas' current weights)...
    expect(best).toBeLessThan((result.history.validation[0]?.loss as number) / 4);
    // ...and the network ends with the best checkpoint's weights.
    expect(result.bestValidationLoss).toBe(best);
    expect(recomputed).toBe(best);
  }, 120_000);

  it('trains an LSTM data-parallel too', async () => {
    const lstm = (): NeuralNetwork => createLstmNetwork(shape, { layers: 1, hiddenSize: 8 }, 3);
    const options = { maxSteps: 10, batchSize: 16, seed: 5 };
    const single = await train(lstm, options);
    const parallel = await train(lstm, { ...options, workers: 2 });
    parallel.result.history.loss.forEach((loss, step) => {
      expect(loss).toBeCloseTo(single.result.history.loss[step] as number, 4);
    });
    expect(parallel.weights).not.toEqual(parallel.initial);
  }, 120_000);

  it("rejects with the worker's message when a worker fails", async () => {
    const real = nhits()();
    const lying = {
      ...real,
      variables: real.variables,
      hyperparameters: {
        mlpUnits: [
          [8, 8],
          [8, 8],
        ],
      },
    };
    await expect(
      trainNetwork(lying as NeuralNetwork, { target: series }, { maxSteps: 2, workers: 2, batchSize: 8 }),
    ).rejects.toThrow(
      /^training worker [01]: weights variable 0 has shape \[12,32\], the network expects \[12,8\]$/,
    );
    real.dispose?.();
  }, 120_000);

  it('takes `workers` 1 by default and refuses a bad count before starting threads', async () => {
    expect(parseTrainingSettings({}).workers).toBe(1);
    expect(() => parseTrainingSettings({ workers: 1.5 })).toThrow('training option workers "1.5"');
    expect(() => parseTrainingSettings({ workers: 65 })).toThrow('training option workers "65"');
    const network = nhits()();
    await expect(
      trainNetwork(network, { target: series }, { maxSteps: 1, batchSize: 2, workers: 3 }),
    ).rejects.toThrow('workers "3" must be <= batchSize "2" (one window each at least)');
    network.dispose?.();
  });

  it('leaves no thread behind: a process that trains with 2 workers exits by itself', async () => {
    const fixture = fileURLToPath(new URL('./train-with-workers.fixture.ts', import.meta.url));
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', fixture],
        { timeout: 100_000 },
        (error, stdout, stderr) => {
          if (error !== null) reject(new Error(`${error.message} (killed: ${error.killed}) ${stderr}`));
          else resolve(stdout);
        },
      );
    });
    expect(output).toBe('trained 3 steps with 2 workers\n');
  }, 120_000);
});

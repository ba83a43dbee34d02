import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../../core/rng.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../../neural-network.types.js';
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { fitScaler } from '../scalers.js';
import { sampleOrigins, splitWindows } from '../series-windows.js';
import { ParallelTrainer, type ParallelTrainerOptions } from './parallel-trainer.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const shape: NeuralNetworkShape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };
const series = Float64Array.from({ length: 200 }, (_, i) => 10 + 3 * Math.sin((2 * Math.PI * i) / 13));
const training = splitWindows(series.length, 24, 12, 0).training;
/** A worker entry written inline (plain JavaScript, no tsx): `source` runs in the worker. */
const inlineWorker = (source: string): URL => new URL(`data:text/javascript,${encodeURIComponent(source)}`);
const READY = `import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'ready' });`;

const open: ParallelTrainer[] = [];
const networks: NeuralNetwork[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((trainer) => trainer.close()));
  for (const network of networks.splice(0)) network.dispose?.();
});

function network(seed = 4): NeuralNetwork {
  const built = createNhitsNetwork(shape, { mlpUnits: [[16, 16]] }, seed);
  networks.push(built);
  return built;
}

async function start(options: Partial<ParallelTrainerOptions> = {}): Promise<ParallelTrainer> {
  const trainer = await ParallelTrainer.start({
    network: options.network ?? network(),
    channels: [series],
    scaler: fitScaler('standard', [series]),
    workers: 2,
    seed: 1,
    ...options,
  });
  open.push(trainer);
  return trainer;
}

function flatWeights(target: NeuralNetwork): Float32Array {
  const flat = new Float32Array(target.variables.reduce((sum, variable) => sum + variable.size, 0));
  target.variables.reduce((offset, variable) => {
    flat.set(variable.dataSync(), offset);
    return offset + variable.size;
  }, 0);
  return flat;
}

describe('ParallelTrainer', () => {
  it('keeps the replicas identical and hands their weights to the coordinator network', async () => {
    const coordinator = network();
    const initial = flatWeights(coordinator);
    const trainer = await start({ network: coordinator });
    expect(new Set(trainer.threadIds).size).toBe(2);
    const rng = new SeededRng(5);
    const losses: number[] = [];
    // 33 windows: shares of 16 and 17, so the weighted average is exercised.
    for (let step = 0; step < 8; step++)
      losses.push(await trainer.step(sampleOrigins(training, 33, rng), 1e-2));
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[7]).toBeLessThan(losses[0] as number);
    const first = await trainer.readWeights(0);
    const second = await trainer.readWeights(1);
    expect(second).toEqual(first);
    expect(first).not.toEqual(initial);
    expect(flatWeights(coordinator)).toEqual(initial); // untouched until pulled
    trainer.pullWeights();
    expect(flatWeights(coordinator)).toEqual(first);
  }, 90_000);

  it("rejects a failed step with the worker's message and typed code, then refuses every call", async () => {
    const trainer = await start();
    const failure = {
      code: 'INVALID_INPUT',
      message: 'training worker 1: window origin "100000" must be in [24, 188]',
    };
    await expect(trainer.step(Int32Array.of(30, 100000), 1e-3)).rejects.toMatchObject(failure);
    await expect(trainer.step(Int32Array.of(30, 31), 1e-3)).rejects.toMatchObject(failure);
    expect(() => trainer.pullWeights()).toThrow(failure.message);
  }, 90_000);

  it('refuses a second call while one is in flight, and every call once closed', async () => {
    const trainer = await start();
    const first = trainer.step(Int32Array.of(30, 31), 1e-3);
    await expect(trainer.step(Int32Array.of(30, 31), 1e-3)).rejects.toThrow(
      'parallel training is busy (stepped)',
    );
    expect(() => trainer.pullWeights()).toThrow('parallel training is busy (stepped)');
    expect(await first).toBeGreaterThan(0);
    await trainer.close();
    await trainer.close();
    await expect(trainer.readWeights(0)).rejects.toThrow('parallel training was closed');
  }, 90_000);

  it('fails to start when a worker cannot rebuild the network, naming the difference', async () => {
    const real = network();
    const lying = { ...real, variables: real.variables, hyperparameters: { mlpUnits: [[8, 8]] } };
    await expect(start({ network: lying })).rejects.toThrow(
      /^training worker [01]: weights variable 0 has shape \[12,16\], the network expects \[12,8\]$/,
    );
  }, 90_000);

  it('reports a worker that exits, throws while loading, dies mid-step or breaks the protocol', async () => {
    await expect(start({ workerUrl: inlineWorker('process.exit(9)') })).rejects.toThrow(
      /^training worker [01] exited with code 9$/,
    );
    await expect(start({ workerUrl: inlineWorker('throw new Error("no runtime here")') })).rejects.toThrow(
      /^training worker [01] failed: no runtime here$/,
    );
    const dying = await start({
      workerUrl: inlineWorker(`${READY} parentPort.on('message', () => process.exit(5));`),
    });
    await expect(dying.step(Int32Array.of(30, 31), 1e-3)).rejects.toThrow(
      /^training worker [01] exited with code 5$/,
    );
    await expect(
      start({ workerUrl: inlineWorker(`${READY} parentPort.postMessage({ type: 'ready' });`) }),
    ).rejects.toThrow(/^training worker [01] sent an unexpected "ready"$/);
    await expect(start({ workers: 0 })).rejects.toThrow('workers "0" must be an integer in [1, 64]');
  }, 90_000);
});

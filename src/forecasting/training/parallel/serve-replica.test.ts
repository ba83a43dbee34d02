import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { NeuralNetwork } from '../../neural-network.types.js';
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { serializeWeights } from '../network-weights.js';
import { fitScaler } from '../scalers.js';
import { serveReplica } from './serve-replica.js';
import { allocateTrainingMemory, type SharedTrainingMemory } from './shared-training-memory.js';
import type { TrainingWorkerData, TrainingWorkerMessage } from './training-worker.types.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';

const shape = { inputSize: 12, horizon: 4, channels: 1, quantiles: [0.5] };
const series = Float64Array.from({ length: 80 }, (_, i) => Math.sin(i / 2));
const ports: MessagePort[] = [];
const networks: NeuralNetwork[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
  for (const network of networks.splice(0)) network.dispose?.();
});

/** A one-worker replica served in this thread over a MessageChannel; returns the coordinator's end. */
async function serve(
  hyperparameters: Record<string, unknown> = { mlpUnits: [[8, 8]] },
): Promise<{ port: MessagePort; memory: SharedTrainingMemory }> {
  await initTensorRuntime();
  const network = createNhitsNetwork(shape, { mlpUnits: [[8, 8]] }, 1);
  networks.push(network);
  const flat = new Float32Array(network.variables.reduce((sum, variable) => sum + variable.size, 0));
  const memory = allocateTrainingMemory([series], flat, 1);
  const setup: TrainingWorkerData = {
    blueprint: { kind: 'nhits', shape, hyperparameters, weights: serializeWeights(network.variables) },
    memory,
    scaler: fitScaler('standard', [series]),
    index: 0,
    dropoutSeed: 1,
  };
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  await serveReplica(port1, setup);
  return { port: port2, memory };
}

function next(port: MessagePort): Promise<TrainingWorkerMessage> {
  return new Promise((resolve) => port.once('message', resolve));
}

describe('serveReplica', () => {
  it('says ready, answers steps with the batch loss and writes its weights on request', async () => {
    const { port, memory } = await serve();
    expect(await next(port)).toEqual({ type: 'ready' });
    port.postMessage({ type: 'step', origins: Int32Array.of(12, 40, 70), batchSize: 3, learningRate: 1e-2 });
    const stepped = await next(port);
    expect(stepped.type).toBe('stepped');
    expect(stepped.type === 'stepped' && stepped.loss > 0).toBe(true);
    new Float32Array(memory.weights).fill(0);
    port.postMessage({ type: 'write-weights' });
    expect(await next(port)).toEqual({ type: 'weights-written' });
    expect(new Float32Array(memory.weights).some((value) => value !== 0)).toBe(true);
  });

  it('reports a failed request with its message and typed code, and aborts the barrier', async () => {
    const { port, memory } = await serve();
    await next(port);
    port.postMessage({ type: 'step', origins: Int32Array.of(5), batchSize: 1, learningRate: 1e-2 });
    expect(await next(port)).toEqual({
      type: 'error',
      message: 'window origin "5" must be in [12, 76]',
      code: 'INVALID_INPUT',
      aborted: false,
    });
    expect(new Int32Array(memory.control)[2]).toBe(1);
    // A later step meets the aborted barrier: reported as an echo, not as a cause.
    port.postMessage({ type: 'step', origins: Int32Array.of(20), batchSize: 1, learningRate: 1e-2 });
    expect(await next(port)).toMatchObject({ type: 'error', code: 'ILLEGAL_STATE', aborted: true });
  });

  it('reports a replica that cannot be built instead of saying ready', async () => {
    const { port } = await serve({ mlpUnits: [[4, 4]] });
    expect(await next(port)).toEqual({
      type: 'error',
      message: 'weights variable 0 has shape [6,8], the network expects [6,4]',
      code: 'INVALID_INPUT',
      aborted: false,
    });
  });
});

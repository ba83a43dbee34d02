/**
 * Test fixture, run as its own process (`node --import tsx`): trains a small NHITS with 2 workers and prints
 * what it trained. It never calls process.exit: the process ends by itself only if no worker thread is left.
 */
import { createNhitsNetwork } from '../../nhits/nhits-network.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { trainNetwork } from '../train-network.js';

await initTensorRuntime();
const target = Float64Array.from({ length: 120 }, (_, i) => Math.sin(i / 3));
const network = createNhitsNetwork(
  { inputSize: 12, horizon: 4, channels: 1, quantiles: [0.5] },
  { mlpUnits: [[8, 8]] },
  1,
);
const result = await trainNetwork(network, { target }, { maxSteps: 3, batchSize: 16, workers: 2 });
process.stdout.write(`trained ${result.steps} steps with 2 workers\n`);

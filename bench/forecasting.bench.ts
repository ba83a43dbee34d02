/**
 * Neural forecasting benchmark (issue 8): NHITS of neuralforecast's default size (input 24, horizon 12,
 * 7 quantiles, 3 blocks of 3 hidden 512 × 512 layers, 2.5 M parameters) on the tfjs wasm backend.
 * Targets: forecast batch 1 <= 2 ms and batch 256 <= 30 ms (the original platform: 85 ms on GPU, 450 ms on
 * CPU for 256), cold model load (deserialise + build, after runtime init) <= 50 ms, 1,000 training steps of
 * batch 1024 <= 5 minutes on the 2-core VM. Each figure is printed beside a baseline from the same run: the
 * differentiable forward pass for forecasts, a seeded build for loads, and for training the floor set by the
 * large matrix products alone: 18 products of 1024 × 512 × 512 per step (per block 2 forward, 4 backward,
 * once the projection is folded into the first hidden layer; see nhits/nhits-block.ts), timed in this run.
 * Run alone: `npm run bench -- forecasting`. NHITS_FULL_TRAINING=1 also times the full 1,000 steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';
import { DEFAULT_QUANTILES } from '../src/forecasting/default-quantiles.js';
import type { NeuralNetworkShape } from '../src/forecasting/neural-network.types.js';
import { createNhitsNetwork, loadNhitsNetwork } from '../src/forecasting/nhits/nhits-network.js';
import { initTensorRuntime } from '../src/forecasting/runtime/tensor-runtime.js';
import { serializeWeights } from '../src/forecasting/training/network-weights.js';
import { trainNetwork } from '../src/forecasting/training/train-network.js';
import { median, timeMedian } from './stats.js';

const shape: NeuralNetworkShape = { inputSize: 24, horizon: 12, channels: 1, quantiles: DEFAULT_QUANTILES };
const TRAINING_STEPS = Number(process.env.NHITS_TRAINING_STEPS ?? 20);
const FULL_TRAINING = process.env.NHITS_FULL_TRAINING === '1';

const initStart = performance.now();
const runtime = await initTensorRuntime();
const initMs = performance.now() - initStart;

const matA = tf.randomNormal([1024, 512], 0, 1, 'float32', 1);
const matB = tf.randomNormal([512, 512], 0, 1, 'float32', 2);
/** Runs `compute` and reads its result, freeing every intermediate (tidy must not return the data itself). */
function readAndFree(compute: () => tf.Tensor): void {
  const result = tf.tidy(compute);
  result.dataSync();
  result.dispose();
}
const matMulMs = timeMedian(() => readAndFree(() => tf.matMul(matA, matB)), 20, 3);
tf.dispose([matA, matB]);
const gflops = (2 * 1024 * 512 * 512) / (matMulMs * 1e6);

const network = createNhitsNetwork(shape, {}, 1);
const parameters = network.variables.reduce((sum, variable) => sum + variable.size, 0);
function forecastMs(batch: number, path: 'infer' | 'forward', runs: number): number {
  const input = tf.randomNormal<tf.Rank.R3>([batch, 24, 1], 0, 1, 'float32', 3);
  const ms = timeMedian(() => readAndFree(() => network[path](input)), runs, 5);
  input.dispose();
  return ms;
}
const inference = [1, 256].map((batch) => ({
  batch,
  infer: forecastMs(batch, 'infer', batch === 1 ? 200 : 30),
  forward: forecastMs(batch, 'forward', batch === 1 ? 200 : 30),
}));

const bytes = serializeWeights(network.variables);
const loadMs = median(
  Array.from({ length: 7 }, () => {
    const start = performance.now();
    const loaded = loadNhitsNetwork(shape, {}, bytes);
    const ms = performance.now() - start;
    loaded.dispose();
    return ms;
  }),
);
const seededBuildMs = median(
  Array.from({ length: 5 }, (_, seed) => {
    const start = performance.now();
    const built = createNhitsNetwork(shape, {}, seed + 2);
    const ms = performance.now() - start;
    built.dispose();
    return ms;
  }),
);

// Training: a seasonal series long enough for thousands of distinct windows.
const series = Float64Array.from(
  { length: 8000 },
  (_, i) =>
    100 + 10 * Math.sin((2 * Math.PI * i) / 24) + 4 * Math.sin((2 * Math.PI * i) / 168) + (i % 7) * 0.3,
);
await trainNetwork(network, { target: series }, { maxSteps: 2, batchSize: 1024, learningRateDecays: 0 });
const trainStart = performance.now();
await trainNetwork(network, { target: series }, { maxSteps: TRAINING_STEPS, batchSize: 1024 });
const stepMs = (performance.now() - trainStart) / TRAINING_STEPS;
let fullMinutes: number | undefined;
if (FULL_TRAINING) {
  const start = performance.now();
  await trainNetwork(network, { target: series }, { maxSteps: 1000, batchSize: 1024 });
  fullMinutes = (performance.now() - start) / 60_000;
}
network.dispose();

const fixed = (value: number, digits = 2): string => value.toFixed(digits);
console.log(
  `Runtime: tfjs-core 4.22 + wasm backend (simd ${runtime.simd}, threads ${runtime.threads}), ` +
    `initialised in ${fixed(initMs, 0)} ms. Baseline: 1024 × 512 × 512 matMul ${fixed(matMulMs)} ms = ${fixed(gflops, 1)} GFLOPS.`,
);
console.log(
  `NHITS default size: input 24, horizon 12, 7 quantiles, mlp 3 × [512, 512] per block, ${parameters.toLocaleString('en-US')} parameters.`,
);
console.log('');
console.log('| measure | NHITS | baseline | target |');
console.log('|---|---:|---:|---:|');
for (const { batch, infer, forward } of inference) {
  const target = batch === 1 ? '<= 2' : '<= 30 (original: 85 GPU, 450 CPU)';
  console.log(
    `| forecast batch ${batch} (ms; baseline: differentiable forward) | ${fixed(infer, 3)} | ${fixed(forward, 3)} | ${target} |`,
  );
}
console.log(
  `| model load cold: deserialise + build (ms; baseline: seeded build) | ${fixed(loadMs, 1)} | ${fixed(seededBuildMs, 1)} | <= 50 |`,
);
console.log(
  `| training step, batch 1024 (ms, mean of ${TRAINING_STEPS}; baseline: 18 matMuls) | ${fixed(stepMs, 0)} | ${fixed(18 * matMulMs, 0)} | <= 300 |`,
);
console.log(
  `| 1,000 steps projected (min) | ${fixed((stepMs * 1000) / 60_000)} | ${fixed((18 * matMulMs * 1000) / 60_000)} | <= 5 |`,
);
if (fullMinutes !== undefined) console.log(`| 1,000 steps measured (min) | ${fixed(fullMinutes)} | | <= 5 |`);

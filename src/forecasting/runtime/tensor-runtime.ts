/**
 * The tensor runtime of the neural forecasting models: TensorFlow.js core (`@tensorflow/tfjs-core` 4.22) on its
 * WebAssembly backend (`@tensorflow/tfjs-backend-wasm` 4.22, XNNPACK kernels with SIMD).
 *
 * Why this library (measured on the project's 2-core VM): a 1024x512 · 512x512 matMul takes 18 ms on the wasm
 * backend, about 30 GFLOPS on one thread, against about 1 GFLOPS for a plain JavaScript GEMM. Threads do not
 * work under Node (`setThreadsCount` has no effect; the threaded binary needs browser workers), so the
 * runtime is single threaded and reports `threads: 1`. `@tensorflow/tfjs-node` cannot install here (its
 * install script downloads a binary). Two known defects of the wasm backend are worked around in layers/:
 * autograd of matMul is about 4x slower than a `customGrad` dense layer whose backward pass uses explicit
 * transposes (layers/dense.ts; here a 1024 × 512 × 512 matMul with a transpose flag, as tfjs's own matMul
 * gradient issues it, took 300-400 ms against 18 ms for transpose + plain matMul), and the wasm `maxPool`
 * gradient is wrong, so pooling is a reshape + max (layers/pooling.ts).
 *
 * Pitfalls for code on this runtime: tfjs-core's chained tensor methods (`x.reshape(...)`) are not registered by
 * its Node bundle, so call the functions (`tf.reshape(x, ...)`); never return a typed array from `tf.tidy`
 * (tidy scans a returned container element by element: returning `dataSync()` of a 1024 × 512 result cost
 * about 0.9 s), return the tensor and read it after; a bias for `tf.fused.matMul` must not be a reshaped
 * tensor (the wasm kernel reads the shape its data was created with).
 *
 * tfjs-core's Node bundle registers no gradient rules (the `@tensorflow/tfjs` union package normally does), so
 * initialisation registers the project's port of them (register-gradients.ts) before anything trains.
 *
 * The .wasm binaries are located with `createRequire(import.meta.url).resolve`, which finds the package from
 * src/ under vitest and from dist/ once compiled alike. Initialisation is idempotent: every caller awaits the
 * same promise. A failure is thrown as a typed error (`UNAVAILABLE`), never swallowed.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NeuralTraderError } from '../../core/errors.js';
import { registerGradients } from './register-gradients.js';

export interface TensorRuntimeInfo {
  /** The active tfjs backend: always `wasm` once initialised. */
  readonly backend: string;
  /** Whether the SIMD build of the wasm kernels is running (about 3x faster matMul than the scalar build). */
  readonly simd: boolean;
  /** XNNPACK threads in use (1 under Node: the threaded build needs browser workers). */
  readonly threads: number;
}

const WASM_BACKEND = 'wasm';
let initialisation: Promise<TensorRuntimeInfo> | undefined;

/** Directory (with a trailing slash) holding the backend's .wasm binaries, resolved like a module import. */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  const simdBinary = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
  return `${dirname(simdBinary)}/`;
}

async function initialise(): Promise<TensorRuntimeInfo> {
  try {
    if (tf.getBackend() !== WASM_BACKEND) {
      setWasmPaths(wasmBinaryDirectory());
      const selected = await tf.setBackend(WASM_BACKEND);
      if (!selected) throw new Error(`tfjs refused backend "${WASM_BACKEND}"`);
    }
    await tf.ready();
    registerGradients();
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return { backend: tf.getBackend(), simd: simd === true, threads: getThreadsCount() };
  } catch (error) {
    initialisation = undefined; // let a later call retry rather than cache the failure
    throw new NeuralTraderError(
      'UNAVAILABLE',
      `tensor runtime: the tfjs wasm backend failed to start: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Starts the wasm backend once and reports what runs (`{ backend, simd, threads }`, for an honest status
 * page). Every model builder and trainer awaits this before creating tensors.
 */
export function initTensorRuntime(): Promise<TensorRuntimeInfo> {
  initialisation ??= initialise();
  return initialisation;
}

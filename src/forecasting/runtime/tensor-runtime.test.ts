import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initTensorRuntime, wasmBinaryDirectory } from './tensor-runtime.js';

describe('initTensorRuntime', () => {
  it('locates the wasm binaries inside the installed package', () => {
    const directory = wasmBinaryDirectory();
    expect(directory.endsWith('/')).toBe(true);
    expect(existsSync(`${directory}tfjs-backend-wasm-simd.wasm`)).toBe(true);
    expect(existsSync(`${directory}tfjs-backend-wasm.wasm`)).toBe(true);
  });

  it('selects the wasm backend with SIMD on one thread and computes on it', async () => {
    const info = await initTensorRuntime();
    expect(info).toEqual({ backend: 'wasm', simd: true, threads: 1 });
    expect(tf.getBackend()).toBe('wasm');
    const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(Array.from(product.dataSync())).toEqual([11]);
    tf.dispose(product);
  });

  it('is idempotent: later calls share the first initialisation', async () => {
    const first = initTensorRuntime();
    const second = initTensorRuntime();
    expect(first).toBe(second);
    expect(await second).toEqual(await first);
  });
});

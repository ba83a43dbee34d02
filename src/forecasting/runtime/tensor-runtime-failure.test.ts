import type * as tfCore from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';

// The first attempt to select the backend is refused, as when the .wasm binary cannot be instantiated.
const refusals = vi.hoisted(() => ({ remaining: 1 }));
vi.mock('@tensorflow/tfjs-core', async (importOriginal) => {
  const actual = await importOriginal<typeof tfCore>();
  return {
    ...actual,
    setBackend: (name: string) => {
      if (refusals.remaining > 0) {
        refusals.remaining--;
        return Promise.resolve(false);
      }
      return actual.setBackend(name);
    },
  };
});

describe('initTensorRuntime when the backend fails to start', () => {
  it('throws a typed UNAVAILABLE error, and a later call retries instead of caching the failure', async () => {
    const { initTensorRuntime } = await import('./tensor-runtime.js');
    const failure = await initTensorRuntime().catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'tensor runtime: the tfjs wasm backend failed to start: tfjs refused backend "wasm"',
    });
    await expect(initTensorRuntime()).resolves.toMatchObject({ backend: 'wasm' });
  });
});

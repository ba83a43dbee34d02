import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`, from the compiled package or from TypeScript source alike (the same rule
 * as the optimizer's pool, src/optimize/worker-pool.ts, which this layer may not import): a `.js` entry that
 * exists runs as is (dist/, .bench-build/); otherwise its `.ts` twin is loaded through tsx (a dev dependency:
 * vitest, `tsx src/...`) by a bootstrap that registers tsx's loader inside the worker, because `--import tsx`
 * in a worker's execArgv does not reach the worker's own entry on Node 20.
 * Young generation 64 MB: a worker's default is small enough that short-lived arrays make it collect so often
 * that it runs at half the main thread's speed (measured for the optimizer's trial workers).
 */
export function startWorkerThread(entry: URL, workerData: unknown): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  let url = entry;
  if (entry.protocol === 'file:' && !existsSync(fileURLToPath(entry))) {
    url = new URL(entry.href.replace(/\.js$/, '.ts'));
  }
  if (!(url.protocol === 'file:' && url.pathname.endsWith('.ts'))) {
    return new Worker(url, { workerData, resourceLimits });
  }
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

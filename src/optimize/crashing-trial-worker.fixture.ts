/**
 * Test fixture: the real trial worker, except that a trial whose id starts with "crash-always" kills the
 * thread every time, and one whose id is "crash-once:<file>" kills it on the first attempt only (the file,
 * created on that attempt, remembers it across the replacement worker).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { TrialWorkerRequest } from './trial-worker.js';

parentPort?.on('message', (message: TrialWorkerRequest) => {
  const id = message.spec.id;
  if (id.startsWith('crash-always')) process.exit(3);
  if (id.startsWith('crash-once:')) {
    const marker = id.slice('crash-once:'.length);
    if (!existsSync(marker)) {
      writeFileSync(marker, 'crashed');
      process.exit(4);
    }
  }
});
await import('./trial-worker.js');

/**
 * Worker-thread entry of data-parallel training (parallel-trainer.ts starts it): serves one replica, whose
 * setup is the workerData, over the port to the coordinator (serve-replica.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveReplica } from './serve-replica.js';
import type { TrainingWorkerData } from './training-worker.types.js';

if (parentPort === null) throw new Error('training-worker.js must run in a worker thread');
await serveReplica(parentPort, workerData as TrainingWorkerData);

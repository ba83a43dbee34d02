/**
 * Worker-thread entry of the trial pool (worker-pool.ts). workerData holds the shared bars and the trial
 * context; each message is one TrialSpec, answered with its TrialResult. The bars are rebuilt once as
 * views over the shared memory. A failure evaluateTrial throws (a bug, not a refused parameter) is left
 * uncaught: the worker dies and the pool replaces it, retries the trial once, then reports it as an error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateTrial } from './evaluate-trial.js';
import type { TrialContext, TrialResult, TrialSpec } from './optimize.types.js';
import { seriesFromShared, type SharedSeries } from './shared-series.js';

export interface TrialWorkerData {
  readonly shared: SharedSeries;
  readonly context: TrialContext;
}

export type TrialWorkerRequest = { readonly type: 'trial'; readonly spec: TrialSpec };
export type TrialWorkerMessage =
  { readonly type: 'ready' } | { readonly type: 'result'; readonly result: TrialResult };

const port = parentPort;
if (port === null) throw new Error('trial-worker.js must run in a worker thread');
const data = workerData as TrialWorkerData;
const series = seriesFromShared(data.shared);
port.on('message', (message: TrialWorkerRequest) => {
  const reply: TrialWorkerMessage = {
    type: 'result',
    result: evaluateTrial(message.spec, data.context, series),
  };
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies TrialWorkerMessage);

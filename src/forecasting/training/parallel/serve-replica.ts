import type { MessagePort } from 'node:worker_threads';
import { NeuralTraderError } from '../../../core/errors.js';
import { initTensorRuntime } from '../../runtime/tensor-runtime.js';
import { ABORTED_MESSAGE } from './step-barrier.js';
import { TrainingReplica } from './training-replica.js';
import type {
  TrainingWorkerData,
  TrainingWorkerMessage,
  TrainingWorkerRequest,
} from './training-worker.types.js';

/**
 * The body of a training worker (training-worker.ts is its thread entry): starts this thread's tfjs wasm
 * runtime (every thread has its own), rebuilds the replica, says `ready` on `port`, then answers each request
 * in order. A failure is reported as an `error` message with the message and typed code, and the step barrier
 * is aborted after the report, so that peers blocked in it wake up instead of hanging (their own "aborted"
 * reports, flagged as such, then reach the coordinator after the cause). Resolves once it listens.
 */
export async function serveReplica(port: MessagePort, setup: TrainingWorkerData): Promise<void> {
  let replica: TrainingReplica | undefined;
  const report = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({
      type: 'error',
      message,
      code: error instanceof NeuralTraderError ? error.code : null,
      aborted: message === ABORTED_MESSAGE,
    } satisfies TrainingWorkerMessage);
    replica?.abort();
  };
  try {
    await initTensorRuntime();
    replica = new TrainingReplica(setup);
  } catch (error) {
    report(error);
    return;
  }
  const served = replica;
  port.on('message', (request: TrainingWorkerRequest) => {
    try {
      if (request.type === 'step') {
        const loss = served.step(request.origins, request.batchSize, request.learningRate);
        port.postMessage({ type: 'stepped', loss } satisfies TrainingWorkerMessage);
      } else {
        served.writeWeights();
        port.postMessage({ type: 'weights-written' } satisfies TrainingWorkerMessage);
      }
    } catch (error) {
      report(error);
    }
  });
  port.postMessage({ type: 'ready' } satisfies TrainingWorkerMessage);
}

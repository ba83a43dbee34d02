import type { ErrorCode } from '../../../core/errors.js';
import type { ReplicaSetup } from './training-replica.js';

/** workerData of a training worker: its replica's setup (the shared memory travels inside, shared). */
export type TrainingWorkerData = ReplicaSetup;

/** Coordinator → worker. */
export type TrainingWorkerRequest =
  | {
      readonly type: 'step';
      /** This worker's share of the batch's window origins. */
      readonly origins: Int32Array;
      readonly batchSize: number;
      readonly learningRate: number;
    }
  | { readonly type: 'write-weights' };

/** Worker → coordinator. */
export type TrainingWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'stepped'; readonly loss: number }
  | { readonly type: 'weights-written' }
  | {
      readonly type: 'error';
      readonly message: string;
      /** The typed error's code when the worker threw one (errors.ts), so the coordinator can keep it. */
      readonly code: ErrorCode | null;
      /** True when the error only says that a peer failed (its own report carries the cause). */
      readonly aborted: boolean;
    };

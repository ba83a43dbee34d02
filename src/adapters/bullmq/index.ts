export { BullMqTrialExecutor, type BullMqTrialExecutorOptions } from './bullmq-trial-executor.js';
export { optimizationQueueName, trialJobId } from './job-names.js';
export { redisAnswers } from './redis-answers.js';
export { startTrialWorker, type TrialWorkerHandle, type TrialWorkerOptions } from './start-trial-worker.js';
export { decodeFloat64, decodeTrialResult, encodeFloat64, encodeTrialResult } from './trial-codec.js';
export type { DataReference, EvaluateTrial, TrialJobData } from './trial-job.types.js';

/**
 * Runs optimization trials on BullMQ workers (any number of machines sharing one Redis). The coordinator adds
 * one job per trial to the run's queue, with a job id derived from the trial id (see trialJobId): BullMQ
 * refuses a second job with the same id, so enqueueing a run again (a resumed coordinator) adds nothing twice.
 * Results come back through QueueEvents (`completed` carries the worker's encoded result, `failed` the reason
 * after the last attempt); each trial id is delivered to `onResult` once, later duplicates are ignored.
 * Events can be missed (the coordinator was down, the event stream was trimmed), so after enqueueing and
 * whenever no event has arrived for `reconcileIntervalMs`, the executor asks Redis for the state of every trial
 * still outstanding and delivers those already finished. A worker killed mid-trial leaves a job whose lock
 * expires; another worker's stalled-job check moves it back to wait and it runs again (start-trial-worker.ts).
 */
import { Queue, QueueEvents } from 'bullmq';
import { IllegalStateError, InvalidInputError, quote } from '../../core/errors.js';
import type { TrialContext, TrialExecutor, TrialResult, TrialSpec } from '../../optimize/optimize.types.js';
import { trialJobId } from './job-names.js';
import { decodeTrialResult, type EncodedTrialResult } from './trial-codec.js';
import type { DataReference, TrialJobData } from './trial-job.types.js';

export interface BullMqTrialExecutorOptions {
  /** e.g. redis://127.0.0.1:6379 */
  readonly redisUrl: string;
  /** The run's queue, `optimizationQueueName(runId)`. */
  readonly queueName: string;
  readonly context: TrialContext;
  /** Where workers load the bars from; put in every job. */
  readonly data: DataReference;
  /** Tries per trial when the worker's evaluate throws (infrastructure failures); default 3. */
  readonly attempts?: number;
  /** Wait before a retry, ms; default 1000. */
  readonly retryDelayMs?: number;
  /** How long finished jobs stay in Redis (so a restarted coordinator can collect them), s; default 7 days. */
  readonly keepFinishedSeconds?: number;
  /** Ask Redis for outstanding trials after this long without an event, ms; default 5000. */
  readonly reconcileIntervalMs?: number;
}

interface ActiveRun {
  readonly byJobId: Map<string, TrialSpec>;
  readonly delivered: Set<string>;
  readonly onResult: (result: TrialResult) => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  lastEventAt: number;
  finished: boolean;
}

const ADD_CHUNK = 500;

export class BullMqTrialExecutor implements TrialExecutor {
  private readonly queue: Queue<TrialJobData, EncodedTrialResult>;
  private readonly events: QueueEvents;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly keepFinishedSeconds: number;
  private readonly reconcileIntervalMs: number;
  private active: ActiveRun | null = null;
  private closed = false;

  constructor(private readonly options: BullMqTrialExecutorOptions) {
    this.attempts = positiveInteger('attempts', options.attempts ?? 3);
    this.retryDelayMs = positiveInteger('retryDelayMs', options.retryDelayMs ?? 1000);
    this.keepFinishedSeconds = positiveInteger(
      'keepFinishedSeconds',
      options.keepFinishedSeconds ?? 7 * 86_400,
    );
    this.reconcileIntervalMs = positiveInteger('reconcileIntervalMs', options.reconcileIntervalMs ?? 5000);
    const connection = { url: options.redisUrl };
    this.queue = new Queue<TrialJobData, EncodedTrialResult>(options.queueName, { connection });
    this.events = new QueueEvents(options.queueName, { connection });
    this.events.on('completed', ({ jobId, returnvalue }) => this.onCompleted(jobId, returnvalue));
    this.events.on('failed', ({ jobId, failedReason }) => this.onFailed(jobId, failedReason));
  }

  async run(trials: readonly TrialSpec[], onResult: (result: TrialResult) => void): Promise<void> {
    if (this.closed) throw new IllegalStateError('the BullMQ trial executor is closed');
    if (this.active !== null)
      throw new IllegalStateError('the BullMQ trial executor is already running trials');
    const byJobId = new Map<string, TrialSpec>();
    for (const trial of trials) {
      const jobId = trialJobId(trial.id);
      if (byJobId.has(jobId))
        throw new InvalidInputError(`trial id ${quote(trial.id)} appears twice in one run`);
      byJobId.set(jobId, trial);
    }
    if (byJobId.size === 0) return;
    const done = new Promise<void>((resolve, reject) => {
      this.active = {
        byJobId,
        delivered: new Set(),
        onResult,
        resolve,
        reject,
        lastEventAt: performance.now(),
        finished: false,
      };
    });
    const run = this.active as ActiveRun | null;
    if (run === null) throw new IllegalStateError('run state was not set up');
    const timer = setInterval(() => {
      if (performance.now() - run.lastEventAt >= this.reconcileIntervalMs) void this.reconcile(run);
    }, this.reconcileIntervalMs);
    try {
      // Listen before adding, so that no completion falls between the two.
      await this.events.waitUntilReady();
      await this.enqueue(trials);
      await this.reconcile(run);
      await done;
    } finally {
      clearInterval(timer);
      run.finished = true;
      if (this.active === run) this.active = null;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const run = this.active;
    if (run !== null && !run.finished) {
      run.finished = true;
      run.reject(
        new IllegalStateError(
          `the BullMQ trial executor was closed with ${run.byJobId.size - run.delivered.size} of ${run.byJobId.size} trials outstanding`,
        ),
      );
    }
    await this.events.close();
    await this.queue.close();
  }

  private async enqueue(trials: readonly TrialSpec[]): Promise<void> {
    const opts = {
      attempts: this.attempts,
      backoff: { type: 'fixed' as const, delay: this.retryDelayMs },
      removeOnComplete: { age: this.keepFinishedSeconds },
      removeOnFail: { age: this.keepFinishedSeconds },
    };
    for (let start = 0; start < trials.length; start += ADD_CHUNK) {
      const chunk = trials.slice(start, start + ADD_CHUNK).map((spec) => ({
        name: 'trial',
        data: { spec, context: this.options.context, data: this.options.data },
        opts: { ...opts, jobId: trialJobId(spec.id) },
      }));
      await this.queue.addBulk(chunk);
    }
  }

  /** Delivers every outstanding trial whose job has already finished (events missed or not yet read). */
  private async reconcile(run: ActiveRun): Promise<void> {
    const outstanding: string[] = [];
    for (const [jobId, spec] of run.byJobId) if (!run.delivered.has(spec.id)) outstanding.push(jobId);
    try {
      const states = await Promise.all(outstanding.map((jobId) => this.queue.getJobState(jobId)));
      const finished: { jobId: string; failed: boolean }[] = [];
      outstanding.forEach((jobId, i) => {
        if (states[i] === 'completed' || states[i] === 'failed')
          finished.push({ jobId, failed: states[i] === 'failed' });
      });
      const jobs = await Promise.all(finished.map(({ jobId }) => this.queue.getJob(jobId)));
      jobs.forEach((job, i) => {
        const { jobId, failed } = finished[i] as { jobId: string; failed: boolean };
        if (job === undefined) return; // removed since (kept for keepFinishedSeconds): nothing to read
        if (failed) this.onFailed(jobId, job.failedReason, run);
        else this.onCompleted(jobId, job.returnvalue, run);
      });
    } catch (error) {
      this.fail(run, error);
    }
  }

  private onCompleted(jobId: string, payload: unknown, run = this.active): void {
    const spec = run?.byJobId.get(jobId);
    if (run == null || spec === undefined || run.finished || run.delivered.has(spec.id)) return;
    let result: TrialResult;
    try {
      result = decodeTrialResult(payload);
      if (result.id !== spec.id)
        throw new InvalidInputError(
          `job ${quote(jobId)} returned trial ${quote(result.id)}, expected ${quote(spec.id)}`,
        );
    } catch (error) {
      result = failedResult(spec, `the worker's result could not be read: ${(error as Error).message}`);
    }
    this.deliver(run, spec, result);
  }

  private onFailed(jobId: string, reason: string, run = this.active): void {
    const spec = run?.byJobId.get(jobId);
    if (run == null || spec === undefined || run.finished || run.delivered.has(spec.id)) return;
    this.deliver(run, spec, failedResult(spec, `trial failed after its last attempt: ${reason}`));
  }

  private deliver(run: ActiveRun, spec: TrialSpec, result: TrialResult): void {
    run.delivered.add(spec.id);
    run.lastEventAt = performance.now();
    try {
      run.onResult(result);
    } catch (error) {
      this.fail(run, error);
      return;
    }
    if (run.delivered.size === run.byJobId.size) {
      run.finished = true;
      run.resolve();
    }
  }

  private fail(run: ActiveRun, error: unknown): void {
    if (run.finished) return;
    run.finished = true;
    run.reject(error);
  }
}

/** The result of a trial no worker could run: ranked last, never retried (TrialResult.error). */
function failedResult(spec: TrialSpec, error: string): TrialResult {
  return {
    id: spec.id,
    index: spec.index,
    params: spec.params,
    metrics: {},
    returns: new Float64Array(0),
    returnTs: new Float64Array(0),
    durationMs: 0,
    error,
  };
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidInputError(`${name} ${quote(value)} must be a positive integer`);
  return value;
}

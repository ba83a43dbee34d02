import { randomUUID } from 'node:crypto';
import { NeuralTraderError, NotFoundError, quote } from '../../core/errors.js';
import { jobsActive, jobsFinishedTotal } from '../metrics/app-metrics.js';
import type { TopicRegistry } from '../realtime/topic-registry.js';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobProgress {
  readonly done: number;
  /** 0 until the work knows its size. */
  readonly total: number;
  /** What the work reports beside the count (e.g. the best objective so far), or null. */
  readonly detail: Readonly<Record<string, number | string | null>> | null;
}

/** A job as callers see it: plain JSON-safe data. */
export interface JobSnapshot<R = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly status: JobStatus;
  readonly progress: JobProgress;
  readonly result: R | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly submittedAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export interface JobContext {
  /** Reports progress; cheap to call per step (publication to the `jobs` topic is throttled). */
  progress(done: number, total: number, detail?: Record<string, number | string | null>): void;
}

export type JobWork<R> = (context: JobContext) => Promise<R>;

export interface JobManagerOptions {
  /** Where progress and status changes are published (topic `jobs`). */
  readonly topics?: TopicRegistry;
  readonly now?: () => number;
  /** Jobs running at once (default 1: backtests are CPU-bound and share the server's thread). */
  readonly concurrency?: number;
  /** Jobs that may wait; beyond it submit is refused (default 100). */
  readonly maxQueued?: number;
  /** Finished jobs kept for GET (default 1,000; the oldest finished are forgotten first). */
  readonly retain?: number;
  /** Least time between two progress publications of one job (default 100 ms). */
  readonly progressIntervalMs?: number;
  /** Told about failures that are not NeuralTraderErrors (bugs), which are reported as INTERNAL. */
  readonly onUnexpectedError?: (error: unknown, job: JobSnapshot) => void;
}

interface JobRecord {
  snapshot: JobSnapshot;
  readonly work: JobWork<unknown>;
  lastPublished: number;
}

export const JOBS_TOPIC = 'jobs';

/**
 * Background jobs with progress: submit returns at once with the job's id; the work runs later, at most
 * `concurrency` at a time, in submission order. Results and errors are kept in memory for the last `retain`
 * finished jobs (what a job stores, e.g. a backtest run, stays in the store). Status changes and progress are
 * published to the `jobs` topic.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly finished: string[] = [];
  private readonly now: () => number;
  private readonly options: JobManagerOptions;
  private closed = false;

  constructor(options: JobManagerOptions = {}) {
    this.options = options;
    this.now = options.now ?? Date.now;
    options.topics?.register(JOBS_TOPIC, 'background job status and progress (backtests, optimizations)');
  }

  /** Queues work; throws UNAVAILABLE when the manager is closing or the queue is full. */
  submit<R>(kind: string, work: JobWork<R>): JobSnapshot<R> {
    if (this.closed) throw new NeuralTraderError('UNAVAILABLE', 'the server is shutting down: no new jobs');
    const maxQueued = this.options.maxQueued ?? 100;
    if (this.queue.length >= maxQueued) {
      throw new NeuralTraderError(
        'UNAVAILABLE',
        `job queue is full (${this.queue.length} jobs waiting); try again later`,
        { retryable: true },
      );
    }
    const record: JobRecord = {
      snapshot: {
        id: `job-${randomUUID()}`,
        kind,
        status: 'queued',
        progress: { done: 0, total: 0, detail: null },
        result: null,
        error: null,
        submittedAt: this.now(),
        startedAt: null,
        finishedAt: null,
      },
      work: work,
      lastPublished: 0,
    };
    this.jobs.set(record.snapshot.id, record);
    this.queue.push(record);
    jobsActive.inc({ kind, status: 'queued' });
    this.publish(record);
    setImmediate(() => this.drain());
    return record.snapshot as JobSnapshot<R>;
  }

  /** The job, or NotFoundError naming the id. */
  get(id: string, kind?: string): JobSnapshot {
    const record = this.jobs.get(id);
    if (record === undefined || (kind !== undefined && record.snapshot.kind !== kind)) {
      throw new NotFoundError(`${kind ?? 'job'} job ${quote(id)} does not exist (or was forgotten)`);
    }
    return record.snapshot;
  }

  /** Known jobs, newest first. */
  list(kind?: string): JobSnapshot[] {
    return [...this.jobs.values()]
      .map((r) => r.snapshot)
      .filter((s) => kind === undefined || s.kind === kind)
      .reverse();
  }

  /**
   * Stops accepting jobs, fails those still queued, and waits for the running ones up to `timeoutMs`.
   * Resolves true when every running job finished in time.
   */
  async close(timeoutMs = 10_000): Promise<boolean> {
    this.closed = true;
    for (const record of this.queue.splice(0)) {
      jobsActive.dec({ kind: record.snapshot.kind, status: 'queued' });
      this.finish(
        record,
        null,
        new NeuralTraderError('UNAVAILABLE', 'the server shut down before the job ran'),
      );
    }
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const all = Promise.all([...this.running]).then(() => true as const);
    const done = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return done;
  }

  private drain(): void {
    const concurrency = this.options.concurrency ?? 1;
    while (this.running.size < concurrency && this.queue.length > 0) {
      const record = this.queue.shift() as JobRecord;
      const run = this.run(record).finally(() => {
        this.running.delete(run);
        this.drain();
      });
      this.running.add(run);
    }
  }

  private async run(record: JobRecord): Promise<void> {
    const { kind } = record.snapshot;
    jobsActive.dec({ kind, status: 'queued' });
    jobsActive.inc({ kind, status: 'running' });
    record.snapshot = { ...record.snapshot, status: 'running', startedAt: this.now() };
    this.publish(record);
    const context: JobContext = {
      progress: (done, total, detail) => {
        record.snapshot = { ...record.snapshot, progress: { done, total, detail: detail ?? null } };
        const interval = this.options.progressIntervalMs ?? 100;
        if (done >= total || this.now() - record.lastPublished >= interval) this.publish(record);
      },
    };
    try {
      const result = await record.work(context);
      this.finish(record, result, null);
    } catch (error) {
      this.finish(record, null, error);
    } finally {
      jobsActive.dec({ kind, status: 'running' });
    }
  }

  private finish(record: JobRecord, result: unknown, error: unknown): void {
    const failed = error !== null;
    record.snapshot = {
      ...record.snapshot,
      status: failed ? 'failed' : 'completed',
      result: failed ? null : result,
      error: failed ? describeError(error) : null,
      finishedAt: this.now(),
    };
    if (failed && !(error instanceof NeuralTraderError)) {
      this.options.onUnexpectedError?.(error, record.snapshot);
    }
    jobsFinishedTotal.inc({ kind: record.snapshot.kind, status: record.snapshot.status });
    this.publish(record);
    this.finished.push(record.snapshot.id);
    const retain = this.options.retain ?? 1_000;
    while (this.finished.length > retain) this.jobs.delete(this.finished.shift() as string);
  }

  private publish(record: JobRecord): void {
    record.lastPublished = this.now();
    const { result: _result, ...rest } = record.snapshot;
    // The result can be large (a backtest's trades): subscribers get the status and fetch the result by id.
    this.options.topics?.publish(JOBS_TOPIC, rest);
  }
}

/** A failure as a job reports it: typed errors keep their code and message; anything else is INTERNAL. */
function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof NeuralTraderError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'the job failed unexpectedly (the server log has the details)' };
}

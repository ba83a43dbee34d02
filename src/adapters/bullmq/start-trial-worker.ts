/**
 * The worker side of distributed optimization: consumes trial jobs from one queue, or from every queue whose
 * name matches a glob pattern (e.g. `optimize-*`: a `neural-trader worker` started before a run discovers the
 * run's queue), runs the injected evaluate function and returns the encoded result.
 *
 * Stalled jobs: a worker holds a lock on each active job and renews it every lockDuration / 2 ms. A worker that
 * dies (kill -9, power loss) stops renewing; every stalledInterval ms each live worker looks for active jobs
 * whose lock has expired and moves them back to wait (up to maxStalledCount times; after that the job fails
 * and the coordinator records the trial with `error` set), so another worker runs the trial again. A trial is
 * retried on another worker within about lockDuration + stalledInterval of the kill. Evaluate must let the event
 * loop run at least every lockDuration / 2 ms, or its lock lapses and the trial runs twice (the coordinator
 * keeps the first result; the store is idempotent by trial id either way).
 */
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { TrialSpec } from '../../optimize/optimize.types.js';
import { encodeTrialResult, type EncodedTrialResult } from './trial-codec.js';
import type { EvaluateTrial, TrialJobData } from './trial-job.types.js';

export interface TrialWorkerOptions {
  readonly redisUrl: string;
  /** Consume this queue ... */
  readonly queueName?: string;
  /** ... or every queue whose name matches this Redis glob (`*`, `?`, `[...]`); exactly one of the two. */
  readonly queuePattern?: string;
  readonly evaluate: EvaluateTrial;
  /** Trials run at the same time in this process (per queue); default 1. */
  readonly concurrency?: number;
  /** Lock on an active job, ms; default 30,000. */
  readonly lockDurationMs?: number;
  /** How often to look for jobs of dead workers, ms; default 30,000. */
  readonly stalledIntervalMs?: number;
  /** How many times a job may stall before it fails; default 1. */
  readonly maxStalledCount?: number;
  /** How often a pattern worker looks for new queues, ms; default 2,000. */
  readonly discoveryIntervalMs?: number;
  /** Connection and processing errors (the worker keeps going); default: ignored. */
  readonly onError?: (error: Error) => void;
}

export interface TrialWorkerHandle {
  /** Names of the queues consumed now. */
  queues(): readonly string[];
  /** Finishes the trials in progress, then stops. */
  close(): Promise<void>;
}

const paramValue = z.union([z.number(), z.string(), z.boolean()]);
const jobDataSchema = z.object({
  spec: z.object({
    id: z.string().min(1),
    index: z.number().int().nonnegative(),
    params: z.record(z.string(), paramValue),
    window: z.object({ from: z.number().optional(), to: z.number().optional() }).optional(),
    warmupBars: z.number().int().nonnegative().optional(),
  }),
  context: z.object({
    strategy: z.string().min(1),
    baseParams: z.record(z.string(), paramValue),
    settings: z.record(z.string(), z.unknown()),
  }),
  data: z.record(z.string(), z.unknown()),
});

/** The queue name inside a BullMQ meta key `bull:<name>:meta`. */
const QUEUE_PREFIX = 'bull';

export async function startTrialWorker(options: TrialWorkerOptions): Promise<TrialWorkerHandle> {
  if ((options.queueName === undefined) === (options.queuePattern === undefined))
    throw new InvalidInputError('a trial worker needs exactly one of queueName and queuePattern');
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidInputError(`concurrency ${quote(concurrency)} must be a positive integer`);
  const onError = options.onError ?? (() => undefined);
  const workers = new Map<string, Worker<TrialJobData, EncodedTrialResult>>();

  const processor = async (job: Job<TrialJobData, EncodedTrialResult>): Promise<EncodedTrialResult> => {
    const parsed = jobDataSchema.safeParse(job.data);
    if (!parsed.success)
      throw new InvalidInputError(
        `job ${quote(job.id)} does not hold a trial: ${parsed.error.issues[0]?.message}`,
      );
    const spec = parsed.data.spec as TrialSpec;
    const result = await options.evaluate(spec, parsed.data.context, parsed.data.data);
    if (result.id !== spec.id)
      throw new InvalidInputError(`evaluate returned trial ${quote(result.id)} for trial ${quote(spec.id)}`);
    return encodeTrialResult(result);
  };

  const startWorker = async (queueName: string): Promise<void> => {
    const worker = new Worker<TrialJobData, EncodedTrialResult>(queueName, processor, {
      connection: { url: options.redisUrl, maxRetriesPerRequest: null },
      concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 1,
    });
    worker.on('error', onError);
    workers.set(queueName, worker);
    await worker.waitUntilReady();
  };

  if (options.queueName !== undefined) {
    await startWorker(options.queueName);
    let stopped: Promise<void> | null = null;
    return { queues: () => [...workers.keys()], close: () => (stopped ??= closeAll(workers)) };
  }

  const pattern = options.queuePattern as string;
  const scanner = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  scanner.on('error', onError);
  await scanner.connect();
  let closing = false;
  const discover = async (): Promise<void> => {
    const match = `${QUEUE_PREFIX}:${pattern}:meta`;
    let cursor = '0';
    const names = new Set<string>();
    do {
      const [next, keys] = await scanner.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) names.add(key.slice(QUEUE_PREFIX.length + 1, -':meta'.length));
    } while (cursor !== '0');
    for (const name of names) if (!closing && !workers.has(name)) await startWorker(name);
    // A queue whose meta key is gone was obliterated (its run is over): stop consuming it.
    for (const [name, worker] of workers)
      if (!names.has(name)) {
        workers.delete(name);
        await worker.close();
      }
  };
  await discover();
  let discovering = Promise.resolve();
  const timer = setInterval(() => {
    discovering = discovering.then(discover).catch((error: unknown) => onError(error as Error));
  }, options.discoveryIntervalMs ?? 2000);
  const stop = async (): Promise<void> => {
    closing = true;
    clearInterval(timer);
    await discovering;
    await closeAll(workers);
    await scanner.quit();
  };
  let stopped: Promise<void> | null = null;
  return { queues: () => [...workers.keys()], close: () => (stopped ??= stop()) };
}

async function closeAll(workers: Map<string, Worker>): Promise<void> {
  await Promise.all([...workers.values()].map((worker) => worker.close()));
  workers.clear();
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import type { TrialContext, TrialExecutor, TrialResult, TrialSpec } from './optimize.types.js';
import { shareSeries } from './shared-series.js';
import type { TrialWorkerData, TrialWorkerMessage, TrialWorkerRequest } from './trial-worker.js';

export interface TrialProgress {
  readonly done: number;
  readonly total: number;
  /** The best result so far by the pool's score (errors never count); null until one succeeds. */
  readonly best: TrialResult | null;
}

export interface WorkerPoolOptions {
  readonly context: TrialContext;
  readonly series: readonly BarSeries[];
  /** Worker threads (default os.availableParallelism()). */
  readonly workers?: number;
  /** Called after each result (for a progress bar: trials done, best so far). */
  readonly onProgress?: (progress: TrialProgress) => void;
  /** Higher is better; NaN never wins. Default: the Sharpe ratio (metrics.sharpeRatio). */
  readonly score?: (result: TrialResult) => number;
  /** The worker entry (default: trial-worker next to this module; see workerEntry). */
  readonly workerUrl?: URL;
}

/** How a worker is started: a compiled .js entry, or a .ts source loaded through tsx. */
export interface WorkerEntry {
  readonly url: URL;
  readonly typescript: boolean;
}

/**
 * Where the worker code is. From the built package (dist/) it is `./trial-worker.js` beside this module.
 * When this module runs from its TypeScript source (vitest, `tsx src/cli/main.ts`) there is no .js file:
 * the worker then loads `./trial-worker.ts` through tsx (a dev dependency), so the pool works unchanged
 * under `npm test`, tsx and the built CLI.
 */
export function workerEntry(url?: URL): WorkerEntry {
  const entry = url ?? new URL('./trial-worker.js', import.meta.url);
  if (entry.protocol !== 'file:') return { url: entry, typescript: false };
  if (existsSync(fileURLToPath(entry))) return { url: entry, typescript: entry.pathname.endsWith('.ts') };
  return { url: new URL(entry.href.replace(/\.js$/, '.ts')), typescript: true };
}

/**
 * Starts a worker on the entry. A .ts entry gets a small bootstrap that registers tsx's loader inside the
 * worker and then imports it: `--import tsx` in a worker's execArgv does not apply to the worker's own entry
 * on Node 20 ("Unknown file extension .ts"), tsx/esm/api's register() does.
 */
function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  // A worker's default young generation is small: a trial's short-lived arrays then trigger so many
  // scavenges that one worker ran at half the main thread's speed. 64 MB matches the main thread's behaviour.
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  if (!entry.typescript) return new Worker(entry.url, { workerData, resourceLimits });
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

const MAX_IDLE_DEATHS = 3;

interface Slot {
  worker: Worker;
  /** Set by the worker's 'ready' message: its code loaded and it listens for trials. */
  ready: boolean;
  trial: TrialSpec | null;
}

/**
 * A TrialExecutor on worker_threads. The bars are copied once into shared memory and every worker reads the
 * same copy; trials go one at a time to idle workers (so a slow trial never holds others back) and results
 * come back in completion order. A worker that dies (uncaught error, out of memory, process.exit) is
 * replaced; its trial is retried once on the new worker, and if that one dies too the trial is reported
 * with `error` set. Results are bit-identical to evaluateTrial run serially: each trial is a pure function
 * of (spec, context, bars).
 */
export class WorkerPool implements TrialExecutor {
  readonly size: number;
  private readonly data: TrialWorkerData;
  private readonly entry: WorkerEntry;
  private readonly options: WorkerPoolOptions;
  private readonly slots: Slot[] = [];
  private closed = false;
  /** Workers that died with no trial in flight (e.g. failing to load): a few are replaced, then the pool fails. */
  private idleDeaths = 0;
  private broken: string | null = null;
  /** Set while run() is active: how a slot's result or crash reaches it. */
  private active: {
    readonly onMessage: (slot: Slot, result: TrialResult) => void;
    readonly onCrash: (slot: Slot, trial: TrialSpec, reason: string) => void;
    readonly onBroken: (reason: string) => void;
    readonly onReady: () => void;
  } | null = null;

  constructor(options: WorkerPoolOptions) {
    const size = options.workers ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) {
      throw new InvalidInputError(`workers ${quote(size)} must be an integer >= 1`);
    }
    this.size = size;
    this.options = options;
    this.data = { shared: shareSeries(options.series), context: options.context };
    this.entry = workerEntry(options.workerUrl);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Threads now alive (replaced ones included): `size` unless closed. */
  get threadIds(): number[] {
    return this.slots.map((slot) => slot.worker.threadId);
  }

  run(trials: readonly TrialSpec[], onResult: (result: TrialResult) => void): Promise<void> {
    if (this.closed) return Promise.reject(new InvalidInputError('the worker pool is closed'));
    if (this.broken !== null) return Promise.reject(new Error(this.broken));
    if (this.active !== null)
      return Promise.reject(new InvalidInputError('the worker pool is already running'));
    const queue = [...trials];
    const crashes = new Map<string, number>();
    const total = trials.length;
    const score = this.options.score ?? ((r: TrialResult) => r.metrics.sharpeRatio ?? Number.NaN);
    let done = 0;
    let best: TrialResult | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown): void => {
        this.active = null;
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
      };
      const deliver = (result: TrialResult): void => {
        done++;
        const value = result.error === null ? score(result) : Number.NaN;
        if (value > bestScore) {
          bestScore = value;
          best = result;
        }
        onResult(result);
        this.options.onProgress?.({ done, total, best });
      };
      const dispatch = (): void => {
        for (const slot of this.slots) {
          if (slot.trial !== null || !slot.ready) continue;
          const next = queue.shift();
          if (next === undefined) break;
          slot.trial = next;
          slot.worker.postMessage({ type: 'trial', spec: next } satisfies TrialWorkerRequest);
        }
        if (done === total) finish();
      };
      const guarded = (work: () => void): void => {
        try {
          work();
          dispatch();
        } catch (error) {
          finish(error);
        }
      };
      this.active = {
        onMessage: (slot, result) =>
          guarded(() => {
            slot.trial = null;
            deliver(result);
          }),
        onCrash: (slot, trial, reason) =>
          guarded(() => {
            const count = (crashes.get(trial.id) ?? 0) + 1;
            crashes.set(trial.id, count);
            if (count < 2) {
              queue.unshift(trial);
              return;
            }
            deliver({
              id: trial.id,
              index: trial.index,
              params: trial.params,
              metrics: {},
              returns: new Float64Array(0),
              returnTs: new Float64Array(0),
              durationMs: 0,
              error: `worker crashed twice running trial ${quote(trial.id)}: ${reason}`,
            });
          }),
        onBroken: (reason) => finish(new Error(reason)),
        onReady: () => guarded(() => undefined),
      };
      dispatch();
    });
  }

  /** Terminates every worker; run() may not be called afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = startWorker(this.entry, this.data);
    const slot: Slot = { worker, ready: false, trial: null };
    let failure = '';
    worker.on('message', (message: TrialWorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        this.active?.onReady();
      } else {
        this.active?.onMessage(slot, message.result);
      }
    });
    worker.on('error', (error) => {
      failure = error.message;
    });
    worker.on('exit', (code) => {
      if (this.closed || this.broken !== null) return;
      const trial = slot.trial;
      const reason = failure === '' ? `exit code ${code}` : failure;
      if (trial === null && ++this.idleDeaths > MAX_IDLE_DEATHS) {
        this.broken = `trial workers keep dying before running a trial: ${reason}`;
        this.active?.onBroken(this.broken);
        return;
      }
      // Replace the dead worker in place, then hand its trial back to the run.
      const index = this.slots.indexOf(slot);
      const fresh = this.spawn();
      this.slots[index] = fresh;
      if (trial !== null) {
        slot.trial = null;
        this.active?.onCrash(fresh, trial, reason);
      }
    });
    return slot;
  }
}

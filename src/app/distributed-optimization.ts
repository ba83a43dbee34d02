import {
  BullMqTrialExecutor,
  optimizationQueueName,
  redisAnswers,
  startTrialWorker,
  type TrialWorkerHandle,
} from '../adapters/bullmq/index.js';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { evaluateTrial } from '../optimize/evaluate-trial.js';
import type { TrialContext, TrialExecutor } from '../optimize/optimize.types.js';
import type { Store } from '../store/repositories.types.js';
import { loadBacktestSeries, type BacktestData } from './backtest-data.js';

/** Fails with a clear message when Redis does not answer (distributed work needs it; nothing is invented). */
export async function requireRedis(redisUrl: string | null): Promise<string> {
  if (redisUrl === null) {
    throw new InvalidInputError(
      'distributed optimization needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)',
    );
  }
  if (!(await redisAnswers(redisUrl))) {
    throw new InvalidInputError(`REDIS_URL ${quote(redisUrl)} does not answer; start Redis or set REDIS_URL`);
  }
  return redisUrl;
}

/**
 * The executor of `optimize --distributed`: trials go to the run's BullMQ queue; `neural-trader worker`
 * processes anywhere load the bars from their store (so the data must be stored symbols, not a local file).
 */
export function distributedExecutor(
  redisUrl: string,
  data: BacktestData,
): (context: TrialContext, series: readonly BarSeries[], runId: string) => TrialExecutor {
  if (data.kind !== 'store') {
    throw new InvalidInputError(
      '--distributed needs --symbols (stored bars every worker can load), not --data FILE',
    );
  }
  return (context, _series, runId) =>
    new BullMqTrialExecutor({
      redisUrl,
      queueName: optimizationQueueName(runId),
      context,
      data: {
        kind: 'store',
        symbols: [...data.symbols],
        ...(data.timeframe === undefined ? {} : { timeframe: data.timeframe }),
      },
    });
}

export interface TrialWorkerRequest {
  readonly redisUrl: string;
  readonly concurrency?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * `neural-trader worker`: consumes every optimization queue (`optimize-*`), loading each job's bars from this
 * machine's store once per data reference and running the trial. The trial is CPU-bound and blocks the event
 * loop, so the lock must outlast the longest trial (default 60 s).
 */
export function startOptimizationWorker(
  store: Store,
  request: TrialWorkerRequest,
): Promise<TrialWorkerHandle> {
  const cache = new Map<string, Promise<BarSeries[]>>();
  const seriesFor = (data: Readonly<Record<string, unknown>>): Promise<BarSeries[]> => {
    const key = JSON.stringify(data);
    let loaded = cache.get(key);
    if (loaded === undefined) {
      loaded = loadBacktestSeries(store, data as unknown as BacktestData);
      cache.set(key, loaded);
    }
    return loaded;
  };
  return startTrialWorker({
    redisUrl: request.redisUrl,
    queuePattern: 'optimize-*',
    concurrency: request.concurrency ?? 1,
    lockDurationMs: request.lockDurationMs ?? 60_000,
    stalledIntervalMs: request.stalledIntervalMs ?? 30_000,
    evaluate: async (spec, context, data) => evaluateTrial(spec, context, await seriesFor(data)),
    ...(request.onError === undefined ? {} : { onError: request.onError }),
  });
}

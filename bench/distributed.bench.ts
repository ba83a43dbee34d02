/**
 * Distributed optimization overhead (issue 7): the BullMQ round trip of a trial on loopback Redis (coordinator
 * adds the job → a worker takes it, runs a no-op evaluate, returns the encoded result → the coordinator reads
 * the `completed` event and decodes it), against the baseline of calling the same evaluate in-process.
 * Target: <= 5 ms per trial. The worker runs in this process (concurrency 8) so the figure is the queue's cost,
 * not process scheduling; Redis at REDIS_URL (default redis://127.0.0.1:6379). Without Redis it says so.
 */
import { Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { BullMqTrialExecutor } from '../src/adapters/bullmq/bullmq-trial-executor.js';
import { optimizationQueueName } from '../src/adapters/bullmq/job-names.js';
import { startTrialWorker } from '../src/adapters/bullmq/start-trial-worker.js';
import type { TrialContext, TrialResult, TrialSpec } from '../src/optimize/optimize.types.js';
import { median } from './stats.js';
import { redisAnswers } from '../src/adapters/bullmq/redis-answers.js';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const context: TrialContext = { strategy: 'sma-cross', baseParams: {}, settings: { cash: 100_000 } };
const data = { kind: 'store', symbols: ['SPY'], timeframe: '1d' };

/** A no-op trial: a result with `bars` daily returns (zeros) and a few metrics. */
function noopEvaluate(bars: number) {
  const returns = new Float64Array(bars);
  const returnTs = new Float64Array(bars);
  return (spec: TrialSpec): Promise<TrialResult> =>
    Promise.resolve({
      id: spec.id,
      index: spec.index,
      params: spec.params,
      metrics: { sharpeRatio: 1, maxDrawdown: -0.1, closedTrades: 40 },
      returns,
      returnTs,
      durationMs: 0,
      error: null,
    });
}

const specs = (count: number, prefix: string): TrialSpec[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    index,
    params: { fast: 5 + (index % 10), slow: 50 + index },
  }));

/** ms per trial: `count` trials in one run (throughput), or one-trial runs one after another (latency). */
async function measure(bars: number, count: number, mode: 'batch' | 'latency'): Promise<number> {
  const queueName = optimizationQueueName(`bench-${process.pid}-${bars}-${mode}`);
  const worker = await startTrialWorker({
    redisUrl,
    queueName,
    evaluate: noopEvaluate(bars),
    concurrency: 8,
  });
  const executor = new BullMqTrialExecutor({ redisUrl, queueName, context, data });
  let received = 0;
  const onResult = (): void => void (received += 1);
  try {
    await executor.run(specs(20, 'warmup'), onResult);
    if (mode === 'batch') {
      const start = performance.now();
      await executor.run(specs(count, 'trial'), onResult);
      return (performance.now() - start) / count;
    }
    const times: number[] = [];
    for (const spec of specs(count, 'trial')) {
      const start = performance.now();
      await executor.run([spec], onResult);
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await executor.close();
    await worker.close();
    const queue = new Queue(queueName, { connection: { url: redisUrl } });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function inProcess(bars: number, count: number): Promise<number> {
  const evaluate = noopEvaluate(bars);
  const trials = specs(count, 'local');
  let received = 0;
  const start = performance.now();
  for (const spec of trials) if ((await evaluate(spec)).error === null) received += 1;
  return received === count ? (performance.now() - start) / count : Number.NaN;
}

if (!(await redisAnswers(redisUrl))) {
  console.log(`skipped: no Redis answers at REDIS_URL=${redisUrl} (the BullMQ round trip needs one)`);
} else {
  const rows: [string, number, string][] = [
    ['baseline: in-process call of the same no-op evaluate', await inProcess(252, 20_000), ''],
    ['BullMQ, 2,000 trials in one run, 252 returns each', await measure(252, 2000, 'batch'), '<= 5'],
    ['BullMQ, 2,000 trials in one run, 2,520 returns each', await measure(2520, 2000, 'batch'), '<= 5'],
    ['BullMQ, one-trial runs one after another (latency, median)', await measure(252, 200, 'latency'), ''],
  ];
  console.log(
    `Per-trial overhead of the BullMQ round trip on loopback Redis, no-op evaluate, worker in-process:`,
  );
  console.log('');
  console.log('| path | ms per trial | target |');
  console.log('|---|---:|---:|');
  for (const [name, ms, target] of rows)
    console.log(`| ${name} | ${ms.toFixed(ms < 0.1 ? 4 : 2)} | ${target} |`);
}

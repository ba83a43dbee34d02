/**
 * Distributed optimization against the real Redis at REDIS_URL (issue 7, item 5): a coordinator enqueues 20
 * trials on BullMQ, two worker processes consume them, one is killed with SIGKILL in the middle of a trial.
 * Every trial must reach the coordinator exactly once, with the result the evaluate function computes.
 */
import { Queue } from 'bullmq';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { BullMqTrialExecutor } from '../src/adapters/bullmq/bullmq-trial-executor.js';
import { optimizationQueueName } from '../src/adapters/bullmq/job-names.js';
import { redisAnswers } from '../src/adapters/bullmq/redis-answers.js';
import { fixtureEvaluate, REDIS_URL } from '../src/adapters/bullmq/trial-worker.fixture.js';
import type { TrialContext, TrialResult, TrialSpec } from '../src/optimize/optimize.types.js';

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp)
  console.warn(`skipping the distributed optimization test: no Redis answers at REDIS_URL=${REDIS_URL}`);

interface WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly started: string[];
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
}

function spawnWorker(queueName: string, onStart: (id: string) => void = () => undefined): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/adapters/bullmq/trial-worker.fixture.ts', REDIS_URL, queueName],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
  const started: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    void exited.then(() => reject(new Error(`worker exited before it was ready: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') resolve();
      if (line.startsWith('start ')) {
        const id = line.slice('start '.length);
        started.push(id);
        onStart(id);
      }
    });
  });
  return { child, started, ready, exited };
}

describe('distributed optimization on BullMQ', () => {
  const queueName = optimizationQueueName(`test-${process.pid}-${Date.now()}`);
  const workers: WorkerProcess[] = [];

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    if (!redisUp) return;
    const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it.skipIf(!redisUp)(
    'completes every trial exactly once when a worker is killed mid-trial',
    async () => {
      const context: TrialContext = { strategy: 'fixture', baseParams: {}, settings: { delayMs: 150 } };
      const trials: TrialSpec[] = Array.from({ length: 20 }, (_, index) => ({
        id: `run:fold0:${index}`,
        index,
        params: { a: index, b: (index % 4) + 1 },
      }));
      // Worker A is killed (SIGKILL: no handler, its lock is never released) as soon as it begins its third trial.
      let victimTrial: string | null = null;
      const victim = spawnWorker(queueName, (id) => {
        if (victim.started.length === 3 && victimTrial === null) {
          victimTrial = id;
          victim.child.kill('SIGKILL');
        }
      });
      const survivor = spawnWorker(queueName);
      workers.push(victim, survivor);
      await Promise.all([victim.ready, survivor.ready]);

      const executor = new BullMqTrialExecutor({
        redisUrl: REDIS_URL,
        queueName,
        context,
        data: { kind: 'store', symbols: ['SPY'], timeframe: '1d' },
        reconcileIntervalMs: 1000,
      });
      const results: TrialResult[] = [];
      await executor.run(trials, (result) => results.push(result));
      await executor.close();

      expect(victimTrial, 'worker A never began a third trial').not.toBeNull();
      await victim.exited;
      expect(victim.child.signalCode).toBe('SIGKILL');
      // The trial that was running on A when it died ran again on the survivor (stalled-job recovery).
      expect(survivor.started).toContain(victimTrial);

      const countById = new Map<string, number>();
      for (const result of results) countById.set(result.id, (countById.get(result.id) ?? 0) + 1);
      expect([...countById.keys()].sort()).toEqual(trials.map((trial) => trial.id).sort());
      expect([...countById.values()].every((count) => count === 1)).toBe(true);

      // Reference: the same evaluate function called in this process.
      const expected = await Promise.all(trials.map((trial) => fixtureEvaluate(trial, context)));
      for (const want of expected) expect(results.find((result) => result.id === want.id)).toEqual(want);
      // Hand-worked spot check, trial 6: a = 6, b = 6 % 4 + 1 = 3 → sharpeRatio 6 / 3 = 2, returns[1] = (6 - 3) / 1000.
      const sixth = results.find((result) => result.index === 6);
      expect(sixth?.metrics['sharpeRatio']).toBe(2);
      expect(sixth?.returns[1]).toBe(0.003);
    },
    60_000,
  );
});

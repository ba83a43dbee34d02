/** The executor and the worker in one process, against the real Redis at REDIS_URL (skipped without one). */
import { Queue, Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { IllegalStateError, InvalidInputError } from '../../core/errors.js';
import type { TrialContext, TrialResult, TrialSpec } from '../../optimize/optimize.types.js';
import { BullMqTrialExecutor } from './bullmq-trial-executor.js';
import { optimizationQueueName, trialJobId } from './job-names.js';
import { startTrialWorker, type TrialWorkerHandle } from './start-trial-worker.js';
import { redisAnswers } from './redis-answers.js';
import { fixtureEvaluate, REDIS_URL } from './trial-worker.fixture.js';

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`skipping the BullMQ executor tests: no Redis answers at REDIS_URL=${REDIS_URL}`);

const context: TrialContext = { strategy: 'fixture', baseParams: {}, settings: {} };
const data = { kind: 'store', symbols: ['SPY'], timeframe: '1d' };
const specs = (count: number, prefix = 't'): TrialSpec[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}:${index}`,
    index,
    params: { a: index, b: 2 },
  }));

let serial = 0;
const usedQueues: string[] = [];
function freshQueue(): string {
  const name = optimizationQueueName(`unit-${process.pid}-${Date.now()}-${serial++}`);
  usedQueues.push(name);
  return name;
}

afterAll(async () => {
  if (!redisUp) return;
  for (const name of usedQueues) {
    const queue = new Queue(name, { connection: { url: REDIS_URL } });
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

describe('redis probe', () => {
  it('says no when nothing listens at the address', async () => {
    // Port 1 (tcpmux) is not a Redis on any machine that runs these tests: the connection is refused.
    expect(await redisAnswers('redis://127.0.0.1:1', 500)).toBe(false);
  });
});

describe('job names', () => {
  it('names a run queue without ":" and refuses run ids BullMQ cannot carry', () => {
    expect(optimizationQueueName('2024-run_1')).toBe('optimize-2024-run_1');
    expect(() => optimizationQueueName('a:b')).toThrow(InvalidInputError);
  });

  it('maps trial ids one-to-one onto job ids without ":" that are never integers', () => {
    expect(trialJobId('17')).toBe('t-17');
    expect(trialJobId('run:fold:3')).toBe('t-run%3Afold%3A3');
    // "%" is escaped first, so a literal "%3A" and a ":" stay distinct.
    expect(trialJobId('a%3Ab')).toBe('t-a%253Ab');
    expect(trialJobId('a%3Ab')).not.toBe(trialJobId('a:b'));
    expect(() => trialJobId('')).toThrow(InvalidInputError);
  });
});

describe.skipIf(!redisUp)('BullMQ trial executor with an in-process worker', () => {
  const handles: TrialWorkerHandle[] = [];
  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
  });

  async function worker(queueName: string, evaluate = fixtureEvaluate): Promise<TrialWorkerHandle> {
    const handle = await startTrialWorker({ redisUrl: REDIS_URL, queueName, evaluate, concurrency: 2 });
    handles.push(handle);
    return handle;
  }

  it('delivers each trial once with the result evaluate computed, and a second run reads them back', async () => {
    const queueName = freshQueue();
    let evaluations = 0;
    await worker(queueName, (spec, trialContext) => {
      evaluations += 1;
      return fixtureEvaluate(spec, trialContext);
    });
    const trials = specs(12);
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data });
    const results: TrialResult[] = [];
    await executor.run(trials, (result) => results.push(result));
    await executor.close();
    expect(results.map((result) => result.id).sort()).toEqual(trials.map((trial) => trial.id).sort());
    const expected = await Promise.all(trials.map((trial) => fixtureEvaluate(trial, context)));
    for (const want of expected) expect(results.find((result) => result.id === want.id)).toEqual(want);
    expect(evaluations).toBe(12);

    // A restarted coordinator enqueues the same trials: BullMQ keeps the finished jobs, nothing runs again.
    const resumed = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data });
    const again: TrialResult[] = [];
    await resumed.run(trials, (result) => again.push(result));
    await resumed.close();
    expect(again.map((result) => result.id).sort()).toEqual(trials.map((trial) => trial.id).sort());
    expect(evaluations).toBe(12);
  });

  it('returns a trial whose evaluate keeps throwing as a result with the error, after its attempts', async () => {
    const queueName = freshQueue();
    let tries = 0;
    await worker(queueName, (spec, trialContext) => {
      if (spec.params['explode'] === true) tries += 1;
      return fixtureEvaluate(spec, trialContext);
    });
    const trials: TrialSpec[] = [
      ...specs(2),
      { id: 'boom', index: 2, params: { a: 1, b: 1, explode: true } },
    ];
    const executor = new BullMqTrialExecutor({
      redisUrl: REDIS_URL,
      queueName,
      context,
      data,
      attempts: 2,
      retryDelayMs: 1,
    });
    const results: TrialResult[] = [];
    await executor.run(trials, (result) => results.push(result));
    await executor.close();
    const boom = results.find((result) => result.id === 'boom');
    expect(boom?.error).toMatch(/trial failed after its last attempt: trial boom exploded/);
    expect(boom?.returns.length).toBe(0);
    expect(boom?.params).toEqual({ a: 1, b: 1, explode: true });
    expect(tries).toBe(2);
    expect(results.filter((result) => result.error === null)).toHaveLength(2);
  });

  it('records a trial whose evaluate returns another trial as failed', async () => {
    const queueName = freshQueue();
    await worker(queueName, async (spec, trialContext) => ({
      ...(await fixtureEvaluate(spec, trialContext)),
      id: 'someone-else',
    }));
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data, attempts: 1 });
    const results: TrialResult[] = [];
    await executor.run(specs(1), (result) => results.push(result));
    await executor.close();
    expect(results[0]?.error).toMatch(/evaluate returned trial "someone-else" for trial "t:0"/);
  });

  it('records a trial as failed when the worker returns something that is not an encoded result', async () => {
    const queueName = freshQueue();
    // A worker of another program (or version) on the same queue: a plain BullMQ Worker returning junk.
    const foreign = new Worker(queueName, () => Promise.resolve({ nonsense: 1 }), {
      connection: { url: REDIS_URL, maxRetriesPerRequest: null },
    });
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data });
    const results: TrialResult[] = [];
    await executor.run(specs(1), (result) => results.push(result));
    await executor.close();
    await foreign.close();
    expect(results[0]?.error).toMatch(
      /the worker's result could not be read: trial result payload is not a valid encoded TrialResult/,
    );
    expect(results[0]?.metrics).toEqual({});
  });

  it('rejects the run when onResult throws (the store could not save)', async () => {
    const queueName = freshQueue();
    await worker(queueName);
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data });
    await expect(
      executor.run(specs(3), () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    await executor.close();
  });

  it('rejects a pending run when closed, and refuses to run after', async () => {
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName: freshQueue(), context, data });
    const pending = executor.run(specs(2), () => undefined);
    await sleep(100);
    await expect(executor.run(specs(1), () => undefined)).rejects.toThrow(IllegalStateError);
    const outcome = expect(pending).rejects.toThrow(/closed with 2 of 2 trials outstanding/);
    await executor.close();
    await outcome;
    await expect(executor.run(specs(1), () => undefined)).rejects.toThrow(/closed/);
    await executor.close();
  });

  it('refuses duplicate trial ids and bad options, and finishes an empty run at once', async () => {
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName: freshQueue(), context, data });
    const twice = [...specs(1), ...specs(1)];
    await expect(executor.run(twice, () => undefined)).rejects.toThrow(/"t:0" appears twice/);
    await expect(executor.run([], () => undefined)).resolves.toBeUndefined();
    await executor.close();
    expect(
      () => new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName: 'x', context, data, attempts: 0 }),
    ).toThrow(/attempts "0" must be a positive integer/);
  });

  it('refuses a worker with both or neither of queueName and queuePattern, or a bad concurrency', async () => {
    const evaluate = fixtureEvaluate;
    await expect(startTrialWorker({ redisUrl: REDIS_URL, evaluate })).rejects.toThrow(/exactly one/);
    await expect(
      startTrialWorker({ redisUrl: REDIS_URL, evaluate, queueName: 'a', queuePattern: 'b*' }),
    ).rejects.toThrow(/exactly one/);
    await expect(
      startTrialWorker({ redisUrl: REDIS_URL, evaluate, queueName: 'a', concurrency: 0 }),
    ).rejects.toThrow(/concurrency "0"/);
  });

  it('discovers run queues by pattern, and stops consuming a queue once it is obliterated', async () => {
    const prefix = `pattern-${process.pid}-${Date.now()}`;
    const handle = await startTrialWorker({
      redisUrl: REDIS_URL,
      queuePattern: `optimize-${prefix}-*`,
      evaluate: fixtureEvaluate,
      discoveryIntervalMs: 100,
    });
    handles.push(handle);
    expect(handle.queues()).toEqual([]);
    const queueName = optimizationQueueName(`${prefix}-a`);
    const executor = new BullMqTrialExecutor({ redisUrl: REDIS_URL, queueName, context, data });
    const results: TrialResult[] = [];
    await executor.run(specs(4), (result) => results.push(result));
    expect(results).toHaveLength(4);
    expect(handle.queues()).toEqual([queueName]);
    await executor.close();
    const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
    await queue.obliterate({ force: true });
    await queue.close();
    await sleep(400);
    expect(handle.queues()).toEqual([]);
    await handle.close();
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { TopicRegistry } from '../realtime/topic-registry.js';
import { JobManager, type JobSnapshot } from './job-manager.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function settled(jobs: JobManager, id: string): Promise<JobSnapshot> {
  for (let i = 0; i < 200; i++) {
    const job = jobs.get(id);
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('JobManager', () => {
  it('returns at once with a queued job, runs it later and keeps the result', async () => {
    let clock = 1_000;
    const jobs = new JobManager({ now: () => clock });
    const submitted = jobs.submit('backtest', (context) => {
      context.progress(1, 2);
      clock = 2_000;
      return Promise.resolve({ answer: 42 });
    });
    expect(submitted).toMatchObject({
      kind: 'backtest',
      status: 'queued',
      submittedAt: 1_000,
      startedAt: null,
    });
    const done = await settled(jobs, submitted.id);
    expect(done).toMatchObject({
      status: 'completed',
      result: { answer: 42 },
      error: null,
      progress: { done: 1, total: 2, detail: null },
      startedAt: 1_000,
      finishedAt: 2_000,
    });
    expect(jobs.list('backtest').map((j) => j.id)).toEqual([submitted.id]);
    expect(jobs.list('optimization')).toEqual([]);
  });

  it('reports a typed failure with its code and hides the details of an unexpected one', async () => {
    const unexpected: unknown[] = [];
    const jobs = new JobManager({ onUnexpectedError: (error) => unexpected.push(error) });
    const bad = jobs.submit('backtest', () =>
      Promise.reject(new InvalidInputError('strategy "x" is unknown')),
    );
    const bug = jobs.submit('backtest', () => Promise.reject(new TypeError('undefined is not a function')));
    expect((await settled(jobs, bad.id)).error).toEqual({
      code: 'INVALID_INPUT',
      message: 'strategy "x" is unknown',
    });
    const failed = await settled(jobs, bug.id);
    expect(failed.error?.code).toBe('INTERNAL');
    expect(failed.error?.message).not.toContain('undefined is not a function');
    expect(unexpected).toHaveLength(1);
  });

  it('runs jobs one at a time in submission order', async () => {
    const jobs = new JobManager({ concurrency: 1 });
    const order: string[] = [];
    const gate = deferred<void>();
    const first = jobs.submit('a', async () => {
      order.push('first started');
      await gate.promise;
      order.push('first done');
    });
    const second = jobs.submit('a', () => {
      order.push('second started');
      return Promise.resolve();
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs.get(first.id).status).toBe('running');
    expect(jobs.get(second.id).status).toBe('queued');
    gate.resolve();
    await settled(jobs, second.id);
    expect(order).toEqual(['first started', 'first done', 'second started']);
  });

  it('refuses work beyond the queue bound, and after close', async () => {
    const jobs = new JobManager({ maxQueued: 1 });
    const gate = deferred<void>();
    jobs.submit('a', () => gate.promise);
    expect(() => jobs.submit('a', () => Promise.resolve())).toThrow(/job queue is full \(1 jobs waiting\)/);
    gate.resolve();
    expect(await jobs.close()).toBe(true);
    expect(() => jobs.submit('a', () => Promise.resolve())).toThrow(/shutting down/);
  });

  it('on close fails the queued jobs and waits for the running one up to the timeout', async () => {
    const jobs = new JobManager();
    const gate = deferred<void>();
    const running = jobs.submit('a', () => gate.promise);
    const queued = jobs.submit('a', () => Promise.resolve());
    await new Promise((r) => setTimeout(r, 10));
    expect(await jobs.close(20)).toBe(false); // still running after 20 ms
    expect(jobs.get(queued.id)).toMatchObject({ status: 'failed', error: { code: 'UNAVAILABLE' } });
    gate.resolve();
    expect((await settled(jobs, running.id)).status).toBe('completed');
  });

  it('forgets the oldest finished jobs beyond `retain`, naming the id it no longer knows', async () => {
    const jobs = new JobManager({ retain: 2 });
    const ids = [1, 2, 3].map(() => jobs.submit('a', () => Promise.resolve()).id);
    await settled(jobs, ids[2] as string);
    expect(() => jobs.get(ids[0] as string)).toThrow(/job ".*" does not exist \(or was forgotten\)/);
    expect(jobs.get(ids[1] as string).status).toBe('completed');
    expect(() => jobs.get(ids[1] as string, 'optimization')).toThrow(/optimization job/);
  });

  it('publishes status changes and throttled progress on the jobs topic, without the result', async () => {
    const topics = new TopicRegistry();
    let clock = 0;
    const jobs = new JobManager({ topics, now: () => clock, progressIntervalMs: 100 });
    const events: { status: string; progress: { done: number }; result?: unknown }[] = [];
    topics.subscribe('jobs', (message) => events.push(message.data as (typeof events)[number]));
    const job = jobs.submit('optimization', (context) => {
      for (let done = 1; done <= 10; done++) {
        clock += 30; // 30 ms per step: only every fourth step is published, and the last
        context.progress(done, 10, { best: done });
      }
      return Promise.resolve({ big: 'result' });
    });
    await settled(jobs, job.id);
    // queued, running (start), progress at 120 ms (step 4) and 240 ms (step 8), the last step, completed.
    expect(events.map((e) => e.status)).toEqual([
      'queued',
      'running',
      'running',
      'running',
      'running',
      'completed',
    ]);
    expect(events.slice(2, 5).map((e) => e.progress.done)).toEqual([4, 8, 10]);
    expect(events.every((e) => e.result === undefined)).toBe(true);
  });
});

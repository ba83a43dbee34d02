import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_WORDS } from './shared-training-memory.js';
import { ABORTED_MESSAGE, StepBarrier } from './step-barrier.js';
import { startWorkerThread } from './worker-thread.js';

const fixture = new URL('./step-barrier-worker.fixture.ts', import.meta.url);
const started: Worker[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.terminate()));
});

function control(): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT);
}

function start(data: Record<string, unknown>): Worker {
  const worker = startWorkerThread(fixture, data);
  started.push(worker);
  return worker;
}

function nextMessage(worker: Worker): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('StepBarrier', () => {
  it('holds every party until all have arrived, round after round', async () => {
    const parties = 3;
    const rounds = 40;
    const shared = {
      control: control(),
      cells: new SharedArrayBuffer(parties * rounds * 4),
      parties,
      rounds,
    };
    const workers = Array.from({ length: parties }, (_, index) => start({ ...shared, index }));
    const replies = await Promise.all(workers.map(nextMessage));
    expect(replies).toEqual([{ done: rounds }, { done: rounds }, { done: rounds }]);
  }, 60_000);

  it('releases a waiting party when the last one arrives', async () => {
    const words = control();
    const barrier = new StepBarrier(words, 2);
    const worker = start({
      control: words,
      cells: new SharedArrayBuffer(4),
      parties: 2,
      index: 1,
      rounds: 0,
    });
    expect(await nextMessage(worker)).toEqual({ arriving: true });
    const reply = nextMessage(worker);
    // Arrive only once the worker has (the main thread must never block: the test's event loop must run).
    while (Atomics.load(new Int32Array(words), 0) !== 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    barrier.arriveAndWait();
    expect(await reply).toEqual({ done: 0 });
    expect(Array.from(new Int32Array(words))).toEqual([0, 1, 0]);
  }, 60_000);

  it('wakes a waiting worker on abort, which then throws, and refuses arrivals afterwards', async () => {
    const words = control();
    const worker = start({
      control: words,
      cells: new SharedArrayBuffer(4),
      parties: 2,
      index: 0,
      rounds: 0,
    });
    expect(await nextMessage(worker)).toEqual({ arriving: true });
    const reply = nextMessage(worker);
    const barrier = new StepBarrier(words, 2);
    expect(barrier.aborted).toBe(false);
    barrier.abort();
    expect(await reply).toEqual({ error: ABORTED_MESSAGE });
    expect(barrier.aborted).toBe(true);
    expect(() => barrier.arriveAndWait()).toThrow(ABORTED_MESSAGE);
  }, 60_000);

  it('never blocks a single party', () => {
    const barrier = new StepBarrier(control(), 1);
    for (let round = 0; round < 3; round++) barrier.arriveAndWait();
    expect(barrier.aborted).toBe(false);
  });
});

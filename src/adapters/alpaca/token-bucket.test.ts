import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { TokenBucket } from './token-bucket.js';

/** A sleep that moves the simulated clock instead of waiting, and records each wait. */
function fakeSleep(clock: SimulatedClock, waits: number[]) {
  return (ms: number): Promise<void> => {
    waits.push(ms);
    clock.advanceBy(ms);
    return Promise.resolve();
  };
}

describe('TokenBucket', () => {
  it('lets a full burst through, then spaces requests at the refill rate (200 a minute: one per 300 ms)', async () => {
    const clock = new SimulatedClock(0);
    const waits: number[] = [];
    const bucket = new TokenBucket(200, 60_000, clock, fakeSleep(clock, waits));
    for (let i = 0; i < 200; i++) await bucket.take();
    expect(waits).toEqual([]);
    expect(clock.now()).toBe(0);
    await bucket.take();
    await bucket.take();
    expect(waits).toEqual([300, 300]);
    expect(clock.now()).toBe(600);
  });

  it('serves concurrent callers in arrival order without spending a token twice', async () => {
    const clock = new SimulatedClock(0);
    const waits: number[] = [];
    const bucket = new TokenBucket(2, 1_000, clock, fakeSleep(clock, waits));
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => bucket.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(waits).toEqual([500, 500]);
    expect(bucket.available).toBeCloseTo(0, 9);
    clock.advanceBy(10_000);
    expect(bucket.available).toBe(2);
  });

  it('refuses a capacity below one and a window that is not positive', () => {
    const clock = new SimulatedClock(0);
    const sleep = fakeSleep(clock, []);
    expect(() => new TokenBucket(0, 1_000, clock, sleep)).toThrow(/capacity "0"/);
    expect(() => new TokenBucket(5, 0, clock, sleep)).toThrow(/window "0"/);
  });

  it('passes an abort to the waiting caller and keeps serving the next one', async () => {
    const clock = new SimulatedClock(0);
    const controller = new AbortController();
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
      if (signal?.aborted) return Promise.reject(new Error('aborted'));
      clock.advanceBy(ms);
      return Promise.resolve();
    };
    const bucket = new TokenBucket(1, 1_000, clock, sleep);
    await bucket.take();
    controller.abort();
    await expect(bucket.take(controller.signal)).rejects.toThrow('aborted');
    await bucket.take();
    expect(clock.now()).toBe(1_000);
  });
});

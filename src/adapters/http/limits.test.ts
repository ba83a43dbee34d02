import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { NeuralTraderError } from '../../core/errors.js';
import { fakeTime, providerFailure } from './local-server.fixture.js';
import { ProviderHttp } from './provider-http.js';
import { ProviderError } from './provider-error.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestQuota } from './request-quota.js';
import { ResponseCache } from './response-cache.js';
import { backoffMs, DEFAULT_RETRY_POLICY, withRetry } from './retry.js';
import { realSleep } from './timing.js';

const retryable = (retryAfterMs?: number) =>
  new ProviderError('P', 'server-error', 'boom', retryAfterMs === undefined ? {} : { retryAfterMs });

describe('withRetry', () => {
  it('retries only retryable errors, with exponential backoff and equal jitter', async () => {
    const { dependencies, waits } = fakeTime();
    const jitter = [0, 0.5];
    let calls = 0;
    const value = await withRetry(
      () => (++calls < 3 ? Promise.reject(retryable()) : Promise.resolve('ok')),
      DEFAULT_RETRY_POLICY,
      dependencies.sleep,
      () => jitter.shift() ?? 0,
    );
    expect(value).toBe('ok');
    // attempt 1: 500 ms base, half fixed + half x 0 = 250; attempt 2: 1000 ms, 500 + 500 x 0.5 = 750
    expect(waits).toEqual([250, 750]);
    expect(backoffMs({ ...DEFAULT_RETRY_POLICY, maxDelayMs: 3_000 }, 5, () => 1)).toBe(3_000);
  });

  it('rethrows a non-retryable error, a plain Error, and a Retry-After beyond maxRetryAfterMs at once', async () => {
    const { dependencies, waits } = fakeTime();
    for (const error of [
      new ProviderError('P', 'unauthorized', 'no'),
      new Error('bug'),
      retryable(DEFAULT_RETRY_POLICY.maxRetryAfterMs + 1),
      new NeuralTraderError('INTERNAL', 'x', { retryable: true }),
    ]) {
      let calls = 0;
      const run = withRetry(
        () => {
          calls++;
          return Promise.reject(error);
        },
        { ...DEFAULT_RETRY_POLICY, maxAttempts: error instanceof ProviderError ? 3 : 1 },
        dependencies.sleep,
        () => 1,
      );
      await expect(run).rejects.toBe(error);
      expect(calls).toBe(1);
    }
    expect(waits).toEqual([]);
  });

  it('stops retrying once the signal is aborted', async () => {
    const { dependencies } = fakeTime();
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      () => {
        calls++;
        controller.abort();
        return Promise.reject(retryable());
      },
      DEFAULT_RETRY_POLICY,
      dependencies.sleep,
      () => 1,
      controller.signal,
    );
    await expect(run).rejects.toBeInstanceOf(ProviderError);
    expect(calls).toBe(1);
  });
});

describe('RateLimiter', () => {
  it('lets a full bucket burst, then refills at requests/window, and spaces requests minIntervalMs apart', async () => {
    const { clock, dependencies, waits } = fakeTime(0);
    const bucket = new RateLimiter({ requests: 2, windowMs: 1_000 }, clock, dependencies.sleep);
    for (let i = 0; i < 4; i++) await bucket.acquire();
    expect(waits).toEqual([500, 500]);
    expect(bucket.available()).toBeCloseTo(0);
    clock.advanceBy(10_000);
    expect(bucket.available()).toBe(2);
    waits.length = 0;
    const spaced = new RateLimiter({ minIntervalMs: 300 }, clock, dependencies.sleep);
    await Promise.all([spaced.acquire(), spaced.acquire(), spaced.acquire()]);
    expect(waits).toEqual([300, 300]);
  });

  it('waits in real time by default and lets an abort end the wait', async () => {
    const limiter = new RateLimiter({ minIntervalMs: 60 }, { now: () => Date.now() }, realSleep);
    const started = performance.now();
    await limiter.acquire();
    await limiter.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(realSleep(10, controller.signal)).rejects.toThrow('stop');
    await limiter.acquire(); // the queue goes on after an aborted turn
  });

  it('refuses impossible limits', () => {
    const clock = new SimulatedClock();
    expect(() => new RateLimiter({ requests: 0, windowMs: 1 }, clock, realSleep)).toThrow(
      /must be an integer >= 1/,
    );
    expect(() => new RateLimiter({ requests: 1, windowMs: 0 }, clock, realSleep)).toThrow(/must be > 0 ms/);
  });
});

describe('RequestQuota', () => {
  it('allows `limit` requests in any sliding window and says when the next one frees up', () => {
    const clock = new SimulatedClock(0);
    const quota = new RequestQuota(2, 1_000, clock);
    expect(quota.tryTake()).toBe(true);
    clock.advanceBy(400);
    expect(quota.tryTake()).toBe(true);
    expect(quota.tryTake()).toBe(false);
    expect(quota.msUntilAvailable()).toBe(600);
    clock.advanceBy(600);
    expect(quota.remaining()).toBe(1);
    quota.exhaustUntil(5_000);
    expect(quota.remaining()).toBe(0);
    expect(quota.msUntilAvailable()).toBe(4_000);
    expect(() => new RequestQuota(0, 1, clock)).toThrow(/quota "0"/);
    expect(() => new RequestQuota(1, -1, clock)).toThrow(/window "-1"/);
  });
});

describe('ResponseCache', () => {
  it('keeps entries for the TTL, evicts the oldest when full, and stores nothing with TTL 0', () => {
    const clock = new SimulatedClock(0);
    const cache = new ResponseCache<number>(1_000, clock, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
    clock.advanceBy(1_000);
    expect(cache.get('b')).toBeUndefined();
    const off = new ResponseCache<number>(0, clock);
    off.set('a', 1);
    expect([off.enabled, off.get('a')]).toEqual([false, undefined]);
  });
});

describe('ProviderHttp', () => {
  it('turns a cancellation while waiting for the rate limiter into an aborted ProviderError', async () => {
    const http = new ProviderHttp(
      { name: 'p', label: 'P', timeoutMs: 1_000, cacheTtlSeconds: 0, rateLimit: { minIntervalMs: 10_000 } },
      { fetch: () => Promise.resolve(new Response('ok')) },
    );
    expect(await http.get({ url: 'http://127.0.0.1:9/a', parse: (body) => body })).toBe('ok');
    const controller = new AbortController();
    const waiting = http.get({
      url: 'http://127.0.0.1:9/b',
      signal: controller.signal,
      parse: (body) => body,
    });
    controller.abort();
    const error = await providerFailure(waiting);
    expect(error).toMatchObject({ failure: 'aborted', retryable: false, message: 'P request was cancelled' });
    expect(http.status.snapshot(true, null)).toMatchObject({
      requests: 1,
      lastError: 'P request was cancelled',
    });
  });

  it('applies a partial retry policy over the defaults', async () => {
    const { dependencies, waits } = fakeTime();
    let calls = 0;
    const http = new ProviderHttp(
      {
        name: 'p',
        label: 'P',
        timeoutMs: 1_000,
        cacheTtlSeconds: 0,
        rateLimit: {},
        retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: undefined },
      },
      {
        ...dependencies,
        fetch: () => Promise.resolve(new Response('down', { status: ++calls < 4 ? 503 : 200 })),
      },
    );
    expect(await http.get({ url: 'http://127.0.0.1:9/c', parse: (body) => body })).toBe('down');
    expect(waits).toEqual([100, 200, 400]);
  });
});

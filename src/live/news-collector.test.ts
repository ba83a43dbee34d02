import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core/clock.js';
import type { NewsItem } from '../news/news-item.types.js';
import {
  DAY,
  Deferred,
  failing,
  FakeSource,
  FakeTimers,
  HOUR,
  item,
  MINUTE,
  settle,
  T0,
  urlSink,
} from './news-collector.fixture.js';
import { NewsCollector, type PollOutcome } from './news-collector.js';
import { chunkRange } from './news-collector-lane.js';

function setup(
  sources: { source: FakeSource; intervalMs: number; symbols?: string[]; lookbackMs?: number }[],
) {
  const clock = new SimulatedClock(T0);
  const timers = new FakeTimers(clock);
  const outcomes: PollOutcome[] = [];
  const { sink, urls } = urlSink();
  const collector = new NewsCollector({ sources, sink, clock, timers, onOutcome: (o) => outcomes.push(o) });
  return { clock, timers, collector, outcomes, urls };
}

describe('NewsCollector polling', () => {
  it('polls each configured source at start, then once per interval, asking for the lookback window', async () => {
    const a = new FakeSource('a');
    const b = new FakeSource('b');
    const { timers, collector, outcomes } = setup([
      { source: a, intervalMs: MINUTE, symbols: ['aapl', 'MSFT', 'AAPL'], lookbackMs: 2 * HOUR },
      { source: b, intervalMs: 5 * MINUTE },
    ]);
    collector.start();
    await timers.advanceTo(T0);
    expect(a.queries).toEqual([{ from: T0 - 2 * HOUR, to: T0, symbols: ['AAPL', 'MSFT'] }]);
    expect(b.queries).toEqual([{ from: T0 - DAY, to: T0 }]);
    await timers.advanceTo(T0 + 5 * MINUTE);
    expect(a.queries.map((q) => q.to)).toEqual([0, 1, 2, 3, 4, 5].map((k) => T0 + k * MINUTE));
    expect(b.queries.map((q) => q.to)).toEqual([T0, T0 + 5 * MINUTE]);
    const status = collector.status();
    expect(status.running).toBe(true);
    expect(status.startedAt).toBe(T0);
    expect(status.sources[0]).toMatchObject({
      name: 'a',
      polls: 6,
      failures: 0,
      itemsFetched: 6,
      itemsInserted: 6,
      lastPollAt: T0 + 5 * MINUTE,
      lastSuccessAt: T0 + 5 * MINUTE,
      nextPollAt: T0 + 6 * MINUTE,
      requests: 6,
      busy: false,
    });
    expect(outcomes.filter((o) => o.source === 'b').map((o) => [o.kind, o.from, o.fetched])).toEqual([
      ['poll', T0 - DAY, 1],
      ['poll', T0 + 5 * MINUTE - DAY, 1],
    ]);
  });

  it('never runs two fetches of one source at once: a slow poll delays the next, and pollNow joins it', async () => {
    const slow = new Deferred<NewsItem[]>();
    const source = new FakeSource('slow', (query, _signal, call) =>
      call === 1 ? slow.promise : Promise.resolve([item('slow', query.to ?? 0)]),
    );
    const { timers, collector } = setup([{ source, intervalMs: MINUTE }]);
    collector.start();
    await timers.advanceTo(T0 + 3 * MINUTE + 20_000);
    expect(source.queries).toHaveLength(1);
    expect(collector.status().sources[0]?.busy).toBe(true);
    const joined = collector.pollNow('slow');
    await settle();
    expect(source.queries).toHaveLength(1);
    slow.resolve([item('slow', 1)]);
    await joined;
    expect(source.queries).toHaveLength(1);
    // The first poll started at T0: the next was due at T0 + 1 min, so it starts as soon as the first ends.
    await timers.advanceTo(T0 + 3 * MINUTE + 20_000);
    expect(source.queries.map((q) => q.to)).toEqual([T0, T0 + 3 * MINUTE + 20_000]);
    await timers.advanceTo(T0 + 4 * MINUTE + 20_000);
    expect(source.queries).toHaveLength(3);
    expect(source.maxInFlight).toBe(1);
  });

  it('counts a failing source and retries it on its interval while the others carry on', async () => {
    let broken = true;
    const flaky = new FakeSource('flaky', (query) =>
      broken
        ? Promise.reject(failing('HTTP 503 from provider', true))
        : Promise.resolve([item('flaky', query.to ?? 0)]),
    );
    const steady = new FakeSource('steady');
    const { timers, collector } = setup([
      { source: flaky, intervalMs: MINUTE },
      { source: steady, intervalMs: MINUTE },
    ]);
    collector.start();
    await timers.advanceTo(T0 + 2 * MINUTE);
    const [bad, good] = collector.status().sources;
    expect(bad).toMatchObject({
      polls: 3,
      failures: 3,
      consecutiveFailures: 3,
      lastError: 'HTTP 503 from provider',
      lastErrorAt: T0 + 2 * MINUTE,
      lastSuccessAt: null,
      nextPollAt: T0 + 3 * MINUTE,
    });
    expect(good).toMatchObject({ polls: 3, failures: 0, itemsInserted: 3 });
    broken = false;
    await timers.advanceTo(T0 + 3 * MINUTE);
    expect(collector.status().sources[0]).toMatchObject({
      polls: 4,
      failures: 3,
      consecutiveFailures: 0,
      lastSuccessAt: T0 + 3 * MINUTE,
      lastError: 'HTTP 503 from provider',
    });
  });

  it('waits as long as the provider asks (retryAfterMs) before polling again', async () => {
    const limited = new FakeSource('limited', () => Promise.reject(failing('HTTP 429', true, 10 * MINUTE)));
    const { timers, collector } = setup([{ source: limited, intervalMs: MINUTE }]);
    collector.start();
    await timers.advanceTo(T0 + 9 * MINUTE);
    expect(limited.queries).toHaveLength(1);
    expect(collector.status().sources[0]?.nextPollAt).toBe(T0 + 10 * MINUTE);
    await timers.advanceTo(T0 + 10 * MINUTE);
    expect(limited.queries).toHaveLength(2);
  });

  it('never polls a source that is not configured, and reports its quota from the source', async () => {
    const keyless = new FakeSource('keyless');
    keyless.configured = false;
    const metered = new FakeSource('metered');
    metered.quotaRemaining = 97;
    const { timers, collector } = setup([
      { source: keyless, intervalMs: MINUTE },
      { source: metered, intervalMs: MINUTE },
    ]);
    collector.start();
    await timers.advanceTo(T0 + 5 * MINUTE);
    expect(keyless.queries).toHaveLength(0);
    const [off, on] = collector.status().sources;
    expect(off).toMatchObject({ configured: false, nextPollAt: null, polls: 0 });
    expect(on).toMatchObject({ configured: true, quotaRemaining: 97, polls: 6 });
    await collector.pollNow();
    expect(keyless.queries).toHaveLength(0);
    expect(metered.queries).toHaveLength(7);
  });

  it('stop cancels the timers and aborts the fetch in flight; start resumes', async () => {
    const hanging = new FakeSource('hanging', (_query, signal, call) =>
      call === 1
        ? new Promise<NewsItem[]>((_resolve, reject) =>
            signal?.addEventListener('abort', () => reject(new Error('aborted by signal'))),
          )
        : Promise.resolve([]),
    );
    const other = new FakeSource('other');
    const { timers, collector } = setup([
      { source: hanging, intervalMs: MINUTE },
      { source: other, intervalMs: MINUTE },
    ]);
    collector.start();
    await timers.advanceTo(T0 + 30_000);
    await collector.stop();
    expect(hanging.signals[0]?.aborted).toBe(true);
    expect(timers.count).toBe(0);
    expect(collector.status()).toMatchObject({ running: false });
    expect(collector.status().sources[0]).toMatchObject({ busy: false, lastError: 'aborted by signal' });
    await timers.advanceTo(T0 + 10 * MINUTE);
    expect(hanging.queries).toHaveLength(1);
    expect(other.queries).toHaveLength(1);
    collector.start();
    await timers.advanceTo(T0 + 11 * MINUTE);
    expect(hanging.queries).toHaveLength(3);
    expect(hanging.signals[1]?.aborted).toBe(false);
  });
});

describe('NewsCollector backfill', () => {
  it('fetches a range in chunks, oldest first, one request at a time per source: a poll waits its turn', async () => {
    const gates: Deferred<NewsItem[]>[] = [];
    const a = new FakeSource('a', () => {
      gates.push(new Deferred<NewsItem[]>());
      return (gates.at(-1) as Deferred<NewsItem[]>).promise;
    });
    const b = new FakeSource('b');
    const { timers, collector } = setup([
      { source: a, intervalMs: HOUR, lookbackMs: 2 * HOUR },
      { source: b, intervalMs: HOUR, lookbackMs: 2 * HOUR },
    ]);
    collector.start();
    const from = T0 - 2.5 * DAY;
    const pending = collector.backfill({ from, to: T0, chunkMs: DAY, sources: ['a'] });
    await timers.advanceTo(T0);
    // The first chunk is in flight: the poll that fell due at T0 waits behind it (b, idle, polled at once).
    expect(a.queries.map((q) => [q.from, q.to])).toEqual([[from, from + DAY]]);
    expect(b.queries).toHaveLength(1);
    await timers.advanceTo(T0 + 30_000);
    gates[0]?.resolve([item('a', 1), item('a', 2)]);
    await settle();
    // Then the poll, its window taken when it starts; then the next chunk.
    expect(a.queries.map((q) => [q.from, q.to])).toEqual([
      [from, from + DAY],
      [T0 + 30_000 - 2 * HOUR, T0 + 30_000],
    ]);
    gates[1]?.resolve([item('a', 2)]);
    await settle();
    expect(a.queries).toHaveLength(3);
    gates[2]?.resolve([item('a', 3)]);
    await settle();
    gates[3]?.resolve([item('a', 4), item('a', 4)]);
    const [result] = await pending;
    expect(a.queries.slice(2).map((q) => [q.from, q.to])).toEqual([
      [from + DAY, from + 2 * DAY],
      [from + 2 * DAY, T0],
    ]);
    expect(a.maxInFlight).toBe(1);
    expect(result).toEqual({
      source: 'a',
      chunks: 3,
      completed: 3,
      fetched: 5,
      inserted: 4,
      duplicates: 1,
      errors: [],
      stoppedEarly: false,
    });
    expect(collector.status().sources[0]).toMatchObject({
      polls: 4,
      itemsFetched: 6,
      itemsInserted: 4,
      duplicates: 2,
    });
  });

  it('skips a chunk after a retryable error, and ends the source after a non-retryable one', async () => {
    const retry = new FakeSource('retry', (query, _signal, call) =>
      call === 2
        ? Promise.reject(failing('HTTP 502', true))
        : Promise.resolve([item('retry', query.to ?? 0)]),
    );
    const quota = new FakeSource('quota', (query, _signal, call) =>
      call === 2
        ? Promise.reject(failing('daily quota spent', false))
        : Promise.resolve([item('quota', query.to ?? 0)]),
    );
    const { collector } = setup([
      { source: retry, intervalMs: MINUTE },
      { source: quota, intervalMs: MINUTE },
    ]);
    const results = await collector.backfill({ from: T0 - 4 * DAY, to: T0 });
    expect(results.map((r) => [r.source, r.completed, r.errors.length, r.stoppedEarly])).toEqual([
      ['retry', 3, 1, false],
      ['quota', 1, 1, true],
    ]);
    expect(results[0]?.errors[0]).toEqual({ from: T0 - 3 * DAY, to: T0 - 2 * DAY, error: 'HTTP 502' });
    expect(quota.queries).toHaveLength(2);
  });

  it('refuses bad settings, naming the value', async () => {
    const clock = new SimulatedClock(T0);
    const sink = urlSink().sink;
    const make = (intervalMs: number, twice = false) =>
      new NewsCollector({
        sources: [
          { source: new FakeSource('x'), intervalMs },
          ...(twice ? [{ source: new FakeSource('x'), intervalMs }] : []),
        ],
        sink,
        clock,
      });
    expect(() => make(500)).toThrow('poll interval "500" ms of "x" must be >= 1000');
    expect(() => make(MINUTE, true)).toThrow('news source "x" is listed twice');
    await expect(make(MINUTE).pollNow('y')).rejects.toThrow('news source "y" is not collected; collected: x');
    expect(() => chunkRange(T0, T0, DAY)).toThrow('from < to');
    expect(() => chunkRange(T0, T0 + DAY, 1_000)).toThrow('backfill chunk "1000" ms must be at least 60000');
    expect(() => chunkRange(0, 20_000 * DAY, DAY)).toThrow('backfill of "20000" chunks exceeds 10000');
    expect(chunkRange(0, 150_000, MINUTE)).toEqual([
      [0, 60_000],
      [60_000, 120_000],
      [120_000, 150_000],
    ]);
  });
});

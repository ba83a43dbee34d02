import type { SimulatedClock } from '../core/clock.js';
import { NeuralTraderError } from '../core/errors.js';
import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../news/news-item.types.js';
import type { CollectorTimers, NewsSink } from './news-collector.types.js';

/** Test doubles for the news collector: simulated timers, scripted sources, a de-duplicating sink. */

export const T0 = Date.UTC(2024, 2, 6, 12);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Timers on a SimulatedClock: advanceTo fires what falls due, in order, letting the work it starts settle. */
export class FakeTimers implements CollectorTimers {
  private next = 1;
  private readonly pending = new Map<number, { due: number; callback: () => void }>();
  constructor(readonly clock: SimulatedClock) {}
  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.next++;
    this.pending.set(id, { due: this.clock.now() + delayMs, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get count(): number {
    return this.pending.size;
  }
  async advanceTo(to: number): Promise<void> {
    for (;;) {
      await settle();
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.due <= to)
        .sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.clock.advanceTo(Math.max(this.clock.now(), due[1].due));
      due[1].callback();
    }
    this.clock.advanceTo(to);
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;
  readonly promise = new Promise<T>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

export type Behaviour = (
  query: NewsQuery,
  signal: AbortSignal | undefined,
  call: number,
) => Promise<NewsItem[]>;

/** A NewsSource whose answers the test scripts; it records queries and the most fetches in flight at once. */
export class FakeSource implements NewsSource {
  readonly queries: NewsQuery[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  inFlight = 0;
  maxInFlight = 0;
  configured = true;
  quotaRemaining: number | null = null;
  constructor(
    readonly name: string,
    public behaviour: Behaviour = (query) => Promise.resolve([item(name, query.to ?? 0)]),
  ) {}
  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    this.queries.push(query);
    this.signals.push(signal);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.behaviour(query, signal, this.queries.length);
    } finally {
      this.inFlight--;
    }
  }
  status(): NewsSourceStatus {
    return {
      name: this.name,
      configured: this.configured,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      requests: this.queries.length,
      quotaRemaining: this.quotaRemaining,
    };
  }
}

export function item(source: string, at: number, n = 0): NewsItem {
  return {
    source,
    url: `https://news.example/${source}/${at}/${n}`,
    title: `story ${at} ${n}`,
    summary: '',
    body: null,
    publishedAt: at - 1,
    symbols: [],
    language: 'en',
    providerSentiment: null,
  };
}

/** A sink that de-duplicates by url, as the store does. */
export function urlSink(): { sink: NewsSink; urls: Set<string> } {
  const urls = new Set<string>();
  return {
    urls,
    sink: (_source, items) => {
      let inserted = 0;
      for (const it of items) if (!urls.has(it.url) && urls.add(it.url)) inserted++;
      return Promise.resolve({ inserted, duplicates: items.length - inserted });
    },
  };
}

export const failing = (message: string, retryable: boolean, retryAfterMs?: number) =>
  Object.assign(new NeuralTraderError('UNAVAILABLE', message, { retryable }), { retryAfterMs });

import { InvalidInputError, quote } from '../core/errors.js';
import { normalizeSymbol } from '../model/instrument.js';
import type { NewsSource } from '../news/news-item.types.js';
import type { CollectedSource, CollectorSourceStatus, PollOutcome } from './news-collector.types.js';

const DEFAULT_LOOKBACK_MS = 86_400_000;
const MAX_CHUNKS = 10_000;

/**
 * One source's lane in the collector: its tasks (polls, backfill chunks) run strictly one after another, so a
 * source never has two requests in flight; plus its schedule and counters.
 */
export class SourceLane {
  readonly source: NewsSource;
  readonly name: string;
  readonly intervalMs: number;
  readonly symbols: string[];
  readonly lookbackMs: number;
  timer: unknown = null;
  nextPollAt: number | null = null;
  pendingPoll: Promise<void> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private lastPollAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private lastErrorAt: number | null = null;
  private lastError: string | null = null;
  private polls = 0;
  private failures = 0;
  private consecutiveFailures = 0;
  private itemsFetched = 0;
  private itemsInserted = 0;
  private duplicates = 0;

  constructor(collected: CollectedSource) {
    this.source = collected.source;
    this.name = collected.source.name;
    this.intervalMs = collected.intervalMs;
    this.symbols = [...new Set((collected.symbols ?? []).map(normalizeSymbol))];
    this.lookbackMs = collected.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  }

  configured(): boolean {
    return this.source.status().configured;
  }

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task).finally(() => {
      this.queued--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when no task is queued or running (tasks queued meanwhile are waited for too). */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }

  record(outcome: PollOutcome): void {
    this.polls++;
    this.lastPollAt = outcome.startedAt;
    if (outcome.error === null) {
      this.lastSuccessAt = outcome.startedAt;
      this.consecutiveFailures = 0;
      this.itemsFetched += outcome.fetched;
      this.itemsInserted += outcome.inserted;
      this.duplicates += outcome.duplicates;
    } else {
      this.lastErrorAt = outcome.startedAt;
      this.lastError = outcome.error;
      this.failures++;
      this.consecutiveFailures++;
    }
  }

  status(): CollectorSourceStatus {
    const own = this.source.status();
    return {
      name: this.name,
      intervalMs: this.intervalMs,
      configured: own.configured,
      busy: this.queued > 0,
      nextPollAt: this.nextPollAt,
      lastPollAt: this.lastPollAt,
      lastSuccessAt: this.lastSuccessAt,
      lastErrorAt: this.lastErrorAt,
      lastError: this.lastError,
      polls: this.polls,
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      itemsFetched: this.itemsFetched,
      itemsInserted: this.itemsInserted,
      duplicates: this.duplicates,
      requests: own.requests,
      quotaRemaining: own.quotaRemaining,
    };
  }
}

/** [from, to) cut into windows of chunkMs (the last one shorter), oldest first. */
export function chunkRange(from: number, to: number, chunkMs: number): [number, number][] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) {
    throw new InvalidInputError(
      `backfill range from ${quote(from)} to ${quote(to)} must be epoch ms with from < to`,
    );
  }
  if (!(Number.isFinite(chunkMs) && chunkMs >= 60_000)) {
    throw new InvalidInputError(`backfill chunk ${quote(chunkMs)} ms must be at least 60000 (one minute)`);
  }
  const count = Math.ceil((to - from) / chunkMs);
  if (count > MAX_CHUNKS) {
    throw new InvalidInputError(
      `backfill of ${quote(count)} chunks exceeds ${MAX_CHUNKS}: use longer chunks`,
    );
  }
  return Array.from({ length: count }, (_, k): [number, number] => [
    from + k * chunkMs,
    Math.min(to, from + (k + 1) * chunkMs),
  ]);
}

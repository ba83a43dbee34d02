import type { Clock } from '../core/clock.js';
import type { NewsItem, NewsSource } from '../news/news-item.types.js';

/** The news collection service's types (news-collector.ts). */

/** Timers the collector schedules polls with: the system's by default, a fake one in tests. */
export interface CollectorTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where collected items go: the app stores them (de-duplicated, tagged, scored) and says what was new. */
export type NewsSink = (
  source: string,
  items: readonly NewsItem[],
) => Promise<{ readonly inserted: number; readonly duplicates: number }>;

export interface CollectedSource {
  readonly source: NewsSource;
  /** Time from the start of one poll to the start of the next (ms). */
  readonly intervalMs: number;
  /** Tickers asked for; empty or absent: general and market news. */
  readonly symbols?: readonly string[];
  /** A poll asks for articles published in [now - lookbackMs, now) (default 24 h; the store de-duplicates). */
  readonly lookbackMs?: number;
}

/** One poll or backfill chunk of one source. */
export interface PollOutcome {
  readonly source: string;
  readonly kind: 'poll' | 'backfill';
  readonly startedAt: number;
  readonly from: number;
  readonly to: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly duplicates: number;
  /** The error message when it failed; null otherwise. */
  readonly error: string | null;
  /** HTTP requests it sent (from the source's status counters). */
  readonly requests: number;
}

export interface NewsCollectorOptions {
  readonly sources: readonly CollectedSource[];
  readonly sink: NewsSink;
  readonly clock: Clock;
  readonly timers?: CollectorTimers;
  /** Told of every poll and backfill chunk (logging, the persisted status log). Must not throw. */
  readonly onOutcome?: (outcome: PollOutcome) => void;
}

export interface CollectorSourceStatus {
  readonly name: string;
  readonly intervalMs: number;
  /** False when the source lacks a key or setting: it is never polled. */
  readonly configured: boolean;
  /** A poll or backfill chunk is in flight. */
  readonly busy: boolean;
  readonly nextPollAt: number | null;
  readonly lastPollAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastError: string | null;
  readonly polls: number;
  readonly failures: number;
  readonly consecutiveFailures: number;
  readonly itemsFetched: number;
  readonly itemsInserted: number;
  readonly duplicates: number;
  /** The source's own counters: HTTP requests sent and quota left (null when the plan has no known quota). */
  readonly requests: number;
  readonly quotaRemaining: number | null;
}

export interface CollectorStatus {
  readonly running: boolean;
  readonly startedAt: number | null;
  readonly sources: readonly CollectorSourceStatus[];
}

export interface BackfillRequest {
  readonly from: number;
  readonly to: number;
  /** Length of each request's window (ms); default 1 day. */
  readonly chunkMs?: number;
  /** Source names (default: every configured source). */
  readonly sources?: readonly string[];
}

export interface BackfillResult {
  readonly source: string;
  readonly chunks: number;
  readonly completed: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly errors: readonly { readonly from: number; readonly to: number; readonly error: string }[];
  /** True when a non-retryable error (a missing key, a spent quota) ended this source's backfill early. */
  readonly stoppedEarly: boolean;
}

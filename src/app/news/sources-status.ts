import type { FredClient } from '../../adapters/fred/index.js';
import type { Clock } from '../../core/clock.js';
import type { NewsSourceEntry, NewsSourceKind } from './build-news-sources.js';
import type { NewsStatusLog } from './news-status-log.js';

/** One provider's state: configuration, this process's counters, and the history kept between processes. */
export interface SourceStatus {
  readonly name: string;
  /** `fred` is the macro-series provider (context for the news, not a news source). */
  readonly kind: NewsSourceKind | 'fred';
  readonly description: string;
  readonly configured: boolean;
  /** What to set when it is not configured; null when it is. */
  readonly problem: string | null;
  /**
   * Requests left in the provider's daily quota: the plan's quota less today's recorded requests of every
   * process (never more than this process's own counter allows); null when the plan has no known quota.
   */
  readonly quotaRemaining: number | null;
  /** HTTP requests sent today (UTC), by every process that recorded its fetches. */
  readonly requestsToday: number;
  /** Latest success and error (epoch ms), from this process or the recorded history, whichever is later. */
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastError: string | null;
  readonly fetches: number;
  readonly failures: number;
  readonly itemsFetched: number;
  readonly itemsInserted: number;
}

/**
 * The status of every configured news source (and of FRED): whether it is configured and what is missing,
 * quota left, requests today, last success and last error. Merges each adapter's live counters with the
 * fetch history recorded by fetchNews and the collection service (NewsStatusLog).
 */
export function sourcesStatus(
  entries: readonly NewsSourceEntry[],
  macro: FredClient | null,
  log: NewsStatusLog,
  clock: Clock,
): SourceStatus[] {
  const day = new Date(clock.now()).toISOString().slice(0, 10);
  const rows = entries.map((entry) =>
    row(entry.name, entry.kind, entry.description, entry.problem, entry.source?.status() ?? null),
  );
  if (macro !== null) {
    const status = macro.status();
    rows.push(
      row(
        'fred',
        'fred',
        'FRED macro series (context for the news)',
        status.configured
          ? null
          : 'fred is not configured: set FRED_API_KEY (https://fred.stlouisfed.org/docs/api/api_key.html)',
        status,
      ),
    );
  }
  return rows;

  function row(
    name: string,
    kind: SourceStatus['kind'],
    description: string,
    problem: string | null,
    live: ReturnType<FredClient['status']> | null,
  ): SourceStatus {
    const history = log.history(name, day);
    return {
      name,
      kind,
      description,
      configured: problem === null,
      problem,
      quotaRemaining: quotaLeft(live, history.requestsToday),
      requestsToday: history.requestsToday,
      lastSuccessAt: later(live?.lastSuccessAt ?? null, history.lastSuccessAt),
      lastErrorAt: later(live?.lastErrorAt ?? null, history.lastErrorAt),
      lastError:
        (live?.lastErrorAt ?? null) !== null && (live?.lastErrorAt ?? 0) >= (history.lastErrorAt ?? 0)
          ? (live?.lastError ?? null)
          : history.lastError,
      fetches: history.fetches,
      failures: history.failures,
      itemsFetched: history.itemsFetched,
      itemsInserted: history.itemsInserted,
    };
  }
}

/** The plan's quota is what this process has left plus what it sent (its counter started with the process). */
function quotaLeft(live: ReturnType<FredClient['status']> | null, requestsToday: number): number | null {
  if (live === null || live.quotaRemaining === null) return null;
  return Math.max(0, Math.min(live.quotaRemaining, live.quotaRemaining + live.requests - requestsToday));
}

function later(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

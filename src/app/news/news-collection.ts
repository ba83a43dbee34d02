import { InvalidInputError, quote } from '../../core/errors.js';
import { NewsCollector, type CollectorTimers } from '../../live/news-collector.js';
import type { NewsSourceKind } from './build-news-sources.js';
import { selectSources } from './fetch-news.js';
import type { NewsContext } from './news-context.js';
import { createNewsPipeline, storeNewsItems } from './store-news-items.js';

const MINUTE = 60_000;

/**
 * Default poll intervals: keyed providers are polled sparingly for their quotas (NewsAPI allows 100 requests a
 * day: every 30 minutes is 48; Alpha Vantage 25 a day: every hour is 24), feeds and EDGAR every 15 minutes.
 */
export const DEFAULT_POLL_INTERVALS_MS: Readonly<Record<NewsSourceKind, number>> = {
  newsapi: 30 * MINUTE,
  finnhub: 15 * MINUTE,
  alphavantage: 60 * MINUTE,
  'sec-edgar': 15 * MINUTE,
  rss: 15 * MINUTE,
};

export interface NewsCollectionRequest {
  /** Sources to collect (names or kinds, as for fetchNews); default every configured source. */
  readonly sources?: readonly string[];
  readonly symbols?: readonly string[];
  /** Interval per source name or kind (ms), over the defaults. */
  readonly intervalsMs?: Readonly<Record<string, number>>;
  /** Window each poll asks for (ms), default 24 hours. */
  readonly lookbackMs?: number;
  readonly timers?: CollectorTimers;
}

/**
 * The collection service over the configured sources: polls store what they fetch through the same pipeline
 * as fetchNews (tagged, de-duplicated, scored), and every poll and backfill chunk is recorded in the status
 * log, so `news sources status` shows it. Sources that are not configured are left out (an explicitly named
 * one is an error saying what to set). The caller starts and stops it.
 */
export async function createNewsCollection(
  context: NewsContext,
  request: NewsCollectionRequest = {},
): Promise<NewsCollector> {
  const chosen = selectSources(context.sources, request.sources);
  if (request.sources !== undefined) {
    const unusable = chosen.find((entry) => entry.problem !== null);
    if (unusable !== undefined) throw new InvalidInputError(unusable.problem as string);
  }
  const pipeline = await createNewsPipeline(context.store);
  const sources = chosen.flatMap((entry) => {
    if (entry.source === null || entry.problem !== null) return [];
    const intervalMs =
      request.intervalsMs?.[entry.name] ??
      request.intervalsMs?.[entry.kind] ??
      DEFAULT_POLL_INTERVALS_MS[entry.kind];
    return [
      {
        source: entry.source,
        intervalMs,
        ...(request.symbols === undefined ? {} : { symbols: request.symbols }),
        ...(request.lookbackMs === undefined ? {} : { lookbackMs: request.lookbackMs }),
      },
    ];
  });
  if (sources.length === 0) {
    throw new InvalidInputError(
      `no configured news source to collect among ${quote(chosen.map((entry) => entry.name).join(', '))}`,
    );
  }
  return new NewsCollector({
    sources,
    clock: context.clock,
    ...(request.timers === undefined ? {} : { timers: request.timers }),
    sink: async (_source, items) => {
      const stored = await storeNewsItems(pipeline, items);
      return { inserted: stored.inserted, duplicates: stored.duplicates + stored.merged };
    },
    onOutcome: (outcome) =>
      context.log.record(outcome.source, {
        at: outcome.startedAt,
        error: outcome.error,
        fetched: outcome.fetched,
        inserted: outcome.inserted,
        requests: outcome.requests,
      }),
  });
}

import type { Clock } from '../../core/clock.js';
import { InvalidInputError, NeuralTraderError, quote } from '../../core/errors.js';
import { normalizeSymbol } from '../../model/instrument.js';
import type { NewsItem, NewsQuery, NewsSource } from '../../news/news-item.types.js';
import type { NewsSourceEntry } from './build-news-sources.js';
import type { NewsStatusLog } from './news-status-log.js';
import { storeNewsItems, type NewsPipeline } from './store-news-items.js';

export interface FetchNewsRequest {
  /**
   * Source names (`newsapi`, `rss:fed-press`), feed names without the `rss:` prefix, or a kind (`rss`: every
   * feed). Default: every source; those not configured are reported as such.
   */
  readonly sources?: readonly string[];
  /** Tickers to ask for; empty: general and market news. */
  readonly symbols?: readonly string[];
  /** Published at or after / before (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  /** At most this many items per source. */
  readonly limit?: number;
}

export const SOURCE_FETCH_STATUSES = ['fetched', 'not-configured', 'failed'] as const;
export type SourceFetchStatus = (typeof SOURCE_FETCH_STATUSES)[number];

/** What one source gave. Failed and unconfigured sources report zero items: nothing is ever invented. */
export interface SourceFetchResult {
  readonly source: string;
  readonly status: SourceFetchStatus;
  readonly fetched: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly merged: number;
  /** Why the source is not configured or failed; null when it fetched. */
  readonly error: string | null;
  /** The error's code (`CONFIG_INVALID`, `UNAVAILABLE` ...) and whether trying again later may help. */
  readonly errorCode: string | null;
  readonly retryable: boolean;
}

export interface FetchNewsResult {
  readonly symbols: readonly string[];
  readonly from: number | null;
  readonly to: number | null;
  readonly sources: readonly SourceFetchResult[];
  readonly totals: {
    readonly fetched: number;
    readonly inserted: number;
    readonly duplicates: number;
    readonly merged: number;
    readonly failed: number;
    readonly notConfigured: number;
  };
}

export interface FetchNewsDependencies {
  readonly pipeline: NewsPipeline;
  readonly sources: readonly NewsSourceEntry[];
  readonly clock: Clock;
  /** Records each source's outcome (see NewsStatusLog). */
  readonly log?: NewsStatusLog;
  readonly signal?: AbortSignal;
}

/**
 * Fetches news from the chosen sources at once, then stores each source's items in turn (tagged, de-duplicated,
 * scored: storeNewsItems). A source that is not configured is reported with what to set, and asked nothing;
 * a source that fails is reported with its error while the others carry on.
 */
export async function fetchNews(
  dependencies: FetchNewsDependencies,
  request: FetchNewsRequest = {},
): Promise<FetchNewsResult> {
  const chosen = selectSources(dependencies.sources, request.sources);
  const query = newsQuery(request);
  const at = dependencies.clock.now();
  const requestsBefore = chosen.map((entry) => entry.source?.status().requests ?? 0);
  const fetches = chosen.map((entry) =>
    entry.source === null || entry.problem !== null
      ? null
      : fetchFrom(entry.source, query, dependencies.signal),
  );
  const results: SourceFetchResult[] = [];
  for (const [i, entry] of chosen.entries()) {
    const pending = fetches[i];
    if (pending === null || pending === undefined) {
      results.push(failure(entry.name, 'not-configured', entry.problem ?? `${entry.name} is not configured`));
      continue;
    }
    let result: SourceFetchResult;
    try {
      const items = await pending;
      const stored = await storeNewsItems(dependencies.pipeline, items);
      result = {
        source: entry.name,
        status: 'fetched',
        fetched: items.length,
        inserted: stored.inserted,
        duplicates: stored.duplicates,
        merged: stored.merged,
        error: null,
        errorCode: null,
        retryable: false,
      };
    } catch (error) {
      result = failure(entry.name, 'failed', error);
    }
    results.push(result);
    dependencies.log?.record(entry.name, {
      at,
      error: result.error,
      fetched: result.fetched,
      inserted: result.inserted,
      requests: (entry.source?.status().requests ?? 0) - (requestsBefore[i] ?? 0),
    });
  }
  const sum = (key: 'fetched' | 'inserted' | 'duplicates' | 'merged') =>
    results.reduce((total, r) => total + r[key], 0);
  return {
    symbols: query.symbols ?? [],
    from: query.from ?? null,
    to: query.to ?? null,
    sources: results,
    totals: {
      fetched: sum('fetched'),
      inserted: sum('inserted'),
      duplicates: sum('duplicates'),
      merged: sum('merged'),
      failed: results.filter((r) => r.status === 'failed').length,
      notConfigured: results.filter((r) => r.status === 'not-configured').length,
    },
  };
}

/** The entries a request names, in configuration order; an unknown name is an error listing the known ones. */
export function selectSources(
  entries: readonly NewsSourceEntry[],
  names: readonly string[] | undefined,
): NewsSourceEntry[] {
  if (names === undefined || names.length === 0) return [...entries];
  const wanted = new Set<NewsSourceEntry>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    const matches = entries.filter(
      (entry) => entry.name === name || entry.kind === name || entry.name === `rss:${name}`,
    );
    if (matches.length === 0) {
      throw new InvalidInputError(
        `news source ${quote(raw)} is not one of ${entries.map((entry) => entry.name).join(', ')}`,
      );
    }
    for (const match of matches) wanted.add(match);
  }
  return entries.filter((entry) => wanted.has(entry));
}

function newsQuery(request: FetchNewsRequest): NewsQuery & { symbols?: string[] } {
  const { from, to, limit } = request;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value))
      throw new InvalidInputError(`${name} ${quote(value)} must be epoch ms`);
  }
  if (from !== undefined && to !== undefined && !(from < to)) {
    throw new InvalidInputError(
      `from ${quote(new Date(from).toISOString())} must be before to ${quote(new Date(to).toISOString())}`,
    );
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
  }
  const symbols = [...new Set((request.symbols ?? []).map(normalizeSymbol))];
  return {
    ...(symbols.length === 0 ? {} : { symbols }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(limit === undefined ? {} : { limit }),
  };
}

/** The source's fetch as a settled promise, so one source's rejection is never unhandled while others run. */
function fetchFrom(
  source: NewsSource,
  query: NewsQuery,
  signal: AbortSignal | undefined,
): Promise<NewsItem[]> {
  const pending = Promise.resolve().then(() => source.fetch(query, signal));
  pending.catch(() => undefined);
  return pending;
}

function failure(source: string, status: SourceFetchStatus, error: unknown): SourceFetchResult {
  const typed = error instanceof NeuralTraderError ? error : null;
  return {
    source,
    status,
    fetched: 0,
    inserted: 0,
    duplicates: 0,
    merged: 0,
    error: typeof error === 'string' ? error : error instanceof Error ? error.message : String(error),
    errorCode: status === 'not-configured' ? 'CONFIG_INVALID' : (typed?.code ?? 'INTERNAL'),
    retryable: typed?.retryable ?? false,
  };
}

/**
 * The news model shared by the source adapters (adapters/newsapi, finnhub, alphavantage, rss, sec), the
 * de-duplicating store and the sentiment scorer. A NewsItem is one article as a source delivered it,
 * normalised at the adapter: times are epoch ms, text is plain (no HTML), symbols are upper-case tickers.
 */

/** One article as fetched from a source, before de-duplication. */
export interface NewsItem {
  /** Source name, e.g. `newsapi`, `finnhub`, `alphavantage`, `rss:fed-press`, `sec-edgar`. */
  readonly source: string;
  /** The article's link as the source gave it (absolute http(s) URL). */
  readonly url: string;
  readonly title: string;
  /** Short description or lead; empty when the source gives none. */
  readonly summary: string;
  /** Full text when the source provides it, otherwise null (we never scrape pages). */
  readonly body: string | null;
  /** Publication time, epoch ms (UTC). */
  readonly publishedAt: number;
  /** Tickers the source itself tagged (upper case); symbol tagging may add more later. */
  readonly symbols: readonly string[];
  /** ISO 639-1 code when known (`en`), else null. */
  readonly language: string | null;
  /**
   * The provider's own sentiment score mapped to [-1, 1] (Alpha Vantage publishes one), else null. Kept
   * apart from our scorer's score: it is the provider's opinion, reported as such.
   */
  readonly providerSentiment: number | null;
}

/** What to ask a source for. Sources ignore what they cannot filter on, and say so in their docs. */
export interface NewsQuery {
  /** Tickers of interest; empty or absent means general/market news. */
  readonly symbols?: readonly string[];
  /** Published at or after (epoch ms). */
  readonly from?: number;
  /** Published before (epoch ms, exclusive). */
  readonly to?: number;
  /** Free-text query, for sources that support one (NewsAPI). */
  readonly query?: string;
  /** Upper bound on items returned. */
  readonly limit?: number;
}

/** Usage and health of a source, for `news sources status` and the provider-status tools. */
export interface NewsSourceStatus {
  readonly name: string;
  /** False when a required key is missing: the source then refuses every fetch with a clear error. */
  readonly configured: boolean;
  readonly lastSuccessAt: number | null;
  readonly lastErrorAt: number | null;
  readonly lastError: string | null;
  readonly requests: number;
  /** Requests left in the provider's current quota window, when the provider has a known quota. */
  readonly quotaRemaining: number | null;
}

/**
 * The NewsSource port. `fetch` resolves to the items matching the query (possibly none) or rejects with a
 * typed error carrying `code` and `retryable` (see ARCHITECTURE.md §5); it never invents items.
 */
export interface NewsSource {
  readonly name: string;
  fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]>;
  status(): NewsSourceStatus;
}

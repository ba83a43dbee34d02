import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import { checkNewsQuery, querySymbols, selectNews } from '../http/news-query.js';
import { parseJsonBody, validatePayload } from '../http/payload.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderError } from '../http/provider-error.js';
import { ProviderHttp } from '../http/provider-http.js';
import { utcDate } from '../http/timestamps.js';
import type { ProviderDependencies } from '../http/timing.js';
import { finnhubConfigSchema, type FinnhubConfig, type FinnhubConfigInput } from './finnhub-config.js';
import { describeFinnhubError, FINNHUB, finnhubItem, finnhubNewsSchema } from './finnhub-payload.js';

const DAY_MS = 86_400_000;

/**
 * Finnhub news as a NewsSource. With symbols: one GET /api/v1/company-news?symbol=&from=&to= per symbol,
 * dates as YYYY-MM-DD (UTC; `to` inclusive, so the day holding the query's exclusive `to` minus 1 ms),
 * `from` defaulting to lookbackDays before `to` (or now). Without symbols: GET /api/v1/news?category=, the
 * latest market news (Finnhub takes no dates there). Neither endpoint pages; the exact [from, to) window
 * and `limit` are applied to what comes back. The key goes in the X-Finnhub-Token header. 60 calls a minute:
 * a token bucket of 60 refilled over a minute.
 */
export class FinnhubSource implements NewsSource {
  readonly name = 'finnhub';
  private readonly config: FinnhubConfig;
  private readonly http: ProviderHttp;

  constructor(config: FinnhubConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig(FINNHUB, finnhubConfigSchema, config);
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: FINNHUB,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { requests: this.config.callsPerMinute, windowMs: 60_000 },
        retry: this.config.retry,
        headers: this.config.apiKey === null ? {} : { 'X-Finnhub-Token': this.config.apiKey },
        describeError: describeFinnhubError,
      },
      dependencies,
    );
  }

  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    checkNewsQuery(query);
    if (this.config.apiKey === null) {
      throw this.http.fail(
        new ProviderError(
          FINNHUB,
          'missing-key',
          'Finnhub needs an API key: set FINNHUB_API_KEY (https://finnhub.io/register)',
        ),
      );
    }
    const symbols = querySymbols(query);
    const items: NewsItem[] = [];
    if (symbols.length === 0) {
      const url = new URL('/api/v1/news', this.config.baseUrl);
      url.searchParams.set('category', this.config.marketCategory);
      for (const story of await this.read(url, signal)) {
        const item = finnhubItem(story, null);
        if (item !== null) items.push(item);
      }
      return selectNews(items, query);
    }
    const to = query.to ?? this.http.clock.now();
    const from = query.from ?? to - this.config.lookbackDays * DAY_MS;
    for (const symbol of symbols) {
      const url = new URL('/api/v1/company-news', this.config.baseUrl);
      url.searchParams.set('symbol', symbol);
      url.searchParams.set('from', utcDate(from));
      url.searchParams.set('to', utcDate(query.to === undefined ? to : to - 1));
      for (const story of await this.read(url, signal)) {
        const item = finnhubItem(story, symbol);
        if (item !== null) items.push(item);
      }
    }
    return selectNews(items, query);
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(this.config.apiKey !== null, null);
  }

  private read(url: URL, signal: AbortSignal | undefined) {
    const what = url.pathname;
    return this.http.get({
      url: url.toString(),
      ...(signal === undefined ? {} : { signal }),
      parse: (body) => validatePayload(FINNHUB, finnhubNewsSchema, parseJsonBody(FINNHUB, body, what), what),
    });
  }
}

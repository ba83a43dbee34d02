import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import { checkNewsQuery, querySymbols, selectNews } from '../http/news-query.js';
import { parseJsonBody, validatePayload } from '../http/payload.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderError } from '../http/provider-error.js';
import { ProviderHttp } from '../http/provider-http.js';
import { epochMsToZonedWallTime } from '../http/timestamps.js';
import type { ProviderDependencies } from '../http/timing.js';
import {
  alphaVantageConfigSchema,
  type AlphaVantageConfig,
  type AlphaVantageConfigInput,
} from './alpha-vantage-config.js';
import {
  ALPHA_VANTAGE,
  alphaVantageItem,
  newsSentimentSchema,
  throwAlphaVantageNotice,
} from './alpha-vantage-payload.js';

const WHAT = 'NEWS_SENTIMENT';

/** `YYYYMMDDTHHMM` of a wall time held as UTC ms. */
function minuteStamp(wall: number): string {
  return new Date(wall).toISOString().slice(0, 16).replace(/[-:]/g, '');
}

/**
 * Alpha Vantage NEWS_SENTIMENT as a NewsSource: GET /query?function=NEWS_SENTIMENT with `tickers` (the
 * query's symbols, comma-separated; none asks for market news), the configured `topics`, `time_from` /
 * `time_to` (YYYYMMDDTHHMM, widened to whole minutes; the exact [from, to) is applied to the answer),
 * `limit` and `sort`. One answer holds all articles (no pages). 25 requests a day on the free key: counted
 * and cached; HTTP-200 notices become typed errors (throwAlphaVantageNotice). Each item carries Alpha
 * Vantage's own sentiment as providerSentiment.
 */
export class AlphaVantageSource implements NewsSource {
  readonly name = 'alphavantage';
  private readonly config: AlphaVantageConfig;
  private readonly http: ProviderHttp;

  constructor(config: AlphaVantageConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig(ALPHA_VANTAGE, alphaVantageConfigSchema, config);
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: ALPHA_VANTAGE,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { minIntervalMs: this.config.minIntervalMs },
        dailyQuota: this.config.dailyQuota,
        retry: this.config.retry,
      },
      dependencies,
    );
  }

  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    checkNewsQuery(query);
    const apiKey = this.config.apiKey;
    if (apiKey === null) {
      throw this.http.fail(
        new ProviderError(
          ALPHA_VANTAGE,
          'missing-key',
          'Alpha Vantage needs an API key: set ALPHA_VANTAGE_API_KEY (https://www.alphavantage.co/support/#api-key)',
        ),
      );
    }
    const { timeZone } = this.config;
    const url = new URL('/query', this.config.baseUrl);
    url.searchParams.set('function', WHAT);
    const symbols = querySymbols(query);
    if (symbols.length > 0) url.searchParams.set('tickers', symbols.join(','));
    if (this.config.topics.length > 0) url.searchParams.set('topics', this.config.topics.join(','));
    if (query.from !== undefined) {
      url.searchParams.set('time_from', minuteStamp(epochMsToZonedWallTime(query.from, timeZone)));
    }
    if (query.to !== undefined) {
      const wall = epochMsToZonedWallTime(query.to, timeZone);
      url.searchParams.set('time_to', minuteStamp(Math.ceil(wall / 60_000) * 60_000));
    }
    url.searchParams.set('limit', String(Math.min(query.limit ?? this.config.limit, 1_000)));
    url.searchParams.set('sort', this.config.sort);
    url.searchParams.set('apikey', apiKey);
    const page = await this.http.get({
      url: url.toString(),
      ...(signal === undefined ? {} : { signal }),
      parse: (body) => {
        const json = parseJsonBody(ALPHA_VANTAGE, body, WHAT);
        throwAlphaVantageNotice(json);
        return validatePayload(ALPHA_VANTAGE, newsSentimentSchema, json, WHAT);
      },
    });
    const items: NewsItem[] = [];
    for (const article of page.feed) {
      const item = alphaVantageItem(article, timeZone);
      if (item !== null) items.push(item);
    }
    return selectNews(items, query);
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(this.config.apiKey !== null, this.http.quota?.remaining() ?? null);
  }
}

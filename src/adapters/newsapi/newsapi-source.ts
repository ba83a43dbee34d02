import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import { checkNewsQuery, querySymbols, selectNews } from '../http/news-query.js';
import { parseJsonBody, validatePayload } from '../http/payload.js';
import { ProviderError } from '../http/provider-error.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderHttp } from '../http/provider-http.js';
import type { ProviderDependencies } from '../http/timing.js';
import { newsApiConfigSchema, type NewsApiConfig, type NewsApiConfigInput } from './newsapi-config.js';
import {
  describeNewsApiError,
  isResultCap,
  newsApiItem,
  newsApiPageSchema,
  NEWSAPI,
} from './newsapi-payload.js';

/**
 * NewsAPI (newsapi.org) as a NewsSource. A query with text or symbols goes to /v2/everything
 * (`q` = the text, or the symbols joined with OR; `from`/`to` sent to the second; `language`, `sortBy`),
 * paging with `page` until `limit` items, the last page, the plan's 100-result cap or maxPages. A query with
 * neither reads /v2/top-headlines for the configured category and country, which has no time filter:
 * `from`/`to` are then applied to what it returns. The key goes in the X-Api-Key header, never the URL.
 * 100 requests a day on the free plan: counted (status().quotaRemaining), cached for CACHE_TTL, spaced
 * minIntervalMs apart.
 */
export class NewsApiSource implements NewsSource {
  readonly name = 'newsapi';
  private readonly config: NewsApiConfig;
  private readonly http: ProviderHttp;

  constructor(config: NewsApiConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig(NEWSAPI, newsApiConfigSchema, config);
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: NEWSAPI,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { minIntervalMs: this.config.minIntervalMs },
        dailyQuota: this.config.dailyQuota,
        retry: this.config.retry,
        headers: this.config.apiKey === null ? {} : { 'X-Api-Key': this.config.apiKey },
        describeError: describeNewsApiError,
      },
      dependencies,
    );
  }

  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    checkNewsQuery(query);
    if (this.config.apiKey === null) {
      throw this.http.fail(
        new ProviderError(
          NEWSAPI,
          'missing-key',
          'NewsAPI needs an API key: set NEWS_API_KEY (https://newsapi.org/register)',
        ),
      );
    }
    const text = this.searchText(query);
    const endpoint = text === null ? '/v2/top-headlines' : '/v2/everything';
    const wanted = query.limit ?? this.config.pageSize * this.config.maxPages;
    const pageSize = Math.min(this.config.pageSize, wanted);
    const items: NewsItem[] = [];
    for (let page = 1; page <= this.config.maxPages; page++) {
      const url = new URL(endpoint, this.config.baseUrl);
      if (text === null) {
        url.searchParams.set('category', this.config.headlinesCategory);
        url.searchParams.set('country', this.config.headlinesCountry);
      } else {
        url.searchParams.set('q', text);
        url.searchParams.set('language', this.config.language);
        url.searchParams.set('sortBy', this.config.sortBy);
        if (query.from !== undefined) url.searchParams.set('from', secondIso(query.from));
        if (query.to !== undefined)
          url.searchParams.set('to', secondIso(Math.ceil(query.to / 1000) * 1000 - 1000));
      }
      url.searchParams.set('pageSize', String(pageSize));
      url.searchParams.set('page', String(page));
      let result;
      try {
        result = await this.http.get({
          url: url.toString(),
          ...(signal === undefined ? {} : { signal }),
          parse: (body) =>
            validatePayload(NEWSAPI, newsApiPageSchema, parseJsonBody(NEWSAPI, body, endpoint), endpoint),
        });
      } catch (error) {
        if (page > 1 && isResultCap(error)) break;
        throw error;
      }
      const language = text === null ? null : this.config.language;
      for (const article of result.articles) {
        const item = newsApiItem(article, language);
        if (item !== null) items.push(item);
      }
      const lastPage = result.articles.length < pageSize || page * pageSize >= result.totalResults;
      if (lastPage || selectNews(items, query).length >= wanted) break;
    }
    return selectNews(items, { ...query, limit: wanted });
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(this.config.apiKey !== null, this.http.quota?.remaining() ?? null);
  }

  /** `q`: the free text, the symbols OR-ed, both AND-ed, or null for top headlines. */
  private searchText(query: NewsQuery): string | null {
    const symbols = querySymbols(query);
    const parts: string[] = [];
    if (query.query !== undefined && query.query.trim() !== '') parts.push(query.query.trim());
    if (symbols.length > 0) parts.push(symbols.join(' OR '));
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] as string) : parts.map((part) => `(${part})`).join(' AND ');
  }
}

/** `2024-03-05T14:30:00`: NewsAPI's ISO 8601 form (UTC, whole seconds). */
function secondIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

import type { NewsItem, NewsQuery, NewsSource, NewsSourceStatus } from '../../news/news-item.types.js';
import { checkNewsQuery, querySymbols, selectNews } from '../http/news-query.js';
import { parseProviderConfig } from '../http/provider-config.js';
import { ProviderHttp } from '../http/provider-http.js';
import type { ProviderDependencies } from '../http/timing.js';
import { parseFeed, type FeedEntry } from './feed-parser.js';
import { rssSourceConfigSchema, type RssSourceConfig, type RssSourceConfigInput } from './rss-config.js';

/** An untitled item (RSS needs only a title or a description) is titled with its summary, cut at a word. */
const TITLE_FROM_SUMMARY = 140;

/**
 * An RSS 2.0 / RSS 1.0 / Atom 1.0 feed as a NewsSource named `rss:<name>`. A feed URL with `{symbol}` is
 * read once per query symbol and its items tagged with it; a plain feed is read once, untagged (symbol
 * tagging adds symbols later). Feeds cannot be asked for a window: [from, to) and `limit` are applied to
 * the items read. Requests are spaced minIntervalMs apart and cached for CACHE_TTL; no key is needed, so
 * the source is always configured.
 */
export class RssSource implements NewsSource {
  readonly name: string;
  private readonly config: RssSourceConfig;
  private readonly http: ProviderHttp;
  private readonly label: string;

  constructor(config: RssSourceConfigInput, dependencies: ProviderDependencies = {}) {
    this.config = parseProviderConfig('RSS', rssSourceConfigSchema, config);
    this.name = `rss:${this.config.name}`;
    this.label = `RSS feed ${this.config.name}`;
    this.http = new ProviderHttp(
      {
        name: this.name,
        label: this.label,
        timeoutMs: this.config.timeoutMs,
        cacheTtlSeconds: this.config.cacheTtlSeconds,
        rateLimit: { minIntervalMs: this.config.minIntervalMs },
        retry: this.config.retry,
        headers: {
          Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
          ...(this.config.userAgent === null || this.config.userAgent === undefined
            ? {}
            : { 'User-Agent': this.config.userAgent }),
        },
      },
      dependencies,
    );
  }

  async fetch(query: NewsQuery, signal?: AbortSignal): Promise<NewsItem[]> {
    checkNewsQuery(query);
    const perSymbol = this.config.url.includes('{symbol}');
    const targets: (string | null)[] = perSymbol ? querySymbols(query) : [null];
    const items: NewsItem[] = [];
    for (const symbol of targets) {
      const url =
        symbol === null
          ? this.config.url
          : this.config.url.replace(/\{symbol\}/g, encodeURIComponent(symbol));
      const entries = await this.http.get({
        url,
        ...(signal === undefined ? {} : { signal }),
        parse: (body) => parseFeed(body, url, this.label).entries,
      });
      for (const entry of entries) items.push(this.item(entry, symbol));
    }
    return selectNews(items, query);
  }

  status(): NewsSourceStatus {
    return this.http.status.snapshot(true, null);
  }

  private item(entry: FeedEntry, symbol: string | null): NewsItem {
    const title =
      entry.title !== ''
        ? entry.title
        : entry.summary.length <= TITLE_FROM_SUMMARY
          ? entry.summary
          : `${entry.summary.slice(0, TITLE_FROM_SUMMARY + 1).replace(/\s+\S*$/, '')}…`;
    return {
      source: this.name,
      url: entry.url,
      title,
      summary: entry.summary,
      body: entry.body,
      publishedAt: entry.publishedAt,
      symbols: symbol === null ? [] : [symbol],
      language: entry.language ?? this.config.language ?? null,
      providerSentiment: null,
    };
  }
}

import { AlphaVantageSource } from '../../adapters/alphavantage/index.js';
import { FinnhubSource } from '../../adapters/finnhub/index.js';
import { FredClient } from '../../adapters/fred/index.js';
import type { ProviderDependencies } from '../../adapters/http/index.js';
import { NewsApiSource } from '../../adapters/newsapi/index.js';
import { RSS_PRESETS, RssSource, rssPresetConfig, type RssPresetName } from '../../adapters/rss/index.js';
import { EdgarFilingsSource } from '../../adapters/sec/index.js';
import type { AppConfig } from '../../config/app-config.types.js';
import type { NewsSource } from '../../news/news-item.types.js';
import { DEFAULT_FEEDS, type CustomFeed, type NewsSettings } from './news-settings.js';

export const NEWS_SOURCE_KINDS = ['newsapi', 'finnhub', 'alphavantage', 'sec-edgar', 'rss'] as const;
export type NewsSourceKind = (typeof NEWS_SOURCE_KINDS)[number];

/** One news source as configured: the adapter, or why it cannot be used. */
export interface NewsSourceEntry {
  /** The source's name as it appears on stored articles (`newsapi`, `rss:fed-press` ...). */
  readonly name: string;
  readonly kind: NewsSourceKind;
  readonly description: string;
  /** The adapter; null when it cannot be built at all (a feed without a URL, an invalid setting). */
  readonly source: NewsSource | null;
  /** Why the source is not configured (missing key, User-Agent or URL); null when it is usable. */
  readonly problem: string | null;
}

const SEC_USER_AGENT_HELP =
  'set "secUserAgent" in news-sources.json in the data directory, e.g. "Acme Research admin@acme.example" ' +
  '(SEC fair-access policy: anonymous clients are refused)';

/**
 * Builds every news source the configuration describes: the keyed providers (always listed, so a missing key
 * is reported as "not configured", never skipped silently), SEC EDGAR's filing index, and the RSS feeds.
 * An invalid setting makes that one source unusable with the reason, not the whole set. Responses are cached
 * for CACHE_TTL (config.performance.cacheTtlSeconds).
 */
export function buildNewsSources(
  config: AppConfig,
  settings: NewsSettings,
  dependencies: ProviderDependencies = {},
): NewsSourceEntry[] {
  const cacheTtlSeconds = config.performance.cacheTtlSeconds;
  const { baseUrls } = settings;
  const at = (url: string | undefined) => (url === undefined ? {} : { baseUrl: url });
  const entries: NewsSourceEntry[] = [
    keyed(
      'newsapi',
      'NewsAPI articles and top headlines',
      'set NEWS_API_KEY (https://newsapi.org/register)',
      () =>
        new NewsApiSource(
          { apiKey: config.providers.newsApiKey, cacheTtlSeconds, ...at(baseUrls.newsapi) },
          dependencies,
        ),
    ),
    keyed(
      'finnhub',
      'Finnhub company and market news',
      'set FINNHUB_API_KEY (https://finnhub.io/register)',
      () =>
        new FinnhubSource(
          { apiKey: config.providers.finnhubApiKey, cacheTtlSeconds, ...at(baseUrls.finnhub) },
          dependencies,
        ),
    ),
    keyed(
      'alphavantage',
      'Alpha Vantage news and sentiment',
      'set ALPHA_VANTAGE_API_KEY (https://www.alphavantage.co/support/#api-key)',
      () =>
        new AlphaVantageSource(
          { apiKey: config.providers.alphaVantageApiKey, cacheTtlSeconds, ...at(baseUrls.alphavantage) },
          dependencies,
        ),
    ),
    keyed(
      'sec-edgar',
      'SEC EDGAR filing index (8-K, 10-Q, 10-K)',
      SEC_USER_AGENT_HELP,
      () =>
        new EdgarFilingsSource(
          {
            userAgent: settings.secUserAgent ?? null,
            cacheTtlSeconds,
            ...(baseUrls.secData === undefined ? {} : { dataBaseUrl: baseUrls.secData }),
            ...(baseUrls.secArchive === undefined ? {} : { archiveBaseUrl: baseUrls.secArchive }),
          },
          dependencies,
        ),
    ),
  ];
  for (const feed of settings.feeds ?? DEFAULT_FEEDS) {
    entries.push(
      typeof feed === 'string'
        ? presetFeed(feed, settings, cacheTtlSeconds, dependencies)
        : customFeed(feed, cacheTtlSeconds, dependencies),
    );
  }
  return entries;

  function keyed(
    name: Exclude<NewsSourceKind, 'rss'>,
    description: string,
    help: string,
    create: () => NewsSource,
  ): NewsSourceEntry {
    try {
      const source = create();
      const problem = source.status().configured ? null : `${name} is not configured: ${help}`;
      return { name, kind: name, description, source, problem };
    } catch (error) {
      return { name, kind: name, description, source: null, problem: `${name}: ${(error as Error).message}` };
    }
  }
}

function presetFeed(
  preset: RssPresetName,
  settings: NewsSettings,
  cacheTtlSeconds: number,
  dependencies: ProviderDependencies,
): NewsSourceEntry {
  const name = `rss:${preset}`;
  const definition = RSS_PRESETS[preset];
  const description = `RSS: ${definition.description}`;
  if (definition.needsUserAgent && (settings.secUserAgent ?? null) === null) {
    return {
      name,
      kind: 'rss',
      description,
      source: null,
      problem: `${name} is not configured: ${SEC_USER_AGENT_HELP}`,
    };
  }
  if (definition.url === null && settings.treasuryFeedUrl === undefined) {
    return {
      name,
      kind: 'rss',
      description,
      source: null,
      problem: `${name} is not configured: no feed URL for it could be confirmed; set "treasuryFeedUrl" in news-sources.json`,
    };
  }
  try {
    const config = rssPresetConfig(preset, {
      cacheTtlSeconds,
      ...(settings.baseUrls.rss === undefined ? {} : { baseUrl: settings.baseUrls.rss }),
      ...(definition.needsUserAgent && typeof settings.secUserAgent === 'string'
        ? { userAgent: settings.secUserAgent }
        : {}),
      ...(definition.url === null && settings.treasuryFeedUrl !== undefined
        ? { url: settings.treasuryFeedUrl }
        : {}),
    });
    return { name, kind: 'rss', description, source: new RssSource(config, dependencies), problem: null };
  } catch (error) {
    return { name, kind: 'rss', description, source: null, problem: `${name}: ${(error as Error).message}` };
  }
}

function customFeed(
  feed: CustomFeed,
  cacheTtlSeconds: number,
  dependencies: ProviderDependencies,
): NewsSourceEntry {
  const name = `rss:${feed.name}`;
  const description = `RSS: ${feed.url}`;
  try {
    const source = new RssSource({ ...feed, cacheTtlSeconds }, dependencies);
    return { name, kind: 'rss', description, source, problem: null };
  } catch (error) {
    return { name, kind: 'rss', description, source: null, problem: `${name}: ${(error as Error).message}` };
  }
}

/** FRED (macro series for context): not a news source, listed in the provider status. */
export function buildMacroClient(
  config: AppConfig,
  settings: NewsSettings,
  dependencies: ProviderDependencies = {},
): FredClient {
  return new FredClient(
    {
      apiKey: config.providers.fredApiKey,
      cacheTtlSeconds: config.performance.cacheTtlSeconds,
      ...(settings.baseUrls.fred === undefined ? {} : { baseUrl: settings.baseUrls.fred }),
    },
    dependencies,
  );
}

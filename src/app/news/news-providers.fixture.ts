import type { Answer, SeenRequest } from '../../adapters/http/local-server.fixture.js';
import type { AppConfig } from '../../config/app-config.types.js';
import { memoryFiles } from '../../config/config.fixture.js';
import { loadConfig } from '../../config/load-config.js';
import { createInstrument, type Instrument } from '../../model/instrument.js';

/**
 * News providers for the news use-case tests, served by a LocalServer in their documented formats (NewsAPI
 * /v2/everything, Finnhub /api/v1/company-news, an RSS 2.0 feed). The stories, all in March 2024:
 * - NewsAPI: Apple beats (5th 14:30), Microsoft fraud probe (6th 14:30), Apple conference (7th 14:30);
 * - Finnhub: the same Apple-beats article at the same URL (merged), the same story reworded at another
 *   outlet an hour later (a near-duplicate), and a Microsoft downgrade (7th 16:00);
 * - the feed: a Federal Reserve release naming no company (8th 10:00).
 */
export const at = (day: number, hour = 14, minute = 30): number => Date.UTC(2024, 2, day, hour, minute);
/** The clock of the tests: March 8, 2024, noon UTC. */
export const NOW = Date.UTC(2024, 2, 8, 12);

export const INSTRUMENTS: readonly Instrument[] = [
  createInstrument({ symbol: 'AAPL', name: 'Apple Inc.' }),
  createInstrument({ symbol: 'MSFT', name: 'Microsoft Corporation' }),
];

const newsApiArticle = (title: string, url: string, publishedAt: number, description: string) => ({
  source: { id: null, name: 'Wire' },
  author: null,
  title,
  description,
  url,
  urlToImage: null,
  publishedAt: new Date(publishedAt).toISOString().replace('.000Z', 'Z'),
  content: null,
});

export const NEWSAPI_ARTICLES = [
  newsApiArticle(
    'Apple beats estimates and raises full-year guidance',
    'https://news.example/apple-beats',
    at(5),
    'Apple reported quarterly earnings well above analyst expectations.',
  ),
  newsApiArticle(
    'Microsoft shares plunge after regulators open fraud probe',
    'https://news.example/msft-probe',
    at(6),
    'An investigation into accounting at Microsoft raised concerns among investors.',
  ),
  newsApiArticle(
    'Apple to present at industry conference',
    'https://news.example/apple-conference',
    at(7),
    'Executives of Apple will speak at the conference on Tuesday.',
  ),
];

export const FINNHUB_STORIES = [
  {
    datetime: at(5) / 1000,
    headline: 'Apple beats estimates and raises full-year guidance',
    url: 'https://news.example/apple-beats',
    related: 'AAPL',
    summary: 'Apple reported quarterly earnings well above analyst expectations.',
  },
  {
    datetime: at(5, 15) / 1000,
    headline: 'Apple beats estimates and raises its full-year guidance',
    url: 'https://other.example/markets/apple-beats-estimates',
    related: 'AAPL',
    summary: 'Quarterly results beat forecasts.',
  },
  {
    datetime: at(7, 16, 0) / 1000,
    headline: 'Analysts downgrade Microsoft to sell on a weak outlook',
    url: 'https://news.example/msft-downgrade',
    related: 'MSFT',
    summary: 'Brokers cut their price targets on Microsoft amid slowing demand.',
  },
];

export const FEED_XML = `<?xml version="1.0"?><rss version="2.0"><channel><title>Board press</title>
<item><title>Federal Reserve issues statement on bank supervision</title><link>https://fed.example/press/1</link>
<description>The Board announced a routine update.</description><pubDate>${new Date(at(8, 10, 0)).toUTCString()}</pubDate></item>
</channel></rss>`;

/** Answers the providers' documented paths (Finnhub: the stories of the asked symbol); else a 404. */
export function providers({ path, query }: SeenRequest): Answer {
  switch (path) {
    case '/v2/everything':
      return { json: { status: 'ok', totalResults: NEWSAPI_ARTICLES.length, articles: NEWSAPI_ARTICLES } };
    case '/api/v1/company-news':
      return { json: FINNHUB_STORIES.filter((story) => story.related === query.get('symbol')) };
    case '/feeds/press_all.xml':
    case '/feed.xml':
      return { body: FEED_XML, headers: { 'content-type': 'application/rss+xml' } };
    default:
      return { status: 404, body: 'not found' };
  }
}

/** The resolved configuration for an environment (keys as given, nothing else set). */
export function configFor(env: Readonly<Record<string, string>>): AppConfig {
  const result = loadConfig({ env: { LOG_LEVEL: 'silent', ...env }, cpuCount: 1, readFile: memoryFiles({}) });
  if (!result.ok) throw result.error;
  return result.value;
}

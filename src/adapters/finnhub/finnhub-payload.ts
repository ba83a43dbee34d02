import { z } from 'zod';
import type { NewsItem } from '../../news/news-item.types.js';
import type { ErrorDescriber } from '../http/http-client.js';
import { htmlToLine } from '../http/html-text.js';

export const FINNHUB = 'Finnhub';

/**
 * One story of /company-news and /news: `datetime` in unix seconds, `related` the tickers as a comma list
 * (empty for market news). Only headline, url and datetime are needed; the rest may be missing.
 */
const storySchema = z.object({
  category: z.string().nullish(),
  datetime: z.number().int().min(0),
  headline: z.string(),
  id: z.number().nullish(),
  image: z.string().nullish(),
  related: z.string().nullish(),
  source: z.string().nullish(),
  summary: z.string().nullish(),
  url: z.string(),
});
export const finnhubNewsSchema = z.array(storySchema);
export type FinnhubStory = z.output<typeof storySchema>;

/** Finnhub's error body is `{"error": "..."}` (401 Invalid API key, 403 no access, 429 API limit reached). */
export const describeFinnhubError: ErrorDescriber = (_status, body) => {
  try {
    const parsed = z.object({ error: z.string() }).safeParse(JSON.parse(body));
    return parsed.success ? { message: parsed.data.error } : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A story as a NewsItem, or null when it has no headline or no http(s) url. Symbols are the story's
 * `related` tickers; a company-news story that names none is tagged with the symbol it was asked for,
 * since Finnhub returned it as that company's news. Finnhub does not state a language or full text.
 */
export function finnhubItem(story: FinnhubStory, requestedSymbol: string | null): NewsItem | null {
  const title = htmlToLine(story.headline);
  if (title === '' || !/^https?:\/\//i.test(story.url)) return null;
  const related = (story.related ?? '')
    .split(',')
    .map((symbol) => symbol.trim().toUpperCase())
    .filter((symbol) => symbol !== '');
  return {
    source: 'finnhub',
    url: story.url,
    title,
    summary: htmlToLine(story.summary ?? ''),
    body: null,
    publishedAt: story.datetime * 1000,
    symbols: related.length > 0 ? [...new Set(related)] : requestedSymbol === null ? [] : [requestedSymbol],
    language: null,
    providerSentiment: null,
  };
}

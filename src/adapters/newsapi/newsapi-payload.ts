import { z } from 'zod';
import type { NewsItem } from '../../news/news-item.types.js';
import type { ErrorDescriber } from '../http/http-client.js';
import { htmlToLine, htmlToText } from '../http/html-text.js';
import { ProviderError, type ProviderFailure } from '../http/provider-error.js';
import { parseRfc3339 } from '../http/timestamps.js';

export const NEWSAPI = 'NewsAPI';

/** One article of /v2/everything and /v2/top-headlines; everything but url, title and publishedAt may be null. */
const articleSchema = z.object({
  source: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  url: z.string(),
  urlToImage: z.string().nullish(),
  publishedAt: z.string().refine((text) => parseRfc3339(text) !== null, {
    error: (issue) => `expected an ISO 8601 time with a zone, got ${JSON.stringify(issue.input)}`,
  }),
  content: z.string().nullish(),
});

export const newsApiPageSchema = z.object({
  status: z.literal('ok'),
  totalResults: z.number().int().min(0),
  articles: z.array(articleSchema),
});
export type NewsApiArticle = z.output<typeof articleSchema>;

/** NewsAPI's error body: `{"status":"error","code":"apiKeyInvalid","message":"..."}`. */
const errorSchema = z.object({
  status: z.literal('error'),
  code: z.string(),
  message: z.string().optional(),
});

/** NewsAPI's documented error codes, by failure kind. */
const CODE_FAILURES: Readonly<Record<string, ProviderFailure>> = {
  apiKeyDisabled: 'unauthorized',
  apiKeyInvalid: 'unauthorized',
  apiKeyMissing: 'unauthorized',
  apiKeyExhausted: 'quota-exhausted',
  rateLimited: 'rate-limited',
  parameterInvalid: 'bad-request',
  parametersMissing: 'bad-request',
  sourcesTooMany: 'bad-request',
  sourceDoesNotExist: 'bad-request',
  maximumResultsReached: 'bad-request',
  unexpectedError: 'server-error',
};

/** Reads the error body: its `code` picks the failure and is quoted with the message. */
export const describeNewsApiError: ErrorDescriber = (_status, body) => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = errorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data;
  const failure = CODE_FAILURES[code];
  return { ...(failure === undefined ? {} : { failure }), message: `${code}: ${message ?? ''}`.trim() };
};

/** True for the `maximumResultsReached` error (HTTP 426) of a page past the plan's result cap: paging ends. */
export function isResultCap(error: unknown): boolean {
  return error instanceof ProviderError && error.message.includes('maximumResultsReached');
}

const TRUNCATION = /\s*\[\+\d+ chars\]\s*$/;
const REMOVED = '[Removed]';

/**
 * An article as a NewsItem, or null for the placeholders NewsAPI leaves where a publisher withdrew an article
 * (title `[Removed]`, url https://removed.com) and for articles without a title or an http(s) url. `content`
 * is the first 200 characters with a `[+N chars]` marker on every plan, so it is not the full text: it
 * becomes the summary when there is no description, and body stays null unless the content is complete.
 * NewsAPI does not tag tickers, so `symbols` is empty (symbol tagging adds them later).
 */
export function newsApiItem(article: NewsApiArticle, language: string | null): NewsItem | null {
  const title = htmlToLine(article.title ?? '');
  if (title === '' || title === REMOVED || /^https?:\/\/removed\.com\/?$/.test(article.url)) return null;
  if (!/^https?:\/\//i.test(article.url)) return null;
  const content = article.content ?? '';
  const truncated = TRUNCATION.test(content);
  const contentText = htmlToText(content.replace(TRUNCATION, ''));
  const summary = htmlToLine(article.description ?? '') || htmlToLine(contentText);
  return {
    source: 'newsapi',
    url: article.url,
    title,
    summary: summary === REMOVED ? '' : summary,
    body: truncated || contentText === '' ? null : contentText,
    publishedAt: parseRfc3339(article.publishedAt) as number,
    symbols: [],
    language,
    providerSentiment: null,
  };
}

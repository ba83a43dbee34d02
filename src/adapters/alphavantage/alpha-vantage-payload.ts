import { z } from 'zod';
import type { NewsItem } from '../../news/news-item.types.js';
import { excerpt } from '../http/http-client.js';
import { htmlToLine } from '../http/html-text.js';
import { ProviderError, type ProviderFailure } from '../http/provider-error.js';
import { utcFromParts, zonedWallTimeToEpochMs } from '../http/timestamps.js';

export const ALPHA_VANTAGE = 'Alpha Vantage';

const TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/;

/** `YYYYMMDDTHHMM[SS]` as a wall time read as UTC, or null when it is not one. */
export function alphaVantageWallTime(text: string): number | null {
  const match = TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  return utcFromParts(year as number, month as number, day as number, hour, minute, second);
}

/** A number Alpha Vantage may send as a JSON number or a decimal string (`"0.912"`). */
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]).transform(Number);

const articleSchema = z.object({
  title: z.string(),
  url: z.string(),
  time_published: z.string().refine((text) => alphaVantageWallTime(text) !== null, {
    error: (issue) => `expected YYYYMMDDTHHMMSS, got ${JSON.stringify(issue.input)}`,
  }),
  authors: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  source: z.string().nullish(),
  overall_sentiment_score: numeric.nullish(),
  overall_sentiment_label: z.string().nullish(),
  ticker_sentiment: z
    .array(
      z.object({
        ticker: z.string().min(1),
        relevance_score: numeric.nullish(),
        ticker_sentiment_score: numeric.nullish(),
      }),
    )
    .nullish(),
});
export const newsSentimentSchema = z.object({
  items: z.union([z.string(), z.number()]).nullish(),
  feed: z.array(articleSchema),
});
export type AlphaVantageArticle = z.output<typeof articleSchema>;

/**
 * Alpha Vantage reports most failures as HTTP 200 with a single `Information`, `Note` or `Error Message`
 * field instead of `feed`. This turns them into typed errors:
 * - the burst limit ("spreading out ... (1 request per second)", "5 calls per minute") -> rate-limited,
 *   retryable, with a Retry-After of one second or one minute; it is tested first because the burst
 *   notice also mentions the daily limit;
 * - the daily limit ("25 requests per day") -> quota-exhausted, not retryable: it lasts until the quota
 *   resets, so the source stops asking (the local quota is marked spent for a day);
 * - an invalid or missing key -> unauthorized; a premium-only feature -> forbidden;
 * - anything else ("Invalid inputs") -> bad-request. No notice -> nothing (the schema then checks `feed`).
 */
export function throwAlphaVantageNotice(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'feed' in json) return;
  const record = json as Record<string, unknown>;
  const key = ['Error Message', 'Information', 'Note'].find((name) => typeof record[name] === 'string');
  if (key === undefined) return;
  const notice = record[key] as string;
  let failure: ProviderFailure = 'bad-request';
  let retryAfterMs: number | undefined;
  if (/spreading out|per second|per minute|call frequency/i.test(notice)) {
    failure = 'rate-limited';
    retryAfterMs = /per second/i.test(notice) ? 1_000 : 60_000;
  } else if (/per day|daily/i.test(notice)) failure = 'quota-exhausted';
  else if (/api ?key/i.test(notice)) failure = 'unauthorized';
  else if (/premium/i.test(notice)) failure = 'forbidden';
  throw new ProviderError(
    ALPHA_VANTAGE,
    failure,
    `${ALPHA_VANTAGE} said (${key}): "${excerpt(notice, 300)}"`,
    {
      status: 200,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  );
}

/**
 * An article as a NewsItem, or null without a title or an http(s) url. Symbols are the tickers Alpha
 * Vantage scored for the article (`ticker_sentiment`, kept as written: `CRYPTO:BTC`, `FOREX:USD`).
 * providerSentiment is `overall_sentiment_score` as published: Alpha Vantage's own scale, documented as
 * Bearish <= -0.35 < Somewhat-Bearish <= -0.15 < Neutral < 0.15 <= Somewhat-Bullish < 0.35 <= Bullish, with
 * observed values inside [-1, 1]. It is not rescaled (a stretch would invent confidence Alpha Vantage did
 * not state), only clamped to [-1, 1] should a value stray outside; so an AV "Bullish" article may read as
 * low as 0.35. Language is not stated per article: null.
 */
export function alphaVantageItem(article: AlphaVantageArticle, timeZone: string): NewsItem | null {
  const title = htmlToLine(article.title);
  if (title === '' || !/^https?:\/\//i.test(article.url)) return null;
  const wall = alphaVantageWallTime(article.time_published) as number;
  const score = article.overall_sentiment_score;
  const symbols = (article.ticker_sentiment ?? []).map((entry) => entry.ticker.toUpperCase());
  return {
    source: 'alphavantage',
    url: article.url,
    title,
    summary: htmlToLine(article.summary ?? ''),
    body: null,
    publishedAt: zonedWallTimeToEpochMs(wall, timeZone),
    symbols: [...new Set(symbols)],
    language: null,
    providerSentiment:
      score === null || score === undefined || !Number.isFinite(score)
        ? null
        : Math.max(-1, Math.min(1, score)),
  };
}

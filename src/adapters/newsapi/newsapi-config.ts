import { z } from 'zod';
import { apiKeySchema, baseUrl, commonProviderFields } from '../http/provider-config.js';

/**
 * NewsAPI settings. The Developer (free) plan allows 100 requests a day and at most 100 results per query
 * (a later page answers `maximumResultsReached`), so the defaults ask one page of 100 per fetch and let the
 * cache absorb repeated polls. `apiKey` is NEWS_API_KEY.
 */
export const newsApiConfigSchema = z.strictObject({
  apiKey: apiKeySchema,
  baseUrl: baseUrl('https://newsapi.org'),
  /** /v2/everything `language` (ISO 639-1); also the language stamped on its items. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en"')
    .default('en'),
  sortBy: z.enum(['publishedAt', 'relevancy', 'popularity']).default('publishedAt'),
  /** Results per page: 1 to 100 (NewsAPI's maximum). */
  pageSize: z.number().int().min(1).max(100).default(100),
  /** Pages read per fetch at most; each page is one request against the daily quota. */
  maxPages: z.number().int().min(1).max(20).default(1),
  /** /v2/top-headlines filters, used when the query names neither symbols nor text. */
  headlinesCategory: z
    .enum(['business', 'entertainment', 'general', 'health', 'science', 'sports', 'technology'])
    .default('business'),
  headlinesCountry: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be an ISO 3166-1 code such as "us"')
    .default('us'),
  /** Requests a day; 100 on the Developer plan. */
  dailyQuota: z.number().int().min(1).default(100),
  /** Least gap between two requests, to spread a burst of pages. */
  minIntervalMs: z.number().int().min(0).max(60_000).default(1_000),
  ...commonProviderFields,
});

export type NewsApiConfigInput = z.input<typeof newsApiConfigSchema>;
export type NewsApiConfig = z.output<typeof newsApiConfigSchema>;

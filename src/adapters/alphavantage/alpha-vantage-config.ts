import { z } from 'zod';
import { apiKeySchema, baseUrl, commonProviderFields } from '../http/provider-config.js';

/**
 * Alpha Vantage settings. The free key allows 25 requests a day and asks for no more than one request a
 * second; NEWS_SENTIMENT returns up to `limit` articles (default 50, at most 1000) in one answer, without
 * pages. `apiKey` is ALPHA_VANTAGE_API_KEY; Alpha Vantage takes it only as the `apikey` query parameter
 * (it is masked in every message).
 */
export const alphaVantageConfigSchema = z.strictObject({
  apiKey: apiKeySchema,
  baseUrl: baseUrl('https://www.alphavantage.co'),
  dailyQuota: z.number().int().min(1).default(25),
  minIntervalMs: z.number().int().min(0).max(60_000).default(1_000),
  /** Articles asked for when the query has no limit: 1 to 1000. */
  limit: z.number().int().min(1).max(1_000).default(50),
  sort: z.enum(['LATEST', 'EARLIEST', 'RELEVANCE']).default('LATEST'),
  /** Alpha Vantage topics (`earnings`, `financial_markets`, `economy_monetary` ...), sent as `topics`. */
  topics: z
    .array(z.string().regex(/^[a-z_]+$/, 'must be an Alpha Vantage topic such as "earnings"'))
    .default([]),
  /**
   * The zone of `time_published` and `time_from`/`time_to`. Alpha Vantage documents the YYYYMMDDTHHMMSS
   * format but not its zone; UTC is the common reading. Set `America/New_York` if you find otherwise.
   */
  timeZone: z.enum(['UTC', 'America/New_York']).default('UTC'),
  ...commonProviderFields,
});

export type AlphaVantageConfigInput = z.input<typeof alphaVantageConfigSchema>;
export type AlphaVantageConfig = z.output<typeof alphaVantageConfigSchema>;

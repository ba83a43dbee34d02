import { z } from 'zod';
import { apiKeySchema, baseUrl, commonProviderFields } from '../http/provider-config.js';

/**
 * Finnhub settings. The free plan allows 60 API calls a minute (and 30 a second); there is no daily quota.
 * Company news needs a date range: without `from` in the query, the last `lookbackDays` are asked for.
 * `apiKey` is FINNHUB_API_KEY.
 */
export const finnhubConfigSchema = z.strictObject({
  apiKey: apiKeySchema,
  baseUrl: baseUrl('https://finnhub.io'),
  callsPerMinute: z.number().int().min(1).max(3_000).default(60),
  lookbackDays: z.number().int().min(1).max(365).default(7),
  /** Category for market news (a query without symbols): general, forex, crypto or merger. */
  marketCategory: z.enum(['general', 'forex', 'crypto', 'merger']).default('general'),
  ...commonProviderFields,
});

export type FinnhubConfigInput = z.input<typeof finnhubConfigSchema>;
export type FinnhubConfig = z.output<typeof finnhubConfigSchema>;

import { z } from 'zod';
import type { ErrorDescriber } from '../http/http-client.js';
import { apiKeySchema, baseUrl, commonProviderFields } from '../http/provider-config.js';
import { utcFromParts } from '../http/timestamps.js';

export const FRED = 'FRED';

/**
 * FRED settings. FRED allows 120 requests a minute per key; one request returns up to 100,000 observations
 * (`pageSize`), more are read with `offset`. `apiKey` is FRED_API_KEY (32 lower-case hex characters).
 */
export const fredConfigSchema = z.strictObject({
  apiKey: apiKeySchema,
  baseUrl: baseUrl('https://api.stlouisfed.org'),
  requestsPerMinute: z.number().int().min(1).max(1_000).default(120),
  pageSize: z.number().int().min(1).max(100_000).default(100_000),
  ...commonProviderFields,
});
export type FredConfigInput = z.input<typeof fredConfigSchema>;
export type FredConfig = z.output<typeof fredConfigSchema>;

/** `YYYY-MM-DD` as 00:00 UTC, or null. */
export function fredDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match === null ? null : utcFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** An observation value: a decimal number, or `.` for missing. */
const valueSchema = z
  .string()
  .regex(/^(\.|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/, {
    error: (issue) => `expected a number or ".", got ${JSON.stringify(issue.input)}`,
  })
  .transform((text) => (text === '.' ? null : Number(text)));

export const observationsSchema = z.object({
  units: z.string().nullish(),
  count: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
  observations: z.array(
    z.object({
      date: z.string().refine((text) => fredDate(text) !== null, {
        error: (issue) => `expected YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
      }),
      value: valueSchema,
    }),
  ),
});

/**
 * FRED's error body is `{"error_code": 400, "error_message": "Bad Request.  ..."}`. An unknown key is a 400
 * whose message names api_key: that is `unauthorized`; an unknown series is `not-found`.
 */
export const describeFredError: ErrorDescriber = (_status, body) => {
  try {
    const parsed = z.object({ error_message: z.string() }).safeParse(JSON.parse(body));
    if (!parsed.success) return undefined;
    const message = parsed.data.error_message;
    if (/api_key/i.test(message)) return { failure: 'unauthorized', message };
    if (/series does not exist/i.test(message)) return { failure: 'not-found', message };
    return { message };
  } catch {
    return undefined;
  }
};

import { z } from 'zod';

/**
 * EDGAR client settings. EDGAR's fair-access policy asks every automated client to declare who it is in the
 * User-Agent header (`Sample Company Name AdminContact@example.com`) and to stay at or under 10 requests a
 * second; requests without a declared agent are refused with 403.
 */
export const secEdgarConfigSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' })
    .default('https://www.sec.gov')
    .transform((url) => url.replace(/\/+$/, '')),
  userAgent: z
    .string()
    .trim()
    .regex(/^\S.*\s+\S+@\S+\.\S+$/, {
      error: 'userAgent must name you and give a contact email, e.g. "Acme Research admin@acme.example"',
    }),
  timeoutMs: z.number().int().min(100).max(120_000).default(20_000),
  /** Least time between two requests: 100 ms = EDGAR's 10 requests per second. */
  minIntervalMs: z.number().int().min(0).max(60_000).default(100),
});

export type SecEdgarConfigInput = z.input<typeof secEdgarConfigSchema>;
export type SecEdgarConfig = z.output<typeof secEdgarConfigSchema>;

import { z } from 'zod';
import { InvalidInputError } from '../../core/errors.js';
import { fieldPath } from './payload.js';

/** An http(s) base URL without a trailing slash; tests point it at a local server. */
export function baseUrl(fallback: string) {
  return z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));
}

/** An API key; null or absent means "not configured": the source then refuses every fetch. */
export const apiKeySchema = z
  .string()
  .trim()
  .nullish()
  .transform((key) => (key === undefined || key === null || key === '' ? null : key));

/** Settings every provider shares. `cacheTtlSeconds` is CACHE_TTL (the env default is 60). */
export const commonProviderFields = {
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  cacheTtlSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(60),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10),
      baseDelayMs: z.number().int().min(0).max(60_000),
      maxDelayMs: z.number().int().min(0).max(600_000),
      maxRetryAfterMs: z.number().int().min(0).max(3_600_000),
    })
    .partial()
    .default({}),
};

/** Parses adapter settings; the error names the provider and the setting: `NewsAPI config pageSize: ...`. */
export function parseProviderConfig<Schema extends z.ZodType>(
  provider: string,
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidInputError(
    `${provider} config ${fieldPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`,
    { cause: parsed.error },
  );
}

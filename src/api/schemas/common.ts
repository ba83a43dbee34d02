import { z } from 'zod';
import { parseIsoTimestamp } from '../../data/import/parse-timestamp.js';
import { RISK_LEVELS } from '../../model/risk-level.js';
import { TIMEFRAMES } from '../../model/timeframe.js';

/** The body of every error response (error-handler.ts). */
export const errorSchema = z
  .object({
    statusCode: z.int(),
    code: z.string().describe('INVALID_INPUT, NOT_FOUND, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, ...'),
    message: z.string(),
    requestId: z.string(),
    field: z.string().optional().describe('the failing request field, e.g. body.symbols.0'),
  })
  .meta({ id: 'Error' });

/** Error responses documented on every route that can give them. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  429: errorSchema,
} as const;

/** A stored symbol as the importer accepts it (normalised to upper case by the use cases). */
export const symbolSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/, 'must be 1-32 characters of A-Z, 0-9, ".", "_", "/", "-"')
  .describe('symbol, e.g. SPY');

export const timeframeSchema = z.enum(TIMEFRAMES).describe('bar timeframe');
export const riskLevelSchema = z.enum(RISK_LEVELS);

/** YYYY-MM-DD (UTC midnight) or an ISO timestamp, as the CLI's --from/--to; becomes epoch ms. */
export const dateSchema = z
  .string()
  .describe('YYYY-MM-DD (UTC) or an ISO 8601 timestamp')
  .transform((text, context) => {
    const bytes = Buffer.from(text.trim(), 'utf8');
    const ms = parseIsoTimestamp(bytes, 0, bytes.length);
    if (Number.isNaN(ms)) {
      context.addIssue({
        code: 'custom',
        message: `"${text}" must be a date YYYY-MM-DD or an ISO timestamp`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** `SPY,QQQ` in a query string: a list of 1-50 symbols. */
export const symbolListSchema = z
  .string()
  .describe('comma-separated symbols, e.g. SPY,QQQ')
  .transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(z.array(symbolSchema).min(1).max(50));

/** A number, or null where the computation has none (NaN, ±Infinity are null in JSON, as the CLI prints). */
export const numberOrNull = z.number().nullable();

/** Metrics as the use cases report them: numbers (null when undefined) or labels. */
export const metricsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

/** Any JSON object (its fields documented in the use case's types). */
export const looseObject = z.looseObject({});

/**
 * The value as JSON would carry it: NaN and ±Infinity become null and undefined fields disappear, exactly as
 * the CLI's `--json` output (JSON.stringify), so the API and the CLI print the same numbers.
 */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Epoch ms as ISO 8601 (null stays null). */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The type of a parsed body with `undefined` removed from optional fields, deeply (exactOptionalPropertyTypes). */
export type Defined<T> = T extends (infer U)[]
  ? Defined<U>[]
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;

/** Drops fields whose value is undefined, deeply, so a parsed body can be passed to the use cases as is. */
export function withoutUndefined<T>(value: T): Defined<T> {
  if (Array.isArray(value)) return value.map(withoutUndefined) as Defined<T>;
  if (value === null || typeof value !== 'object') return value as Defined<T>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = withoutUndefined(item);
  return out as Defined<T>;
}

/**
 * A use case's result as the route's response type. The serializer checks it against the schema (zod
 * encode) before anything is sent, so a mismatch is a 500 with the details logged, never a malformed reply.
 */
export function asResponse<S extends z.ZodType>(_schema: S, value: unknown): z.output<S> {
  return value as z.output<S>;
}

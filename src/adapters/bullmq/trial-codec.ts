/**
 * Wire format of a TrialResult between a BullMQ worker and the coordinator. BullMQ stores a job's return value
 * as JSON, which cannot hold a Float64Array, NaN or ±Infinity, so:
 * - `returns` and `returnTs` travel as base64 of their IEEE-754 float64 values in little-endian byte order
 *   (8 bytes a value, written through a DataView, so the format does not depend on the machine's endianness);
 * - a metric that is NaN, Infinity or -Infinity travels as the string "NaN", "Infinity" or "-Infinity"
 *   (JSON would turn it into null, which means "not defined" here, e.g. a Sharpe ratio without trades).
 * Decoding validates the payload with zod: a worker of another version must not corrupt the coordinator's store.
 */
import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { TrialResult } from '../../optimize/optimize.types.js';

const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;
type NonFinite = (typeof NON_FINITE)[number];

export interface EncodedTrialResult {
  readonly id: string;
  readonly index: number;
  readonly params: Record<string, number | string | boolean>;
  readonly metrics: Record<string, number | NonFinite | null>;
  /** base64 of little-endian float64 values. */
  readonly returns: string;
  readonly returnTs: string;
  readonly durationMs: number;
  readonly error: string | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const float64Base64 = z
  .string()
  .regex(BASE64, 'must be base64')
  .refine(
    (text) => Buffer.byteLength(text, 'base64') % 8 === 0,
    'must hold a whole number of float64 values',
  );

const encodedSchema = z.strictObject({
  id: z.string().min(1),
  index: z.number().int().nonnegative(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  metrics: z.record(z.string(), z.union([z.number(), z.enum(NON_FINITE), z.null()])),
  returns: float64Base64,
  returnTs: float64Base64,
  durationMs: z.number().nonnegative(),
  error: z.string().nullable(),
});

/** base64 of the values as little-endian float64. */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Inverse of encodeFloat64 (exact: every bit pattern, NaN payloads aside, comes back). */
export function decodeFloat64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0)
    throw new InvalidInputError(`float64 payload of ${quote(bytes.length)} bytes must be a multiple of 8`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  return values;
}

function encodeMetric(value: number | null): number | NonFinite | null {
  if (value === null || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

function decodeMetric(value: number | NonFinite | null): number | null {
  if (typeof value !== 'string') return value;
  return value === 'NaN' ? Number.NaN : value === 'Infinity' ? Infinity : -Infinity;
}

export function encodeTrialResult(result: TrialResult): EncodedTrialResult {
  const metrics: Record<string, number | NonFinite | null> = {};
  for (const [name, value] of Object.entries(result.metrics)) metrics[name] = encodeMetric(value);
  return {
    id: result.id,
    index: result.index,
    params: { ...result.params },
    metrics,
    returns: encodeFloat64(result.returns),
    returnTs: encodeFloat64(result.returnTs),
    durationMs: result.durationMs,
    error: result.error,
  };
}

/** Validates and decodes a worker's return value; throws InvalidInputError naming the first bad field. */
export function decodeTrialResult(payload: unknown): TrialResult {
  const parsed = encodedSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${quote(issue.path.join('.'))}: ${issue.message}`;
    throw new InvalidInputError(`trial result payload is not a valid encoded TrialResult${where}`, {
      cause: parsed.error,
    });
  }
  const value = parsed.data;
  const metrics: Record<string, number | null> = {};
  for (const [name, metric] of Object.entries(value.metrics)) metrics[name] = decodeMetric(metric);
  const returns = decodeFloat64(value.returns);
  const returnTs = decodeFloat64(value.returnTs);
  if (returns.length !== returnTs.length)
    throw new InvalidInputError(
      `trial ${quote(value.id)} has ${quote(returns.length)} returns but ${quote(returnTs.length)} return times; expected the same count`,
    );
  return {
    id: value.id,
    index: value.index,
    params: value.params,
    metrics,
    returns,
    returnTs,
    durationMs: value.durationMs,
    error: value.error,
  };
}

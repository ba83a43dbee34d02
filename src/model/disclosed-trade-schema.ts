import { z } from 'zod';
import { InvalidInputError, quote } from '../core/errors.js';
import {
  DISCLOSURE_SIDES,
  DISCLOSURE_SOURCES,
  FILER_ROLES,
  type DisclosedTrade,
} from './disclosure.types.js';

/** Relative tolerance of value against quantity x price: filings and files round money and share counts. */
export const VALUE_TOLERANCE = 0.005;
const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,31}$/;
/** EDGAR accession numbers: filer-agent CIK (10 digits), year (2), sequence (6). */
export const ACCESSION_PATTERN = /^\d{10}-\d{2}-\d{6}$/;
/** ECMAScript time range, as epoch ms. */
const MAX_EPOCH_MS = 8.64e15;

const positive = (what: string) =>
  z.number({ error: `${what} must be a finite number > 0` }).refine((v) => Number.isFinite(v) && v > 0, {
    message: `${what} must be a finite number > 0`,
  });
const epochMs = (what: string) =>
  z
    .number({ error: `${what} must be epoch ms` })
    .int({ error: `${what} must be whole epoch ms` })
    .refine((v) => Math.abs(v) <= MAX_EPOCH_MS, { message: `${what} is outside the representable dates` });

/**
 * A DisclosedTrade from outside (a file, an adapter, a caller's inputs). The CIK is zero-padded to 10 digits
 * and the symbol upper-cased; value must equal quantity x price within 0.5%; publishedAt must not precede
 * transactionDate (a filing reports a trade that already happened).
 */
export const disclosedTradeSchema = z
  .strictObject({
    filer: z.strictObject({
      name: z.string().trim().min(1, { error: 'filer name must not be empty' }).max(200),
      cik: z
        .string()
        .regex(/^\d{1,10}$/, { error: 'CIK must be 1 to 10 digits' })
        .transform((cik) => cik.padStart(10, '0')),
    }),
    role: z.enum(FILER_ROLES),
    symbol: z
      .string()
      .transform((s) => s.trim().toUpperCase())
      .pipe(z.string().regex(SYMBOL_PATTERN, { error: 'symbol must be 1-32 characters of A-Z 0-9 . _ / -' })),
    side: z.enum(DISCLOSURE_SIDES),
    quantity: positive('quantity'),
    price: positive('price'),
    value: positive('value'),
    transactionDate: epochMs('transactionDate'),
    publishedAt: epochMs('publishedAt'),
    source: z.enum(DISCLOSURE_SOURCES),
    accessionNumber: z
      .string()
      .regex(ACCESSION_PATTERN, { error: 'accession number must look like 0001234567-24-000123' }),
    sharesOwnedAfter: z
      .number()
      .refine((v) => Number.isFinite(v) && v >= 0, { message: 'sharesOwnedAfter must be >= 0' })
      .nullable()
      .default(null),
  })
  .refine((t) => t.publishedAt >= t.transactionDate, {
    message: 'publishedAt must not be before transactionDate',
    path: ['publishedAt'],
  })
  .refine((t) => Math.abs(t.value - t.quantity * t.price) <= VALUE_TOLERANCE * t.value, {
    message: 'value must equal quantity x price (within 0.5%)',
    path: ['value'],
  });

/** Validates one disclosure; the message names the field, quotes its value and says what was expected. */
export function parseDisclosedTrade(raw: unknown, where = 'disclosure'): DisclosedTrade {
  const parsed = disclosedTradeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  let value: unknown = raw;
  for (const key of path) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const field = path.length === 0 ? '' : ` ${path.join('.')}`;
  throw new InvalidInputError(`${where}${field} ${quote(value)}: ${issue?.message ?? 'invalid'}`);
}

/** Validates a list (each item by parseDisclosedTrade, its index in the message). */
export function parseDisclosedTrades(raw: unknown, what = 'disclosures'): DisclosedTrade[] {
  if (!Array.isArray(raw)) throw new InvalidInputError(`${what} must be a list of disclosed trades`);
  return raw.map((item, i) => parseDisclosedTrade(item, `${what}[${i}]`));
}

/** Publication order: publishedAt, then accession number and symbol, so equal times sort the same everywhere. */
export function compareByPublication(a: DisclosedTrade, b: DisclosedTrade): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt - b.publishedAt;
  if (a.accessionNumber !== b.accessionNumber) return a.accessionNumber < b.accessionNumber ? -1 : 1;
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  return 0;
}

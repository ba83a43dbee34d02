import { resolve as resolvePath } from 'node:path';
import { parseIsoTimestamp } from '../../data/import/parse-timestamp.js';
import { parseTimeframe, type Timeframe } from '../../model/timeframe.js';
import { UsageError } from '../exit-codes.js';

/** Flag parsers: each throws a UsageError that names the flag, the value and what is allowed. */
export function integerFlag(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const text = String(value);
  const parsed = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} "${text}" must be an integer between ${min} and ${max}`);
  }
  return parsed;
}

/** YYYY-MM-DD (UTC midnight) or an ISO timestamp with optional zone. */
export function dateFlag(name: string, value: unknown): number {
  const text = String(value).trim();
  const bytes = Buffer.from(text, 'utf8');
  const ms = parseIsoTimestamp(bytes, 0, bytes.length);
  if (Number.isNaN(ms))
    throw new UsageError(`--${name} "${text}" must be a date YYYY-MM-DD or an ISO timestamp`);
  return ms;
}

export function timeframeFlag(value: unknown): Timeframe {
  try {
    return parseTimeframe(String(value));
  } catch (error) {
    throw new UsageError(`--timeframe: ${(error as Error).message}`);
  }
}

export function listFlag(value: unknown): string[] {
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `date=Date,close="Adj Close"` → { date: 'Date', close: 'Adj Close' }. */
export function columnMapFlag(value: unknown, allowed: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const part of String(value).split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim().toLowerCase();
    const column = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (eq < 1 || column === '')
      throw new UsageError(`--columns entry "${part}" must look like field=Column`);
    if (!allowed.includes(field)) {
      throw new UsageError(`--columns field "${field}" must be one of ${allowed.join(', ')}`);
    }
    map[field] = column;
  }
  return map;
}

export function isoDate(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}

/** Date only for midnight-aligned timestamps (daily bars), full ISO otherwise. */
export function shortTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** `--disclosures FILE` or `--synthetic-disclosures EDGE` (probability in [0, 1]); neither: undefined. */
export function disclosureFlags(
  cwd: string,
  options: Record<string, unknown>,
): { kind: 'file'; path: string } | { kind: 'synthetic'; edge: number } | undefined {
  const file = options['disclosures'];
  const synthetic = options['syntheticDisclosures'];
  if (file !== undefined && synthetic !== undefined) {
    throw new UsageError('--disclosures and --synthetic-disclosures cannot be combined');
  }
  if (typeof file === 'string') return { kind: 'file', path: resolvePath(cwd, file) };
  if (synthetic === undefined) return undefined;
  const edge = Number(synthetic);
  if (!(edge >= 0 && edge <= 1)) {
    throw new UsageError(
      `--synthetic-disclosures ${JSON.stringify(synthetic)} must be an edge between 0 and 1`,
    );
  }
  return { kind: 'synthetic', edge };
}

/** `--data FILE [--symbol S]` or `--symbols A,B`, with an optional `--timeframe`: where a run's bars come from. */
export function backtestDataFlags(
  cwd: string,
  options: Record<string, unknown>,
):
  | { kind: 'file'; path: string; symbol?: string; timeframe?: Timeframe }
  | { kind: 'store'; symbols: string[]; timeframe?: Timeframe } {
  if ((options['data'] === undefined) === (options['symbols'] === undefined)) {
    throw new UsageError('give exactly one of --data FILE or --symbols A,B');
  }
  const timeframe = options['timeframe'] === undefined ? undefined : timeframeFlag(options['timeframe']);
  const withTimeframe = timeframe === undefined ? {} : { timeframe };
  return typeof options['data'] === 'string'
    ? {
        kind: 'file',
        path: resolvePath(cwd, options['data']),
        ...(typeof options['symbol'] === 'string' ? { symbol: options['symbol'] } : {}),
        ...withTimeframe,
      }
    : { kind: 'store', symbols: listFlag(options['symbols']), ...withTimeframe };
}

/** Numeric settings from their flags (`[optionKey, settingKey]` pairs), each a finite number >= 0. */
export function numericSettingFlags(
  options: Record<string, unknown>,
  pairs: readonly (readonly [string, string])[],
): Record<string, number> {
  const settings: Record<string, number> = {};
  for (const [flag, key] of pairs) {
    const value = options[flag];
    if (value === undefined) continue;
    const parsed = Number(value);
    const name = flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (!Number.isFinite(parsed) || parsed < 0) {
      throw new UsageError(`--${name} ${JSON.stringify(value)} must be a number >= 0`);
    }
    settings[key] = parsed;
  }
  return settings;
}

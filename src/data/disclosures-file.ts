import { InvalidInputError, quote } from '../core/errors.js';
import { err, ok, type Result } from '../core/result.js';
import { compareByPublication, disclosedTradeSchema } from '../model/disclosed-trade-schema.js';
import type { DisclosedTrade } from '../model/disclosure.types.js';
import { parseIsoTimestamp } from './import/parse-timestamp.js';

/**
 * Disclosed-trade files, already read into memory (the caller does the I/O):
 * - CSV with a header line, one trade a line (RFC 4180 quoting within a line: `"Cook, Timothy D"`, `""` for a
 *   quote). Columns, in any order, named in snake_case or camelCase: filer_name, filer_cik, role, symbol,
 *   side, quantity, price, value (optional: quantity x price), transaction_date, published_at, source,
 *   accession_number, shares_owned_after (optional; empty = unknown).
 * - JSON lines: one DisclosedTrade object a line (`filer: { name, cik }`), times as epoch ms or ISO text.
 * Times: ISO 8601 (`2024-03-01`, `2024-03-01T21:15:00Z`, `...-05:00`; no zone = UTC) or epoch ms. Lines are
 * 1-based (the CSV header is line 1); blank lines are skipped but counted. Every invalid row is reported,
 * not only the first; the trades come back sorted by publication time.
 */
export const DISCLOSURE_FILE_FORMATS = ['csv', 'jsonl'] as const;
export type DisclosureFileFormat = (typeof DISCLOSURE_FILE_FORMATS)[number];

export interface DisclosureFileIssue {
  readonly line: number;
  /** The column or field concerned, or `row`. */
  readonly field: string;
  /** One line starting `line N:` that quotes the value and says what was expected. */
  readonly message: string;
}

const SHOWN = 3;

/** A disclosures file that was not accepted: every issue found, the first few in the message. */
export class DisclosuresRejectedError extends InvalidInputError {
  constructor(readonly issues: readonly DisclosureFileIssue[]) {
    const more = issues.length > SHOWN ? `; and ${issues.length - SHOWN} more` : '';
    super(
      `disclosures rejected (${issues.length} error${issues.length === 1 ? '' : 's'}): ${issues
        .slice(0, SHOWN)
        .map((i) => i.message)
        .join('; ')}${more}`,
    );
    this.name = 'DisclosuresRejectedError';
  }
}

const COLUMNS = [
  'filername',
  'filercik',
  'role',
  'symbol',
  'side',
  'quantity',
  'price',
  'value',
  'transactiondate',
  'publishedat',
  'source',
  'accessionnumber',
  'sharesownedafter',
] as const;
type Column = (typeof COLUMNS)[number];
const OPTIONAL: ReadonlySet<Column> = new Set(['value', 'sharesownedafter']);
const encoder = new TextEncoder();

export function parseDisclosuresFile(
  text: string,
  format?: DisclosureFileFormat,
): Result<DisclosedTrade[], DisclosuresRejectedError> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const chosen = format ?? (body.trimStart().startsWith('{') ? 'jsonl' : 'csv');
  const issues: DisclosureFileIssue[] = [];
  const trades = chosen === 'jsonl' ? readJsonLines(lines, issues) : readCsv(lines, issues);
  if (issues.length === 0 && trades.length === 0) {
    issues.push({ line: 1, field: 'row', message: 'line 1: the file has no disclosed trades' });
  }
  if (issues.length > 0) return err(new DisclosuresRejectedError(issues));
  return ok(trades.sort(compareByPublication));
}

function readJsonLines(lines: readonly string[], issues: DisclosureFileIssue[]): DisclosedTrade[] {
  const trades: DisclosedTrade[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      issues.push({ line: i + 1, field: 'row', message: `line ${i + 1}: not a JSON object (${reason})` });
      return;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({
        line: i + 1,
        field: 'row',
        message: `line ${i + 1}: ${quote(raw)} is not a JSON object`,
      });
      return;
    }
    const record: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const field of ['transactionDate', 'publishedAt'] as const) {
      if (typeof record[field] === 'string') record[field] = timestamp(record[field]);
    }
    const original = raw as Record<string, unknown>;
    const trade = validate(
      record,
      i + 1,
      issues,
      (path) => path,
      (path) => {
        const value = original[path];
        return path in record && typeof value === 'string' ? value : undefined;
      },
    );
    if (trade !== null) trades.push(trade);
  });
  return trades;
}

function readCsv(lines: readonly string[], issues: DisclosureFileIssue[]): DisclosedTrade[] {
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return [];
  const header = splitCsvLine(lines[headerIndex] as string);
  const headerLine = headerIndex + 1;
  if (header === null) {
    issues.push({
      line: headerLine,
      field: 'row',
      message: `line ${headerLine}: unterminated quote in the header`,
    });
    return [];
  }
  const position = new Map<Column, number>();
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[_\- ]/g, ''),
  );
  names.forEach((name, k) => {
    if ((COLUMNS as readonly string[]).includes(name)) position.set(name as Column, k);
  });
  const missing = COLUMNS.filter((c) => !OPTIONAL.has(c) && !position.has(c));
  if (missing.length > 0) {
    issues.push({
      line: headerLine,
      field: 'row',
      message: `line ${headerLine}: header ${quote(header.join(','))} lacks column(s) ${missing.join(', ')}`,
    });
    return [];
  }
  const trades: DisclosedTrade[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (fields === null || fields.length !== header.length) {
      const what =
        fields === null
          ? 'an unterminated quote'
          : `${fields.length} fields, the header has ${header.length}`;
      issues.push({ line: i + 1, field: 'row', message: `line ${i + 1}: ${what}` });
      continue;
    }
    const cell = (c: Column): string | undefined => {
      const k = position.get(c);
      return k === undefined ? undefined : (fields[k] as string).trim();
    };
    const quantity = number(cell('quantity'));
    const price = number(cell('price'));
    const valueText = cell('value');
    const owned = cell('sharesownedafter');
    const record = {
      filer: { name: cell('filername'), cik: cell('filercik') },
      role: cell('role'),
      symbol: cell('symbol'),
      side: cell('side'),
      quantity,
      price,
      value: valueText === undefined || valueText === '' ? quantity * price : number(valueText),
      transactionDate: timestamp(cell('transactiondate') ?? ''),
      publishedAt: timestamp(cell('publishedat') ?? ''),
      source: cell('source'),
      accessionNumber: cell('accessionnumber'),
      sharesOwnedAfter: owned === undefined || owned === '' ? null : number(owned),
    };
    const trade = validate(
      record,
      i + 1,
      issues,
      (path) => columnOf(path),
      (path) => cell(columnOf(path).replace(/_/g, '') as Column),
    );
    if (trade !== null) trades.push(trade);
  }
  return trades;
}

/** Runs the schema; on failure records one issue per problem, quoting the value as written when known. */
function validate(
  record: Record<string, unknown>,
  line: number,
  issues: DisclosureFileIssue[],
  name: (path: string) => string,
  written?: (path: string) => string | undefined,
): DisclosedTrade | null {
  const parsed = disclosedTradeSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    let value: unknown = written?.(path);
    if (value === undefined) {
      value = record;
      for (const key of issue.path) {
        value =
          value !== null && typeof value === 'object'
            ? (value as Record<PropertyKey, unknown>)[key]
            : undefined;
      }
    }
    const field = path === '' ? 'row' : name(path);
    const isTime = path === 'transactionDate' || path === 'publishedAt';
    const expected =
      isTime && Number.isNaN(record[path])
        ? 'must be an ISO 8601 date or time (2024-03-01, 2024-03-01T21:15:00Z) or epoch ms'
        : issue.message;
    issues.push({ line, field, message: `line ${line}: ${field} ${quote(value)}: ${expected}` });
  }
  return null;
}

/** `filer.cik` -> `filer_cik`, `publishedAt` -> `published_at`: the CSV column a schema path came from. */
function columnOf(path: string): string {
  return path.replace('.', '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Decimal text to a number; NaN (rejected by the schema, which then quotes the text) when not a number. */
function number(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  return Number(text);
}

/** ISO 8601 text or epoch ms digits to epoch ms; NaN when neither. */
function timestamp(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const bytes = encoder.encode(trimmed);
  return parseIsoTimestamp(bytes, 0, bytes.length);
}

/** Splits one CSV line (RFC 4180 quotes, no line breaks inside a field); null for an unterminated quote. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return null;
        value += line.slice(i, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      value += line.slice(i, comma < 0 ? line.length : comma);
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

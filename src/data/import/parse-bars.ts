import { quote } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { isTimeframe } from '../../model/timeframe.js';
import type { BarSeries } from '../bar-series.js';
import { readCsvBars } from './csv-bar-reader.js';
import { detectGaps } from './detect-gaps.js';
import { ImportRejectedError } from './import-rejected-error.js';
import { DATE_FORMATS, ERROR_POLICIES, IMPORT_FORMATS, type ImportOptions } from './import-options.js';
import { readJsonLinesBars } from './jsonl-bar-reader.js';
import { sortAndDeduplicate, storedBars } from './sort-and-deduplicate.js';
import type { ValidationIssue } from './validation-issue.js';

export interface ImportReport {
  /** Accepted bars, strictly increasing in time. */
  readonly series: BarSeries;
  /** Every issue found, sorted by line (errors that were dropped or repaired, and gap warnings). */
  readonly issues: ValidationIssue[];
  /** Non-blank data rows in the file. Always rowsAccepted + rowsDropped. */
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  /** Each dropped row has at least one issue with action `dropped`. */
  readonly rowsDropped: number;
  /** Accepted rows changed by the `repair` policy (prices widened or moved into time order). */
  readonly rowsRepaired: number;
  readonly gapCount: number;
  /** Whether prices were scaled by adjclose / close. */
  readonly adjusted: boolean;
}

/**
 * Parses and validates a bar file (CSV or JSON lines) already read into memory. A pure function: the same
 * bytes and options always give the same bars and issues. Pass the file's bytes (the CLI's path: a Buffer is
 * viewed, not copied); a string is first encoded to UTF-8.
 *
 * Every problem becomes a ValidationIssue with its file line and the value as written. `options.onError`
 * (default `reject`) decides what happens to a row that breaks a rule:
 * - `reject`: any error returns an ImportRejectedError carrying all of them (gap warnings are only computed
 *   for an accepted file);
 * - `drop`: the row is left out (`dropped`); a repeated timestamp keeps the first occurrence;
 * - `repair`: high/low are widened to max/min(open, high, low, close), rows are sorted by time and the last
 *   occurrence of a repeated timestamp is kept (`repaired` / `dropped`); a row with an unreadable field, a
 *   price <= 0 or a negative volume has no fix and is dropped.
 * Nothing is dropped silently: rowsRead = rowsAccepted + rowsDropped and every dropped row has an issue with
 * action `dropped`. Gaps (detect-gaps.ts) are warnings that never reject. A file that cannot be read as a
 * whole (empty, no data rows, a required column missing, bad options) is rejected under every policy.
 */
export function parseBars(
  input: string | Uint8Array,
  options: ImportOptions,
): Result<ImportReport, ImportRejectedError> {
  const problem = optionProblem(options);
  if (problem !== null) return err(new ImportRejectedError([], problem));
  const policy = options.onError ?? 'reject';
  const format = options.format ?? sniffFormat(input);
  const read =
    format === 'jsonl'
      ? readJsonLinesBars(
          typeof input === 'string' ? stripByteOrderMark(input) : utf8.decode(input),
          options,
          policy,
        )
      : readCsvBars(csvBytes(input), options, policy);
  if (!read.ok) return read;

  const accumulator = read.value;
  const issues = accumulator.issues;
  if (accumulator.errorCount > 0) return err(new ImportRejectedError(sortedByLine(issues)));
  const bars = policy === 'repair' ? sortAndDeduplicate(accumulator, issues) : storedBars(accumulator);
  let gapCount = 0;
  if (options.checkGaps !== false) {
    for (const gap of detectGaps(bars.series.ts, bars.lines, options.timeframe)) {
      issues.push(gap);
      gapCount++;
    }
  }
  let rowsRepaired = 0;
  for (const flag of bars.repaired) rowsRepaired += flag;
  return ok({
    series: bars.series,
    issues: sortedByLine(issues),
    rowsRead: accumulator.rowsRead,
    rowsAccepted: bars.series.length,
    rowsDropped: accumulator.rowsRead - bars.series.length,
    rowsRepaired,
    gapCount,
    adjusted: accumulator.adjusted,
  });
}

const utf8 = new TextDecoder('utf-8');
const LF = 10;

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON lines when the first character that is not a space, a line break or a BOM is `{`. */
function sniffFormat(input: string | Uint8Array): 'csv' | 'jsonl' {
  const head = typeof input === 'string' ? input.slice(0, 256) : utf8.decode(input.subarray(0, 256));
  return /^[\s\uFEFF]*\{/.test(head) ? 'jsonl' : 'csv';
}

/**
 * The CSV reader's input: UTF-8 bytes as a plain Uint8Array view (a Buffer is viewed, not copied), without a
 * byte order mark, ending with LF (copied once only when the file lacks a final line break). A string is
 * encoded first, so pass the file's bytes where you have them.
 */
function csvBytes(input: string | Uint8Array): Uint8Array {
  let bytes =
    typeof input === 'string'
      ? new TextEncoder().encode(input)
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes[bytes.length - 1] !== LF) {
    const terminated = new Uint8Array(bytes.length + 1);
    terminated.set(bytes);
    terminated[bytes.length] = LF;
    bytes = terminated;
  }
  return bytes;
}

/** Stable sort by line; issues are mostly produced in line order already, so check before sorting. */
function sortedByLine(issues: ValidationIssue[]): ValidationIssue[] {
  for (let index = 1; index < issues.length; index++) {
    if ((issues[index] as ValidationIssue).line < (issues[index - 1] as ValidationIssue).line) {
      return issues.sort((a, b) => a.line - b.line);
    }
  }
  return issues;
}

/** Options arrive from flags and requests as well as from typed code, so their values are checked here. */
function optionProblem(options: ImportOptions): string | null {
  if (typeof options.symbol !== 'string' || options.symbol.trim() === '') {
    return `symbol ${quote(options.symbol)} must be a non-empty string`;
  }
  if (!isTimeframe(options.timeframe))
    return `timeframe ${quote(options.timeframe)} is not a known timeframe`;
  const { format, dateFormat, onError, delimiter } = options;
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    return `format ${quote(format)} must be one of ${IMPORT_FORMATS.join(', ')}`;
  }
  if (dateFormat !== undefined && !(DATE_FORMATS as readonly string[]).includes(dateFormat)) {
    return `date format ${quote(dateFormat)} must be one of ${DATE_FORMATS.join(', ')}`;
  }
  if (onError !== undefined && !(ERROR_POLICIES as readonly string[]).includes(onError)) {
    return `error policy ${quote(onError)} must be one of ${ERROR_POLICIES.join(', ')}`;
  }
  if (delimiter !== undefined && !/^[^"\r\n\x80-\uffff]$/.test(delimiter)) {
    return `delimiter ${quote(delimiter)} must be one ASCII character other than a quote or a line break`;
  }
  return null;
}

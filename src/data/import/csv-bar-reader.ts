import { quote } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { BarAccumulator, type RawFieldSource } from './bar-accumulator.js';
import { DateReader } from './date-reader.js';
import type { ImportRejectedError } from './import-rejected-error.js';
import type { DateFormat, ErrorPolicy, ImportOptions } from './import-options.js';
import { isMissingMarker, MAX_EXACT_INTEGER, parseDecimal, POWERS_OF_TEN } from './parse-decimal.js';
import { FIELD, resolveColumns } from './resolve-columns.js';
import { fileIssue } from './text-lines.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const DELIMITER_CANDIDATES = [',', ';', '\t'] as const;
const utf8 = new TextDecoder('utf-8');
// Imported values copied into module constants for the per-row code (see bar-accumulator.ts on tsx getters).
const DATE = FIELD.date;
const MAX_MANTISSA = MAX_EXACT_INTEGER;
const POWERS = POWERS_OF_TEN;

/**
 * Reads CSV bars from UTF-8 bytes into a BarAccumulator. The header (the first non-blank line) names the
 * columns, in any order. A field may be quoted (`"..."`, `""` for a quote inside) but must still hold a plain
 * number (`"1,000"` is not one); a quoted field cannot span lines, so a line is a row. Spaces and tabs around a
 * field are ignored; lines end with LF or CRLF.
 *
 * `bytes` must end with LF (parseBars guarantees it): that sentinel lets every scan loop stop at a line break
 * without a bounds check. Rows are scanned byte by byte and numbers parsed in the same pass: no split(), no
 * string per field.
 */
export function readCsvBars(
  bytes: Uint8Array,
  options: ImportOptions,
  policy: ErrorPolicy,
): Result<BarAccumulator, ImportRejectedError> {
  let position = 0;
  let headerLine = 1;
  while (position < bytes.length && isBlankLine(bytes, position)) {
    position = bytes.indexOf(LF, position) + 1;
    headerLine++;
  }
  if (position >= bytes.length) {
    return err(fileIssue(1, 'the file is empty; expected a header line naming the columns', ''));
  }
  const headerBreak = bytes.indexOf(LF, position);
  const header = utf8.decode(bytes.subarray(position, withoutCr(bytes, position, headerBreak)));
  const delimiter = options.delimiter ?? detectDelimiter(header);
  const names = splitHeader(header, delimiter);
  const resolved = resolveColumns(names, options, headerLine, header, 'column');
  if (!resolved.ok) return resolved;

  const accumulator = new BarAccumulator({
    policy,
    adjust: resolved.value.adjust,
    capacity: estimateRows(bytes, headerBreak + 1),
    symbol: options.symbol,
    timeframe: options.timeframe,
  });
  const reader = new CsvRowReader(
    bytes,
    delimiter,
    headerLine,
    options.dateFormat ?? 'auto',
    names.length,
    accumulator,
  );
  reader.mapColumns(resolved.value.columnOf);
  accumulator.source = reader;
  reader.readAll(headerBreak + 1, headerLine + 1);
  if (accumulator.rowsRead === 0) {
    return err(fileIssue(headerLine, `header ${quote(header)} is not followed by any data row`, header));
  }
  return ok(accumulator);
}

class CsvRowReader implements RawFieldSource {
  private readonly dates: DateReader;
  private readonly delimiterCode: number;
  /** For each header column, the FIELD it feeds, or -1. */
  private readonly fieldOfColumn: Int8Array;
  /** Numeric fields present in this file, in FIELD order. */
  private readonly numberFields: number[] = [];
  /** Bounds of each field in the current row (inside the quotes when quoted). */
  private readonly starts = new Int32Array(7);
  private readonly ends = new Int32Array(7);
  private readonly quoted = new Uint8Array(7);
  /** What scanRow found: the field count (-1 for an unclosed quote), the fields left for readNumber (bit per FIELD). */
  private columns = 0;
  private careful = 0;
  private rowStart = 0;
  private rowBreak = 0;
  private trimStart = 0;
  private trimEnd = 0;

  constructor(
    private readonly bytes: Uint8Array,
    delimiter: string,
    private readonly headerLine: number,
    dateFormat: DateFormat,
    private readonly columnCount: number,
    private readonly accumulator: BarAccumulator,
  ) {
    this.dates = new DateReader(dateFormat);
    this.delimiterCode = delimiter.charCodeAt(0);
    this.fieldOfColumn = new Int8Array(columnCount).fill(-1);
  }

  mapColumns(columnOf: Int32Array): void {
    columnOf.forEach((column, field) => {
      if (column < 0) return;
      this.fieldOfColumn[column] = field;
      if (field !== DATE) this.numberFields.push(field);
    });
  }

  /** Reads every row from `start` (the line numbered `line`) to the end, skipping blank lines. */
  readAll(start: number, line: number): void {
    const bytes = this.bytes;
    let position = start;
    for (let current = line; position < bytes.length; current++) {
      // A blank line holds only spaces, tabs and CR before its LF.
      let probe = position;
      let code = bytes[probe] as number;
      while (code === SPACE || code === TAB || code === CR) code = bytes[++probe] as number;
      position = code === LF ? probe + 1 : this.readRow(current, position);
    }
  }

  rawField(field: number): string {
    const raw = utf8.decode(this.bytes.subarray(this.starts[field], this.ends[field]));
    return this.quoted[field] === 1 ? raw.replaceAll('""', '"') : raw;
  }

  rawRow(): string {
    return utf8.decode(
      this.bytes.subarray(this.rowStart, withoutCr(this.bytes, this.rowStart, this.rowBreak)),
    );
  }

  /** Reads the row starting at `start`; returns where the next line starts. */
  private readRow(line: number, start: number): number {
    const accumulator = this.accumulator;
    accumulator.beginRow(line);
    this.rowStart = start;
    const next = this.scanRow(start);
    if (this.columns !== this.columnCount) {
      const row = quote(this.rawRow());
      accumulator.shapeIssue(
        this.columns < 0
          ? `row ${row} has a quote that is not closed`
          : `row ${row} has ${this.columns} fields; the header on line ${this.headerLine} has ${this.columnCount}`,
      );
    } else {
      this.readDate();
      const careful = this.careful;
      if (careful !== 0) {
        for (const field of this.numberFields) if ((careful & (1 << field)) !== 0) this.readNumber(field);
      }
    }
    accumulator.endRow();
    return next;
  }

  /**
   * One pass over the row: records the bounds of each mapped field and parses the numeric fields written in
   * the common form (optional sign, digits, optional fraction, nothing else) on the way, with parseDecimal's
   * fast path, so each byte is read once. Any other numeric field (spaces, quotes, exponent, long mantissa,
   * garbage) is flagged in `careful` for readNumber. Returns where the next line starts.
   */
  private scanRow(start: number): number {
    const { bytes, delimiterCode, fieldOfColumn, starts, ends, quoted } = this;
    const values = this.accumulator.values;
    const columnCount = fieldOfColumn.length;
    // Blanks around quotes are skipped, unless the blank is the delimiter (-1 matches no byte).
    const space = delimiterCode === SPACE ? -1 : SPACE;
    const tab = delimiterCode === TAB ? -1 : TAB;
    let careful = 0;
    let column = 0;
    let position = start;
    for (;;) {
      const field = column < columnCount ? (fieldOfColumn[column] as number) : -1;
      let code = bytes[position] as number;
      if (code === space || code === tab) {
        // Blanks before an opening quote are not part of the field: look past them.
        let probe = position;
        while (code === space || code === tab) code = bytes[++probe] as number;
        if (code === QUOTE) position = probe;
        else code = bytes[position] as number;
      }
      let fieldStart = position;
      let fieldEnd: number;
      /** The delimiter or LF that ends the field. */
      let stop: number;
      let isQuoted = 0;
      if (code === QUOTE) {
        let close = position + 1;
        for (code = bytes[close] as number; code !== LF; code = bytes[++close] as number) {
          if (code === QUOTE) {
            if (bytes[close + 1] !== QUOTE) break;
            close++;
          }
        }
        if (code === LF) {
          this.columns = -1;
          this.rowBreak = close;
          return close + 1;
        }
        let after = close + 1;
        while (bytes[after] === space || bytes[after] === tab) after++;
        code = bytes[after] as number;
        if (code === delimiterCode || code === LF || (code === CR && bytes[after + 1] === LF)) {
          fieldStart = position + 1;
          fieldEnd = close;
          isQuoted = 1;
          stop = code === CR ? after + 1 : after;
        } else {
          // Text after the closing quote: keep the field as written, so it is reported as found.
          for (stop = after; code !== delimiterCode && code !== LF; code = bytes[++stop] as number);
          fieldEnd = withoutCr(bytes, position, stop);
        }
        if (field > 0) careful |= 1 << field;
      } else if (field > 0) {
        let index = position;
        const negative = code === 45; // '-'
        if (negative || code === 43) code = bytes[++index] as number; // '+'
        let mantissa = 0;
        let digits = 0;
        while (code >= 48 && code <= 57) {
          mantissa = mantissa * 10 + (code - 48);
          digits++;
          code = bytes[++index] as number;
        }
        let fractionDigits = 0;
        if (code === 46) {
          code = bytes[++index] as number;
          while (code >= 48 && code <= 57) {
            mantissa = mantissa * 10 + (code - 48);
            fractionDigits++;
            code = bytes[++index] as number;
          }
        }
        const ended = code === delimiterCode || code === LF || (code === CR && bytes[index + 1] === LF);
        if (ended && digits + fractionDigits > 0 && mantissa <= MAX_MANTISSA && fractionDigits <= 22) {
          const magnitude = fractionDigits === 0 ? mantissa : mantissa / (POWERS[fractionDigits] as number);
          values[field] = negative ? -magnitude : magnitude;
          fieldEnd = index;
          stop = code === CR ? index + 1 : index;
        } else {
          careful |= 1 << field;
          while (code !== delimiterCode && code !== LF) code = bytes[++index] as number;
          stop = index;
          fieldEnd = withoutCr(bytes, position, index);
        }
      } else {
        let index = position;
        while (code !== delimiterCode && code !== LF) code = bytes[++index] as number;
        stop = index;
        fieldEnd = withoutCr(bytes, position, index);
      }
      if (field >= 0) {
        starts[field] = fieldStart;
        ends[field] = fieldEnd;
        quoted[field] = isQuoted;
      }
      column++;
      if (bytes[stop] === LF) {
        this.columns = column;
        this.careful = careful;
        this.rowBreak = stop;
        return stop + 1;
      }
      position = stop + 1;
    }
  }

  private readDate(): void {
    this.trim(DATE);
    const { trimStart: start, trimEnd: end } = this;
    const ts = start === end ? Number.NaN : this.dates.read(this.bytes, start, end);
    if (ts === ts) this.accumulator.values[DATE] = ts;
    else if (isMissingMarker(this.rawField(DATE))) this.accumulator.fieldIssue(DATE, 'missing_value');
    else this.accumulator.fieldIssue(DATE, 'unparseable_date', this.dates.expectation);
  }

  private readNumber(field: number): void {
    this.trim(field);
    const value = parseDecimal(this.bytes, this.trimStart, this.trimEnd);
    if (value === value) this.accumulator.values[field] = value;
    else if (isMissingMarker(this.rawField(field))) this.accumulator.fieldIssue(field, 'missing_value');
    else this.accumulator.fieldIssue(field, 'unparseable_number');
  }

  /** Sets trimStart / trimEnd to the field's bounds without surrounding spaces and tabs. */
  private trim(field: number): void {
    const bytes = this.bytes;
    let start = this.starts[field] as number;
    let end = this.ends[field] as number;
    while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
    this.trimStart = start;
    this.trimEnd = end;
  }
}

/** `end`, or one less when a CR precedes it (the CR of a CRLF). */
function withoutCr(bytes: Uint8Array, start: number, end: number): number {
  return end > start && bytes[end - 1] === CR ? end - 1 : end;
}

function isBlankLine(bytes: Uint8Array, start: number): boolean {
  let position = start;
  let code = bytes[position];
  while (code === SPACE || code === TAB || code === CR) code = bytes[++position];
  return code === LF;
}

/**
 * Rows to allocate for: the line count of the first 64 KiB scaled to the whole file, plus 10 %. An
 * estimate, not a bound: the accumulator grows when a file's later lines are shorter.
 */
function estimateRows(bytes: Uint8Array, start: number): number {
  const sampleEnd = Math.min(bytes.length, start + 65_536);
  let lines = 0;
  for (let position = start; position < sampleEnd; position++) if (bytes[position] === LF) lines++;
  if (sampleEnd === bytes.length) return lines;
  return Math.ceil(((bytes.length - start) / (sampleEnd - start)) * lines * 1.1) + 16;
}

/** The candidate found most often outside quotes in the header; `,` when none is found or on a tie. */
export function detectDelimiter(header: string): string {
  let best: string = DELIMITER_CANDIDATES[0];
  let bestCount = 0;
  for (const candidate of DELIMITER_CANDIDATES) {
    const count = splitHeader(header, candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Splits the header line on `delimiter` outside quotes and unquotes each name. */
export function splitHeader(header: string, delimiter: string): string[] {
  const names: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let index = 0; index < header.length; index++) {
    const char = header[index] as string;
    if (inQuotes) {
      if (char === '"' && header[index + 1] === '"') {
        current += '"';
        index++;
      } else if (char === '"') inQuotes = false;
      else current += char;
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      names.push(current);
      current = '';
    } else current += char;
  }
  names.push(current);
  return names;
}

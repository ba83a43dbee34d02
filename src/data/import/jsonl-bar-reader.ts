import { quote } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { BarAccumulator, type RawFieldSource } from './bar-accumulator.js';
import { DateReader } from './date-reader.js';
import type { ImportRejectedError } from './import-rejected-error.js';
import type { DateFormat, ErrorPolicy, ImportOptions } from './import-options.js';
import { isMissingMarker, parseDecimalText } from './parse-decimal.js';
import { FIELD, resolveColumns } from './resolve-columns.js';
import { contentEnd, countLines, fileIssue, isBlank, lineBreak } from './text-lines.js';

type JsonObject = Record<string, unknown>;

/**
 * Reads JSON lines (one object per line) into a BarAccumulator. The keys of the first line that holds an
 * object play the part of the CSV header; later objects are read by those exact keys. Values may be JSON
 * numbers or strings holding numbers / dates; `null` or an absent key is a missing value.
 */
export function readJsonLinesBars(
  text: string,
  options: ImportOptions,
  policy: ErrorPolicy,
): Result<BarAccumulator, ImportRejectedError> {
  let firstLine = 0;
  let firstText = '';
  let keys: string[] | null = null;
  let keysLine = 0;
  for (let position = 0, line = 1; position < text.length && keys === null; line++) {
    const newline = lineBreak(text, position);
    const end = contentEnd(text, position, newline);
    if (!isBlank(text, position, end)) {
      const lineText = text.slice(position, end);
      if (firstLine === 0) [firstLine, firstText] = [line, lineText];
      const parsed = parseObject(lineText);
      if (parsed !== null) [keys, keysLine] = [Object.keys(parsed), line];
    }
    position = newline + 1;
  }
  if (firstLine === 0) return err(fileIssue(1, 'the file is empty; expected one JSON object per line', ''));
  if (keys === null) {
    return err(
      fileIssue(firstLine, `no line holds a JSON object; the first line is ${quote(firstText)}`, firstText),
    );
  }
  const resolved = resolveColumns(keys, options, keysLine, keys.join(', '), 'key');
  if (!resolved.ok) return resolved;

  const accumulator = new BarAccumulator({
    policy,
    adjust: resolved.value.adjust,
    capacity: countLines(text, 0),
    symbol: options.symbol,
    timeframe: options.timeframe,
  });
  const keyOf = Array.from(resolved.value.columnOf, (column) =>
    column < 0 ? null : (keys[column] as string),
  );
  const reader = new JsonRowReader(keyOf, options.dateFormat ?? 'auto', accumulator);
  accumulator.source = reader;
  for (let position = 0, line = 1; position < text.length; line++) {
    const newline = lineBreak(text, position);
    const end = contentEnd(text, position, newline);
    if (!isBlank(text, position, end)) reader.readRow(line, text.slice(position, end));
    position = newline + 1;
  }
  return ok(accumulator);
}

function parseObject(lineText: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(lineText);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

class JsonRowReader implements RawFieldSource {
  private readonly dates: DateReader;
  private row: JsonObject = {};
  private lineText = '';

  constructor(
    /** Key of each FIELD in the objects, or null when the file has no such field. */
    private readonly keyOf: readonly (string | null)[],
    dateFormat: DateFormat,
    private readonly accumulator: BarAccumulator,
  ) {
    this.dates = new DateReader(dateFormat);
  }

  readRow(line: number, lineText: string): void {
    const accumulator = this.accumulator;
    accumulator.beginRow(line);
    this.lineText = lineText;
    const parsed = parseObject(lineText);
    if (parsed === null) {
      this.row = {};
      accumulator.shapeIssue(`${quote(lineText)} is not a JSON object`);
    } else {
      this.row = parsed;
      this.readDate();
      for (let field = FIELD.open; field <= FIELD.adjclose; field++) {
        if (this.keyOf[field] != null) this.readNumber(field);
      }
    }
    accumulator.endRow();
  }

  rawField(field: number): string {
    const value = this.value(field);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value); // JSON.stringify would print Infinity as null
    return value === undefined ? '' : (JSON.stringify(value) ?? '');
  }

  rawRow(): string {
    return this.lineText;
  }

  private value(field: number): unknown {
    const key = this.keyOf[field];
    return key == null ? undefined : this.row[key];
  }

  private readDate(): void {
    const value = this.value(FIELD.date);
    let ts = Number.NaN;
    if (typeof value === 'number') ts = this.dates.readNumber(value);
    else if (typeof value === 'string') ts = this.dates.readText(value);
    if (ts === ts) this.accumulator.values[FIELD.date] = ts;
    else if (isMissing(value)) this.accumulator.fieldIssue(FIELD.date, 'missing_value');
    else this.accumulator.fieldIssue(FIELD.date, 'unparseable_date', this.dates.expectation);
  }

  private readNumber(field: number): void {
    const value = this.value(field);
    let number = Number.NaN;
    if (typeof value === 'number') number = Number.isFinite(value) ? value : Number.NaN;
    else if (typeof value === 'string') number = parseDecimalText(value.trim());
    if (number === number) this.accumulator.values[field] = number;
    else if (isMissing(value)) this.accumulator.fieldIssue(field, 'missing_value');
    else this.accumulator.fieldIssue(field, 'unparseable_number');
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && isMissingMarker(value));
}

import { InvalidInputError, quote } from '../core/errors.js';

/** A table of named numeric columns read from CSV; empty cells are NaN. */
export interface NumericTable {
  /** Names of the numeric columns, in file order (the label column excluded). */
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  /** The first column's raw text when it is a label (a date or an id), else null. */
  readonly labels: readonly string[] | null;
  readonly rows: number;
}

const MISSING = new Set(['', 'na', 'nan', 'n/a', 'null', 'none']);

/**
 * Reads a CSV whose columns are numbers, optionally preceded by a label column (a date, a timestamp, an id).
 * The first column is a label when any of its cells is not a number. The header is line 1; a cell that is
 * neither a number nor empty/NA is an error naming its line, column and value. Delimiter: `,` `;` or tab,
 * whichever the header has most of.
 */
export function readNumericTable(text: string): NumericTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  if (header.trim() === '') throw new InvalidInputError('the CSV file is empty: expected a header line');
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (count(header, d) > count(header, best) ? d : best),
    ',',
  );
  const names = header.split(delimiter).map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
  const cells: string[][] = [];
  const lineNumbers: number[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const row = line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (row.length !== names.length) {
      throw new InvalidInputError(
        `line ${i + 2}: expected ${names.length} fields as in the header, found ${row.length}`,
      );
    }
    cells.push(row);
    lineNumbers.push(i + 2);
  });
  if (cells.length === 0) throw new InvalidInputError('the CSV file has a header but no data rows');
  const labelled = cells.some((row) => !isNumberOrMissing(row[0] as string));
  const first = labelled ? 1 : 0;
  const columns = names.slice(first).map((name, c) => {
    const column = new Float64Array(cells.length);
    cells.forEach((row, r) => {
      const cell = row[c + first] as string;
      if (MISSING.has(cell.toLowerCase())) column[r] = Number.NaN;
      else if (isNumberOrMissing(cell)) column[r] = Number(cell);
      else
        throw new InvalidInputError(
          `line ${lineNumbers[r]}: column ${quote(name)} value ${quote(cell)} is not a number`,
        );
    });
    return column;
  });
  return {
    names: names.slice(first),
    columns,
    labels: labelled ? cells.map((row) => row[0] as string) : null,
    rows: cells.length,
  };
}

/** The named column; the error lists the columns that exist. */
export function tableColumn(table: NumericTable, name: string): Float64Array {
  const index = table.names.findIndex((n) => n === name);
  const loose = index >= 0 ? index : table.names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  if (loose < 0) {
    throw new InvalidInputError(
      `column ${quote(name)} is not in the file; numeric columns: ${table.names.join(', ')}`,
    );
  }
  return table.columns[loose] as Float64Array;
}

function isNumberOrMissing(cell: string): boolean {
  if (MISSING.has(cell.toLowerCase())) return true;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell);
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

import { describe, expect, it } from 'vitest';
import { readNumericTable, tableColumn } from './numeric-table.js';

describe('readNumericTable', () => {
  it('treats a date first column as labels and reads the numeric columns', () => {
    const table = readNumericTable('date,A,B\n2024-01-02,1.5,2\n2024-01-03,,3e2\n');
    expect(table.names).toEqual(['A', 'B']);
    expect(table.labels).toEqual(['2024-01-02', '2024-01-03']);
    expect(Array.from(tableColumn(table, 'A'))).toEqual([1.5, Number.NaN]);
    expect(Array.from(tableColumn(table, 'b'))).toEqual([2, 300]);
  });

  it('reads an all-numeric file without a label column, with ; as delimiter', () => {
    const table = readNumericTable('x;y\r\n1;2\r\n3;4\r\n');
    expect(table.labels).toBeNull();
    expect(table.names).toEqual(['x', 'y']);
    expect(table.rows).toBe(2);
  });

  it('names the line, column and value of a bad cell', () => {
    expect(() => readNumericTable('date,A\n2024-01-02,1\n2024-01-03,abc\n')).toThrow(
      'line 3: column "A" value "abc" is not a number',
    );
  });

  it('names the missing column and lists the ones present', () => {
    const table = readNumericTable('A,B\n1,2\n');
    expect(() => tableColumn(table, 'C')).toThrow('column "C" is not in the file; numeric columns: A, B');
  });

  it('refuses empty files, header-only files and ragged rows', () => {
    expect(() => readNumericTable('')).toThrow('empty');
    expect(() => readNumericTable('A,B\n')).toThrow('no data rows');
    expect(() => readNumericTable('A,B\n1,2,3\n')).toThrow('line 2: expected 2 fields');
  });
});

import { describe, expect, it } from 'vitest';
import type { ErrorPolicy } from './import-options.js';
import { parseBars, type ImportReport } from './parse-bars.js';

const csv = (...rows: string[]): string => ['date,open,high,low,close,volume', ...rows].join('\n') + '\n';
const day = (date: string): number => Date.parse(`${date}T00:00:00Z`);

function report(text: string, onError: ErrorPolicy): ImportReport {
  const result = parseBars(text, { symbol: 'ACME', timeframe: '1d', onError, checkGaps: false });
  if (!result.ok) throw result.error;
  return result.value;
}

/** One bad row of each kind between good rows (2024-01-02 ... 2024-01-10, weekdays). */
const MIXED = csv(
  '2024-01-02,10,11,9,10.5,100', //  2 good
  '2024-01-03,10,9.5,10.1,10,100', //  3 high below low: repairable
  '2024-01-04,12,11,9,10,100', //  4 open above high: repairable
  '2024-01-05,10,11,9,10,-5', //  5 negative volume: not repairable
  '2024-01-08,abc,11,9,10,100', //  6 unparseable: not repairable
  '2024-01-09,10,11,0,10,100', //  7 non-positive price: not repairable
  '2024-01-10,10,11,9,10,100', //  8 good
);

describe('the reject policy', () => {
  it('imports nothing and returns every error when any row is bad', () => {
    const result = parseBars(MIXED, { symbol: 'ACME', timeframe: '1d' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => [issue.line, issue.rule, issue.action])).toEqual([
      [3, 'high_below_low', 'rejected'],
      [4, 'open_outside_range', 'rejected'],
      [5, 'negative_volume', 'rejected'],
      [6, 'unparseable_number', 'rejected'],
      [7, 'non_positive_price', 'rejected'],
    ]);
  });

  it('imports a clean file whole', () => {
    const clean = report(csv('2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,12,10,11,200'), 'reject');
    expect(clean).toMatchObject({
      rowsRead: 2,
      rowsAccepted: 2,
      rowsDropped: 0,
      rowsRepaired: 0,
      issues: [],
    });
    expect(Array.from(clean.series.close)).toEqual([10.5, 11]);
  });
});

describe('the drop policy', () => {
  it('leaves out each offending row and reports it as dropped', () => {
    const dropped = report(MIXED, 'drop');
    expect(dropped).toMatchObject({ rowsRead: 7, rowsAccepted: 2, rowsDropped: 5, rowsRepaired: 0 });
    expect(Array.from(dropped.series.ts)).toEqual([day('2024-01-02'), day('2024-01-10')]);
    expect(dropped.issues.every((issue) => issue.action === 'dropped')).toBe(true);
    expect(dropped.issues.map((issue) => issue.message)).toEqual([
      'line 3: high "9.5" is below low "10.1"; row dropped',
      'line 4: open "12" is above high "11"; row dropped',
      'line 5: volume "-5" must be >= 0; row dropped',
      'line 6: open "abc" is not a number; row dropped',
      'line 7: low "0" must be > 0; row dropped',
    ]);
  });

  it('keeps the first of repeated timestamps and drops rows earlier than the last accepted one', () => {
    const dropped = report(
      csv(
        '2024-01-02,10,11,9,10,100',
        '2024-01-03,10,11,9,10,100',
        '2024-01-03,20,21,19,20,100',
        '2024-01-01,10,11,9,10,100',
        '2024-01-04,10,11,9,10,100',
      ),
      'drop',
    );
    expect(Array.from(dropped.series.ts)).toEqual([day('2024-01-02'), day('2024-01-03'), day('2024-01-04')]);
    expect(Array.from(dropped.series.close)).toEqual([10, 10, 10]);
    expect(dropped.issues.map((issue) => [issue.line, issue.rule, issue.message])).toEqual([
      [
        4,
        'duplicate_timestamp',
        'line 4: date "2024-01-03" repeats the timestamp of line 3 (2024-01-03); row dropped',
      ],
      [
        5,
        'out_of_order_timestamp',
        'line 5: date "2024-01-01" is earlier than line 3 (2024-01-03); row dropped',
      ],
    ]);
  });

  it('returns an empty series, not an error, when every row is dropped', () => {
    const dropped = report(csv('2024-01-02,x,11,9,10,100'), 'drop');
    expect(dropped).toMatchObject({ rowsRead: 1, rowsAccepted: 0, rowsDropped: 1 });
    expect(dropped.series.length).toBe(0);
  });
});

describe('the repair policy', () => {
  it('widens high and low to contain open and close, and drops what has no fix', () => {
    const repaired = report(MIXED, 'repair');
    expect(repaired).toMatchObject({ rowsRead: 7, rowsAccepted: 4, rowsDropped: 3, rowsRepaired: 2 });
    expect(Array.from(repaired.series.ts)).toEqual(
      ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-10'].map(day),
    );
    expect(Array.from(repaired.series.high)).toEqual([11, 10.1, 12, 11]);
    expect(Array.from(repaired.series.low)).toEqual([9, 9.5, 9, 9]);
    expect(Array.from(repaired.series.open)).toEqual([10, 10, 12, 10]);
    expect(repaired.issues.map((issue) => [issue.line, issue.action, issue.message])).toEqual([
      [3, 'repaired', 'line 3: high "9.5" is below low "10.1"; high set to 10.1 and low set to 9.5'],
      [4, 'repaired', 'line 4: open "12" is above high "11"; high set to 12'],
      [5, 'dropped', 'line 5: volume "-5" must be >= 0; row dropped'],
      [6, 'dropped', 'line 6: open "abc" is not a number; row dropped'],
      [7, 'dropped', 'line 7: low "0" must be > 0; row dropped'],
    ]);
  });

  it('sorts rows that came out of order and reports each as repaired', () => {
    const repaired = report(
      csv(
        '2024-01-03,10,11,9,10,3',
        '2024-01-02,10,11,9,10,2',
        '2024-01-05,10,11,9,10,5',
        '2024-01-04,10,11,9,10,4',
      ),
      'repair',
    );
    expect(Array.from(repaired.series.ts)).toEqual(
      ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map(day),
    );
    expect(Array.from(repaired.series.volume)).toEqual([2, 3, 4, 5]);
    expect(repaired).toMatchObject({ rowsAccepted: 4, rowsDropped: 0, rowsRepaired: 2 });
    expect(repaired.issues.map((issue) => [issue.line, issue.rule, issue.action, issue.message])).toEqual([
      [
        3,
        'out_of_order_timestamp',
        'repaired',
        'line 3: date "2024-01-02" is earlier than line 2 (2024-01-03); rows sorted by time',
      ],
      [
        5,
        'out_of_order_timestamp',
        'repaired',
        'line 5: date "2024-01-04" is earlier than line 4 (2024-01-05); rows sorted by time',
      ],
    ]);
  });

  it('keeps the last occurrence of a repeated timestamp, adjacent or not', () => {
    const repaired = report(
      csv(
        '2024-01-02,10,11,9,10,1',
        '2024-01-03,10,11,9,10,2',
        '2024-01-03,10,11,9,10,3',
        '2024-01-04,10,11,9,10,4',
        '2024-01-02,10,11,9,10,5',
      ),
      'repair',
    );
    expect(Array.from(repaired.series.ts)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04'].map(day));
    expect(Array.from(repaired.series.volume)).toEqual([5, 3, 4]);
    expect(repaired).toMatchObject({ rowsRead: 5, rowsAccepted: 3, rowsDropped: 2 });
    expect(repaired.issues.map((issue) => [issue.line, issue.rule, issue.action, issue.message])).toEqual([
      [
        2,
        'duplicate_timestamp',
        'dropped',
        'line 2: timestamp 2024-01-02 repeats on line 6, the occurrence kept; row dropped',
      ],
      [
        3,
        'duplicate_timestamp',
        'dropped',
        'line 3: timestamp 2024-01-03 repeats on line 4, the occurrence kept; row dropped',
      ],
      [
        6,
        'out_of_order_timestamp',
        'repaired',
        'line 6: date "2024-01-02" is earlier than line 5 (2024-01-04); rows sorted by time',
      ],
    ]);
  });

  it('returns the stored columns untouched when nothing needed sorting', () => {
    const repaired = report(csv('2024-01-02,10,11,9,10,1', '2024-01-03,10,11,9,10,2'), 'repair');
    expect(repaired.issues).toEqual([]);
    expect(Array.from(repaired.series.volume)).toEqual([1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import type { ImportOptions } from './import-options.js';
import { ImportRejectedError } from './import-rejected-error.js';
import { parseBars } from './parse-bars.js';
import type { ValidationIssue } from './validation-issue.js';

const HEADER = 'date,open,high,low,close,volume';
const csv = (...rows: string[]): string => [HEADER, ...rows].join('\n') + '\n';
const GOOD = ['2024-01-02,10,11,9,10.5,100', '2024-01-03,10.5,12,10,11,200'];

function rejection(text: string, overrides: Partial<ImportOptions> = {}): ImportRejectedError {
  const result = parseBars(text, { symbol: 'ACME', timeframe: '1d', ...overrides });
  if (result.ok) throw new Error('expected the import to be rejected');
  return result.error;
}

/** The only issue of a file whose line `line` breaks one rule. */
function onlyIssue(text: string): ValidationIssue {
  const { issues } = rejection(text);
  expect(issues).toHaveLength(1);
  return issues[0] as ValidationIssue;
}

describe('parseBars validation rules', () => {
  it('reports an unparseable number with its line, counting the header and blank lines', () => {
    const issue = onlyIssue(csv(GOOD[0] as string, '', '2024-01-03,abc,11,9,10,100'));
    expect(issue).toEqual({
      line: 4,
      rule: 'unparseable_number',
      field: 'open',
      value: 'abc',
      message: 'line 4: open "abc" is not a number',
      action: 'rejected',
    });
  });

  it('treats a quoted number with a thousands separator as unparseable', () => {
    const issue = onlyIssue(csv('2024-01-02,"1,000",1001,999,1000,100'));
    expect(issue.rule).toBe('unparseable_number');
    expect(issue.value).toBe('1,000');
    expect(issue.message).toBe('line 2: open "1,000" is not a number');
  });

  it('sees an unquoted thousands separator as a row with too many fields', () => {
    const issue = onlyIssue(csv(GOOD[0] as string, '2024-01-03,1,000,1001,999,1000,100'));
    expect(issue.rule).toBe('bad_row_shape');
    expect(issue.message).toBe(
      'line 3: row "2024-01-03,1,000,1001,999,1000,100" has 7 fields; the header on line 1 has 6',
    );
  });

  it('reports a row with too few fields and a quote that is never closed', () => {
    const { issues } = rejection(csv('2024-01-02,10,11,9', '2024-01-03,"10,11,9,10,100'));
    expect(issues.map((issue) => [issue.line, issue.rule, issue.message])).toEqual([
      [2, 'bad_row_shape', 'line 2: row "2024-01-02,10,11,9" has 4 fields; the header on line 1 has 6'],
      [3, 'bad_row_shape', 'line 3: row "2024-01-03,\\"10,11,9,10,100" has a quote that is not closed'],
    ]);
  });

  it('reports an impossible date with what the format expects', () => {
    const issue = onlyIssue(csv(GOOD[0] as string, '2024-13-01,10,11,9,10,100'));
    expect(issue.rule).toBe('unparseable_date');
    expect(issue.field).toBe('date');
    expect(issue.message).toMatch(/^line 3: date "2024-13-01" is not an ISO date or timestamp \(YYYY-MM-DD/);
  });

  it('reports empty and null fields as missing values', () => {
    const { issues } = rejection(
      csv('2024-01-02,10,11,9,,100', '2024-01-03,10,11,9,10,null', ',10,11,9,10,100'),
    );
    expect(issues.map((issue) => [issue.rule, issue.field, issue.message])).toEqual([
      ['missing_value', 'close', 'line 2: close is missing (found "")'],
      ['missing_value', 'volume', 'line 3: volume is missing (found "null")'],
      ['missing_value', 'date', 'line 4: date is missing (found "")'],
    ]);
  });

  it('reports a high below the low, quoting both values', () => {
    const rows = [
      '2024-01-02,10,11,9,10.5,100',
      '',
      '2024-01-03,10,11,9,10.5,100',
      '',
      '',
      '2024-01-04,10,9.5,10.1,10,100',
    ];
    const issue = onlyIssue(csv(...rows));
    expect(issue).toMatchObject({ line: 7, rule: 'high_below_low', field: 'high', value: '9.5' });
    expect(issue.message).toBe('line 7: high "9.5" is below low "10.1"');
  });

  it('reports an open or close outside the high-low range', () => {
    const { issues } = rejection(
      csv(
        '2024-01-02,12,11,9,10,100',
        '2024-01-03,8,11,9,10,100',
        '2024-01-04,10,11,9,11.5,100',
        '2024-01-05,10,11,9,8.5,100',
      ),
    );
    expect(issues.map((issue) => [issue.rule, issue.message])).toEqual([
      ['open_outside_range', 'line 2: open "12" is above high "11"'],
      ['open_outside_range', 'line 3: open "8" is below low "9"'],
      ['close_outside_range', 'line 4: close "11.5" is above high "11"'],
      ['close_outside_range', 'line 5: close "8.5" is below low "9"'],
    ]);
  });

  it('reports a negative volume and accepts a zero volume', () => {
    const issue = onlyIssue(csv('2024-01-02,10,11,9,10,0', '2024-01-03,10,11,9,10,-5'));
    expect(issue).toMatchObject({ line: 3, rule: 'negative_volume', field: 'volume', value: '-5' });
    expect(issue.message).toBe('line 3: volume "-5" must be >= 0');
  });

  it('reports every non-positive price of a row', () => {
    const issue = onlyIssue(csv('2024-01-02,10,11,0,10,100'));
    expect(issue).toMatchObject({ rule: 'non_positive_price', field: 'low', value: '0' });
    expect(issue.message).toBe('line 2: low "0" must be > 0');
    const { issues } = rejection(csv('2024-01-02,-1,-1,-1,-1,100'));
    expect(issues.map((found) => found.message)).toEqual([
      'line 2: open "-1" must be > 0',
      'line 2: high "-1" must be > 0',
      'line 2: low "-1" must be > 0',
      'line 2: close "-1" must be > 0',
    ]);
  });

  it('reports a repeated timestamp against the line that had it first', () => {
    const issue = onlyIssue(csv(GOOD[0] as string, '2024-01-02,10,11,9,10,100'));
    expect(issue).toMatchObject({ line: 3, rule: 'duplicate_timestamp', field: 'date', value: '2024-01-02' });
    expect(issue.message).toBe('line 3: date "2024-01-02" repeats the timestamp of line 2 (2024-01-02)');
  });

  it('reports a row earlier than the one before it, once for one misplaced row', () => {
    const { issues } = rejection(
      csv(GOOD[0] as string, GOOD[1] as string, '2024-01-01,10,11,9,10,100', '2024-01-04,10,11,9,10,100'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, rule: 'out_of_order_timestamp', value: '2024-01-01' });
    expect(issues[0]?.message).toBe('line 4: date "2024-01-01" is earlier than line 3 (2024-01-03)');
  });

  it('compares intraday timestamps in full in order messages', () => {
    const issue = onlyIssue(csv('2024-01-02T10:00:00Z,10,11,9,10,1', '2024-01-02T09:59:00Z,10,11,9,10,1'));
    expect(issue.message).toBe(
      'line 3: date "2024-01-02T09:59:00Z" is earlier than line 2 (2024-01-02T10:00:00.000Z)',
    );
  });

  it('collects every issue of the file in line order, with a message that counts them and quotes the first', () => {
    const error = rejection(
      csv(
        '2024-01-02,x,11,9,10,100',
        '2024-01-03,10,11,9,10,-1',
        '2024-01-04,10,9,11,10,100',
        '2024-01-05,10,11,9,10,',
        '2024-01-06,10,11,9,y,100',
      ),
    );
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues.map((issue) => issue.line)).toEqual([2, 3, 4, 5, 6]);
    expect(error.issues.every((issue) => issue.action === 'rejected')).toBe(true);
    expect(error.message).toBe(
      'import rejected (5 errors): line 2: open "x" is not a number; line 3: volume "-1" must be >= 0; ' +
        'line 4: high "9" is below low "11"; and 2 more',
    );
  });

  it('counts lines the same with CRLF endings, whitespace-only lines and a byte order mark', () => {
    const text =
      '\uFEFF' + [HEADER, GOOD[0], '   ', '\t', GOOD[1], '2024-01-04,10,11,9,10,-5'].join('\r\n') + '\r\n';
    const issue = onlyIssue(text);
    expect(issue.line).toBe(6);
    expect(issue.message).toBe('line 6: volume "-5" must be >= 0');
  });
});

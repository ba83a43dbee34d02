import { describe, expect, it } from 'vitest';
import type { ImportOptions } from './import-options.js';
import type { ImportRejectedError } from './import-rejected-error.js';
import { parseBars, type ImportReport } from './parse-bars.js';

const base: ImportOptions = { symbol: 'ACME', timeframe: '1d' };
const JAN_2 = Date.UTC(2024, 0, 2);
const JAN_3 = Date.UTC(2024, 0, 3);

function accepted(input: string | Uint8Array, overrides: Partial<ImportOptions> = {}): ImportReport {
  const result = parseBars(input, { ...base, ...overrides });
  if (!result.ok) throw result.error;
  return result.value;
}

function rejected(input: string | Uint8Array, overrides: Partial<ImportOptions> = {}): ImportRejectedError {
  const result = parseBars(input, { ...base, ...overrides });
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

const columns = (report: ImportReport): number[][] => {
  const { ts, open, high, low, close, volume } = report.series;
  return Array.from(ts, (_, row) =>
    [ts, open, high, low, close, volume].map((column) => column[row] as number),
  );
};

describe('CSV layout', () => {
  it('reads the columns in any order and ignores columns it does not know', () => {
    const report = accepted('volume,Close,symbol,LOW,high,Open,Date\n100,10.5,ACME,9,11,10,2024-01-02\n');
    expect(columns(report)).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
    expect(report.series.symbol).toBe('ACME');
    expect(report.series.timeframe).toBe('1d');
  });

  it('finds columns through their short aliases', () => {
    const report = accepted('t,o,h,l,c,v\n2024-01-02,10,11,9,10.5,100\n');
    expect(columns(report)).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
  });

  it('takes custom column names, case-insensitively, before the aliases', () => {
    const text = 'Day,First,Top,Bottom,Last,Close,Shares\n2024-01-02,10,11,9,10.5,99,100\n';
    const report = accepted(text, {
      columns: { date: 'day', open: 'FIRST', high: 'top', low: 'bottom', close: 'last', volume: 'shares' },
    });
    expect(columns(report)).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
  });

  it('imports a file without a volume column with volume 0', () => {
    expect(columns(accepted('date,open,high,low,close\n2024-01-02,10,11,9,10.5\n'))).toEqual([
      [JAN_2, 10, 11, 9, 10.5, 0],
    ]);
  });

  it('detects semicolon and tab delimiters and takes an explicit one', () => {
    const rows = (delimiter: string): string =>
      ['date,open,high,low,close,volume', '2024-01-02,10,11,9,10.5,100']
        .map((row) => row.replaceAll(',', delimiter))
        .join('\n');
    const expected = [[JAN_2, 10, 11, 9, 10.5, 100]];
    expect(columns(accepted(rows(';')))).toEqual(expected);
    expect(columns(accepted(rows('\t')))).toEqual(expected);
    expect(columns(accepted(rows('|'), { delimiter: '|' }))).toEqual(expected);
  });

  it('reads a header name with an escaped quote', () => {
    const report = accepted('date,"say ""hi""",open,high,low,close\n2024-01-02,x,10,11,9,10.5\n');
    expect(columns(report)).toEqual([[JAN_2, 10, 11, 9, 10.5, 0]]);
    const error = rejected('date,open,high,low,close,"say ""hi"""\n2024-01-02,10,11,9,10.5\n');
    expect(error.issues[0]?.message).toContain('the header on line 1 has 6');
  });

  it('grows its columns when later lines are shorter than the first 64 KiB predicted', () => {
    const long = Array.from(
      { length: 800 },
      (_, row) => `${1_704_153_600 + row * 60},10,11,9,10.5,1,${'x'.repeat(150)}`,
    );
    const short = Array.from(
      { length: 6000 },
      (_, row) => `${1_704_153_600 + (800 + row) * 60},10,11,9,10.5,${row},`,
    );
    const report = accepted(['ts,o,h,l,c,v,note', ...long, ...short].join('\n'), { timeframe: '1m' });
    expect(report.rowsAccepted).toBe(6800);
    expect(report.series.ts[6799]).toBe((1_704_153_600 + 6799 * 60) * 1000);
    expect(report.series.volume[6799]).toBe(5999);
    expect(report.series.close.every((close) => close === 10.5)).toBe(true);
  });

  it('reads quoted header names and quoted fields, with spaces around fields', () => {
    const text = '"Date","Open","High","Low","Close","Volume"\n"2024-01-02", 10 ,"11",  9,"10.5" ,100\n';
    expect(columns(accepted(text))).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
  });

  it('reports a quoted value with an escaped quote as it reads', () => {
    const error = rejected('date,open,high,low,close,volume\n2024-01-02,"1""0",11,9,10.5,100\n');
    expect(error.issues[0]?.message).toBe('line 2: open "1\\"0" is not a number');
    const junk = rejected('date,open,high,low,close,volume\n2024-01-02,"10"x,11,9,10.5,100\n');
    expect(junk.issues[0]?.message).toBe('line 2: open "\\"10\\"x" is not a number');
  });

  it('reads exponents, signs and long mantissas through the careful path', () => {
    const report = accepted(
      'date,open,high,low,close,volume\n2024-01-02,1e1,+11,9.000000000000000000001,10.5,1.5E2\n',
    );
    expect(columns(report)).toEqual([
      [JAN_2, 10, 11, Number.parseFloat('9.000000000000000000001'), 10.5, 150],
    ]);
  });

  it('gives the same result for a string, a Buffer, a Uint8Array view, CRLF and no final line break', () => {
    const text =
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,200\n';
    const expected = columns(accepted(text));
    expect(expected).toHaveLength(2);
    expect(columns(accepted(Buffer.from(text)))).toEqual(expected);
    const padded = new TextEncoder().encode(`xx${text}yy`);
    expect(columns(accepted(padded.subarray(2, padded.length - 2)))).toEqual(expected);
    expect(columns(accepted(text.replaceAll('\n', '\r\n')))).toEqual(expected);
    expect(columns(accepted(text.trimEnd()))).toEqual(expected);
    expect(columns(accepted(text.trimEnd().replaceAll('\n', '\r\n')))).toEqual(expected);
    expect(columns(accepted(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toEqual(
      expected,
    );
  });

  it('decodes non-ASCII text in the values it reports', () => {
    const error = rejected('date,open,high,low,close,volume\n2024-01-02,10€,11,9,10.5,100\n');
    expect(error.issues[0]?.value).toBe('10€');
  });
});

describe('dates', () => {
  const file = (...dates: string[]): string =>
    ['date,open,high,low,close,volume', ...dates.map((date) => `${date},10,11,9,10.5,100`)].join('\n');
  const times = (report: ImportReport): number[] => Array.from(report.series.ts);

  it('reads ISO dates as UTC midnight and timestamps with their offset', () => {
    expect(times(accepted(file('2024-01-02', '2024-01-03')))).toEqual([JAN_2, JAN_3]);
    const stamps = file(
      '2024-01-02T09:30:00Z',
      '2024-01-02T10:31:00+01:00',
      '2024-01-02 09:32',
      '2024-01-02T04:33:00.250-05:00',
    );
    expect(times(accepted(stamps, { timeframe: '1m' }))).toEqual([
      JAN_2 + 570 * 60_000,
      JAN_2 + 571 * 60_000,
      JAN_2 + 572 * 60_000,
      JAN_2 + 573 * 60_000 + 250,
    ]);
  });

  it('detects epoch seconds and epoch milliseconds from the first row', () => {
    expect(times(accepted(file('1704153600', '1704240000')))).toEqual([JAN_2, JAN_3]);
    expect(times(accepted(file('1704153600000', '1704240000000')))).toEqual([JAN_2, JAN_3]);
  });

  it('follows an explicit format over what the values look like', () => {
    expect(times(accepted(file('1704153600000', '1704240000000'), { dateFormat: 'epoch_ms' }))).toEqual([
      JAN_2,
      JAN_3,
    ]);
    expect(times(accepted(file('1704153600', '1704240000'), { dateFormat: 'epoch_s' }))).toEqual([
      JAN_2,
      JAN_3,
    ]);
    expect(times(accepted(file('2024-01-02'), { dateFormat: 'iso' }))).toEqual([JAN_2]);
    const numberAsIso = rejected(file('1704153600'), { dateFormat: 'iso' });
    expect(numberAsIso.issues[0]?.message).toMatch(
      /^line 2: date "1704153600" is not an ISO date or timestamp/,
    );
    const isoAsEpoch = rejected(file('2024-01-02'), { dateFormat: 'epoch_s' });
    expect(isoAsEpoch.issues[0]?.message).toBe('line 2: date "2024-01-02" is not a number of epoch seconds');
  });

  it('keeps one format for the whole file once detected', () => {
    const error = rejected(file('1704153600', '2024-01-03'));
    expect(error.issues[0]?.message).toBe(
      'line 3: date "2024-01-03" is not a number of epoch seconds, the format detected from the first row',
    );
  });
});

describe('JSON lines', () => {
  it('reads one object per line with any key order, numbers or numeric strings', () => {
    const text = [
      '{"date":"2024-01-02","open":10,"high":11,"low":9,"close":10.5,"volume":100}',
      '',
      '{"volume":"200","close":"11","low":10,"high":12,"open":10.5,"date":"2024-01-03"}',
    ].join('\n');
    const report = accepted(text);
    expect(columns(report)).toEqual([
      [JAN_2, 10, 11, 9, 10.5, 100],
      [JAN_3, 10.5, 12, 10, 11, 200],
    ]);
    expect(columns(accepted(text, { format: 'jsonl' }))).toEqual(columns(report));
    expect(columns(accepted(Buffer.from(text)))).toEqual(columns(report));
  });

  it('reads epoch numbers and custom keys', () => {
    const text = '{"t":1704153600000,"o":10,"h":11,"l":9,"px":10.5,"v":100}\n';
    expect(columns(accepted(text, { columns: { close: 'px' } }))).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
  });

  it('reports bad lines, missing and wrong-typed values with the file line', () => {
    const text = [
      '{"date":"2024-01-02","open":10,"high":11,"low":9,"close":10.5,"volume":100}',
      '',
      'not json',
      '[1,2,3]',
      '{"date":"2024-01-04","open":null,"high":11,"low":9,"close":10.5,"volume":100}',
      '{"date":"2024-01-05","open":10,"high":true,"low":9,"close":10.5}',
      '{"date":20240106,"open":10,"high":11,"low":9,"close":10.5,"volume":100}',
      '{"date":"2024-01-08","open":"1,0","high":11,"low":9,"close":10.5,"volume":100}',
    ].join('\n');
    const error = rejected(text);
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'line 3: "not json" is not a JSON object',
      'line 4: "[1,2,3]" is not a JSON object',
      'line 5: open is missing (found "null")',
      'line 6: high "true" is not a number',
      'line 6: volume is missing (found "")',
      expect.stringMatching(/^line 7: date "20240106" is not an ISO date or timestamp/),
      'line 8: open "1,0" is not a number',
    ]);
  });

  it('reads numeric date strings as epoch values, skips blank lines and a byte order mark', () => {
    const text = '\uFEFF{"date":"1704153600","open":10,"high":11,"low":9,"close":10.5,"volume":100}\n   \n';
    expect(columns(accepted(text))).toEqual([[JAN_2, 10, 11, 9, 10.5, 100]]);
    expect(accepted(text).rowsRead).toBe(1);
  });

  it('reports dates that overflow or are far too long to be a timestamp', () => {
    const row = (date: string): string =>
      `{"date":${date},"open":10,"high":11,"low":9,"close":10.5,"volume":100}`;
    const overflow = rejected([row('1704153600000'), row('1e400')].join('\n'));
    expect(overflow.issues[0]?.message).toBe(
      'line 2: date "Infinity" is not a number of epoch milliseconds, the format detected from the first row',
    );
    const long = rejected(row(JSON.stringify(`2024-01-02T00:00:00Z${' pad'.repeat(20)}`)), {
      dateFormat: 'iso',
    });
    expect(long.issues[0]?.rule).toBe('unparseable_date');
  });

  it('takes the keys from the first line that holds an object', () => {
    const text = 'garbage\n{"date":"2024-01-02","open":10,"high":11,"low":9,"close":10.5,"volume":100}\n';
    const report = accepted(text, { format: 'jsonl', onError: 'drop' });
    expect(report).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsDropped: 1 });
    expect(report.issues[0]?.line).toBe(1);
  });

  it('rejects a file with no object and names a missing key', () => {
    expect(rejected('nope\n[1]\n', { format: 'jsonl' }).message).toBe(
      'import rejected (1 error): line 1: no line holds a JSON object; the first line is "nope"',
    );
    expect(rejected('{"date":"2024-01-02","open":1,"high":1,"low":1}\n').issues[0]?.message).toBe(
      'line 1: required key for close not found in keys "date, open, high, low" (looked for: close, c)',
    );
    expect(rejected('\n\n', { format: 'jsonl' }).issues[0]?.message).toBe(
      'line 1: the file is empty; expected one JSON object per line',
    );
  });
});

describe('adjusted close', () => {
  const text = 'date,open,high,low,close,adj close,volume\n2024-01-02,10,12,8,10,5,100\n';

  it('scales prices by adjclose / close and divides volume by the same factor', () => {
    const report = accepted(text);
    expect(report.adjusted).toBe(true);
    expect(columns(report)).toEqual([[JAN_2, 5, 6, 4, 5, 200]]);
  });

  it('leaves prices as written when adjust is off', () => {
    const report = accepted(text, { adjust: false });
    expect(report.adjusted).toBe(false);
    expect(columns(report)).toEqual([[JAN_2, 10, 12, 8, 10, 100]]);
  });

  it('requires an adjclose column when adjust is asked for', () => {
    const error = rejected('date,open,high,low,close\n2024-01-02,10,12,8,10\n', { adjust: true });
    expect(error.issues[0]?.message).toBe(
      'line 1: required column for adjclose not found in header "date,open,high,low,close" (looked for: adjclose, adj_close, adj close, adjusted_close)',
    );
  });

  it('validates the adjusted close like a price', () => {
    const error = rejected(
      'date,open,high,low,close,adjclose\n2024-01-02,10,12,8,10,0\n2024-01-03,10,12,8,10,\n',
    );
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'line 2: adjclose "0" must be > 0',
      'line 3: adjclose is missing (found "")',
    ]);
  });
});

describe('files that cannot be read as a whole', () => {
  it('rejects an empty file and a file of blank lines', () => {
    for (const text of ['', '\n \n\t\n']) {
      expect(rejected(text).issues.map((issue) => issue.message)).toEqual([
        'line 1: the file is empty; expected a header line naming the columns',
      ]);
    }
  });

  it('rejects a header with no data rows, under every policy', () => {
    for (const onError of ['reject', 'drop', 'repair'] as const) {
      expect(rejected('\ndate,open,high,low,close\n\n', { onError }).message).toBe(
        'import rejected (1 error): line 2: header "date,open,high,low,close" is not followed by any data row',
      );
    }
  });

  it('names each missing column and the header it looked in', () => {
    const error = rejected('Date,Open,Price\n2024-01-02,1,1\n');
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'line 1: required column for high not found in header "Date,Open,Price" (looked for: high, h)',
      'line 1: required column for low not found in header "Date,Open,Price" (looked for: low, l)',
      'line 1: required column for close not found in header "Date,Open,Price" (looked for: close, c)',
    ]);
    const custom = rejected('date,open,high,low,close\n2024-01-02,1,1,1,1\n', { columns: { volume: 'qty' } });
    expect(custom.issues[0]?.message).toBe(
      'line 1: required column for volume not found in header "date,open,high,low,close" (looked for: qty)',
    );
  });

  it('rejects options it cannot work with, naming the value', () => {
    const text = 'date,open,high,low,close\n2024-01-02,1,1,1,1\n';
    const cases: [Partial<ImportOptions>, string][] = [
      [{ symbol: ' ' }, 'symbol " " must be a non-empty string'],
      [{ timeframe: '2d' as never }, 'timeframe "2d" is not a known timeframe'],
      [{ format: 'xml' as never }, 'format "xml" must be one of csv, jsonl'],
      [{ dateFormat: 'us' as never }, 'date format "us" must be one of auto, iso, epoch_s, epoch_ms'],
      [{ onError: 'ignore' as never }, 'error policy "ignore" must be one of reject, drop, repair'],
      [{ delimiter: ';;' }, 'delimiter ";;" must be one ASCII character other than a quote or a line break'],
      [{ delimiter: '"' }, 'delimiter "\\"" must be one ASCII character other than a quote or a line break'],
      [{ delimiter: '§' }, 'delimiter "§" must be one ASCII character other than a quote or a line break'],
    ];
    for (const [overrides, message] of cases) {
      const error = rejected(text, overrides);
      expect(error.message).toBe(message);
      expect(error.issues).toEqual([]);
    }
  });
});

describe('blanks and quotes with a blank delimiter', () => {
  it('keeps an empty field before a quoted one apart when the delimiter is a tab', () => {
    const text =
      'date\tnote\topen\thigh\tlow\tclose\n2024-01-02\t\t"10"\t11\t9\t10.5\n2024-01-03\t"x"\t\t11\t9\t10.5\n';
    const error = rejected(text);
    expect(error.issues.map((issue) => issue.message)).toEqual(['line 3: open is missing (found "")']);
  });
});

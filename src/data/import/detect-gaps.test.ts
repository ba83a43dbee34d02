import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../model/timeframe.js';
import { detectGaps } from './detect-gaps.js';
import { parseBars } from './parse-bars.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const gapsOf = (timestamps: number[], timeframe: Timeframe) =>
  detectGaps(
    Float64Array.from(timestamps),
    Int32Array.from(timestamps, (_, index) => index + 2),
    timeframe,
  );
const day = (date: string): number => Date.parse(`${date}T00:00:00Z`);

describe('daily gaps', () => {
  it('does not count a weekend as a gap', () => {
    expect(gapsOf([day('2024-01-05'), day('2024-01-08')], '1d')).toEqual([]);
  });

  it('reports a missing Wednesday on the line of the bar after it', () => {
    expect(gapsOf([day('2024-01-02'), day('2024-01-04')], '1d')).toEqual([
      {
        line: 3,
        rule: 'gap',
        field: 'date',
        value: '2024-01-04',
        message:
          'line 3: gap of 1 weekday with no bar (2024-01-03) between 2024-01-02 (line 2) and 2024-01-04',
        action: 'reported',
      },
    ]);
  });

  it('counts only weekdays across a long gap and shows a holiday Monday', () => {
    const [long] = gapsOf([day('2024-01-02'), day('2024-01-23')], '1d');
    expect(long?.message).toBe(
      'line 3: gap of 14 weekdays with no bar (2024-01-03 to 2024-01-22) between 2024-01-02 (line 2) and 2024-01-23',
    );
    const [holiday] = gapsOf([day('2024-01-12'), day('2024-01-16')], '1d');
    expect(holiday?.message).toContain('1 weekday with no bar (2024-01-15)');
  });

  it('uses the UTC day of timestamps that are not at midnight', () => {
    const close = 21 * 60 * MINUTE;
    expect(gapsOf([day('2024-01-05') + close, day('2024-01-08') + close], '1d')).toEqual([]);
    expect(gapsOf([day('2024-01-02') + close, day('2024-01-04') + close], '1d')).toHaveLength(1);
  });
});

describe('intraday gaps', () => {
  const open = day('2024-01-02') + (14 * 60 + 30) * MINUTE;

  it('reports a step longer than the timeframe inside one UTC day, with the missing bar count', () => {
    const [gap] = gapsOf([open, open + MINUTE, open + 4 * MINUTE], '1m');
    expect(gap?.line).toBe(4);
    expect(gap?.message).toBe(
      'line 4: gap of 2 missing 1m bars between 2024-01-02T14:31:00.000Z (line 3) and 2024-01-02T14:34:00.000Z',
    );
  });

  it('does not count the step overnight or over a weekend', () => {
    expect(gapsOf([open, day('2024-01-03') + (14 * 60 + 30) * MINUTE], '1m')).toEqual([]);
    expect(gapsOf([day('2024-01-05') + 20 * 60 * MINUTE, day('2024-01-08') + 9 * 60 * MINUTE], '1h')).toEqual(
      [],
    );
  });

  it('accepts timestamps that are not aligned to the timeframe', () => {
    expect(gapsOf([open + 7_000, open + 5 * MINUTE + 9_000], '5m')).toEqual([]);
    expect(gapsOf([open + 7_000, open + 10 * MINUTE + 9_000], '5m')[0]?.message).toContain(
      'gap of 1 missing 5m bar between',
    );
  });
});

describe('weekly gaps', () => {
  it('reports a Monday-based week with no bar', () => {
    expect(gapsOf([day('2024-01-01'), day('2024-01-08')], '1w')).toEqual([]);
    expect(gapsOf([day('2024-01-05'), day('2024-01-08')], '1w')).toEqual([]);
    expect(gapsOf([day('2024-01-01'), day('2024-01-22')], '1w')[0]?.message).toBe(
      'line 3: gap of 2 weeks with no bar between 2024-01-01 (line 2) and 2024-01-22',
    );
    expect(gapsOf([day('2024-01-01'), day('2024-01-15') + DAY], '1w')[0]?.message).toContain(
      'gap of 1 week with',
    );
  });
});

describe('gaps in an import', () => {
  const text =
    'date,open,high,low,close,volume\n2024-01-02,10,11,9,10,1\n\n2024-01-04,10,11,9,10,1\n2024-01-05,10,11,9,10,1\n';

  it('reports gaps as warnings that never reject the file', () => {
    const result = parseBars(text, { symbol: 'ACME', timeframe: '1d' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.gapCount).toBe(1);
    expect(result.value.rowsAccepted).toBe(3);
    expect(result.value.issues.map((issue) => [issue.line, issue.rule, issue.action])).toEqual([
      [4, 'gap', 'reported'],
    ]);
  });

  it('skips the gap check when asked to', () => {
    const result = parseBars(text, { symbol: 'ACME', timeframe: '1d', checkGaps: false });
    expect(result.ok && result.value.issues).toEqual([]);
    expect(result.ok && result.value.gapCount).toBe(0);
  });

  it('lists gaps beside the errors of a rejected file in its message count', () => {
    const result = parseBars(text + '2024-01-08,10,11,9,10,-1\n', { symbol: 'ACME', timeframe: '1d' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('import rejected (1 error): line 6: volume "-1" must be >= 0');
  });
});

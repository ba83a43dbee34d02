import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtcDate, formatUtcMonth, utcCivilDate, utcEpochMs, utcMonthIndex } from './utc-date.js';

const MIN_TS = Date.UTC(1800, 0, 1);
const MAX_TS = Date.UTC(2400, 0, 1);

describe('utc calendar arithmetic', () => {
  it('agrees with Date in UTC for any instant between 1800 and 2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TS, max: MAX_TS }), (ts) => {
        const date = new Date(ts);
        expect(utcCivilDate(ts)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(utcMonthIndex(ts)).toBe(date.getUTCFullYear() * 12 + date.getUTCMonth());
        expect(formatUtcDate(ts)).toBe(date.toISOString().slice(0, 10));
      }),
    );
  });

  it('turns a calendar day back into its midnight epoch ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TS, max: MAX_TS }), (ts) => {
        const { year, month, day } = utcCivilDate(ts);
        expect(utcEpochMs(year, month, day)).toBe(Date.UTC(year, month - 1, day));
      }),
    );
  });

  it('handles leap days and the last millisecond of a year', () => {
    expect(formatUtcDate(Date.UTC(2020, 1, 29, 12))).toBe('2020-02-29');
    expect(formatUtcDate(Date.UTC(2000, 1, 29))).toBe('2000-02-29');
    expect(formatUtcDate(Date.UTC(2021, 0, 1) - 1)).toBe('2020-12-31');
    expect(formatUtcMonth(Date.UTC(2021, 0, 1) - 1)).toBe('2020-12');
    expect(formatUtcDate(Date.UTC(1969, 11, 31, 23, 59))).toBe('1969-12-31');
  });

  it('prints a dash for a timestamp that is not a number', () => {
    expect(formatUtcDate(Number.NaN)).toBe('—');
    expect(formatUtcDate(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

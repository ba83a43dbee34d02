import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, epochFromNumber, parseIsoTimestamp } from './parse-timestamp.js';

const encoder = new TextEncoder();
const parse = (text: string): number => {
  const bytes = encoder.encode(` ${text} `);
  return parseIsoTimestamp(bytes, 1, bytes.length - 1);
};
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

describe('daysFromCivil', () => {
  it('counts the same days as Date across the years 0000 to 9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const days = daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
          expect(days * 86_400_000).toBe(Math.floor(date.getTime() / 86_400_000) * 86_400_000);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('parseIsoTimestamp', () => {
  it('reads a date as UTC midnight', () => {
    expect(parse('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parse('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads timestamps with T, t or a space, with and without seconds and fractions', () => {
    expect(parse('2024-01-02T14:30')).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parse('2024-01-02 14:30:15')).toBe(Date.UTC(2024, 0, 2, 14, 30, 15));
    expect(parse('2024-01-02t14:30:15.5Z')).toBe(Date.UTC(2024, 0, 2, 14, 30, 15, 500));
    expect(parse('2024-01-02T14:30:15.12Z')).toBe(Date.UTC(2024, 0, 2, 14, 30, 15, 120));
    expect(parse('2024-01-02T14:30:15,123z')).toBe(Date.UTC(2024, 0, 2, 14, 30, 15, 123));
  });

  it('truncates fractions finer than a millisecond', () => {
    expect(parse('2024-01-02T14:30:15.123999999Z')).toBe(Date.UTC(2024, 0, 2, 14, 30, 15, 123));
  });

  it('subtracts the zone offset in every written form, and no zone means UTC', () => {
    const utc = Date.UTC(2024, 0, 2, 8, 0);
    expect(parse('2024-01-02T08:00:00')).toBe(utc);
    expect(parse('2024-01-02T10:00:00+02:00')).toBe(utc);
    expect(parse('2024-01-02T10:00+0200')).toBe(utc);
    expect(parse('2024-01-02T10:00+02')).toBe(utc);
    expect(parse('2024-01-02T03:00:00-05:00')).toBe(utc);
    expect(parse('2024-01-02T13:45:00+05:45')).toBe(utc);
  });

  it('agrees with Date.parse on every valid ISO timestamp', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -23 * 60, max: 23 * 60 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const zone = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
          const text = `${local.toISOString().slice(0, 23)}${zone}`;
          expect(parse(text)).toBe(Date.parse(text));
          expect(parse(text)).toBe(date.getTime());
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('gives the right day when consecutive calls alternate between dates', () => {
    const days = ['2024-01-02', '2023-12-31', '2024-01-02', '2024-03-01', '2024-02-30', '2024-01-02'];
    expect(days.map(parse)).toEqual([
      Date.UTC(2024, 0, 2),
      Date.UTC(2023, 11, 31),
      Date.UTC(2024, 0, 2),
      Date.UTC(2024, 2, 1),
      Number.NaN,
      Date.UTC(2024, 0, 2),
    ]);
  });

  it('refuses impossible calendar values and malformed text', () => {
    const invalid = [
      '',
      '2024-1-02',
      '2024/01/02',
      '20240102',
      '2024-00-10',
      '2024-13-01',
      '2024-01-00',
      '2023-02-29',
      '2024-04-31',
      '2024-01-02T24:00',
      '2024-01-02T12:60',
      '2024-01-02T12:00:60',
      '2024-01-02T12',
      '2024-01-02T12:00:',
      '2024-01-02T12:00:00.',
      '2024-01-02T12:00:00.1234567890',
      '2024-01-02X12:00',
      '2024-01-02T12:00Zx',
      '2024-01-02T12:00+2',
      '2024-01-02T12:00+24:00',
      '2024-01-02T12:00+02:60',
      '2024-01-02T12:00 UTC',
      '2024-01-02 ',
      'yesterday',
    ];
    for (const text of invalid) expect(parse(text), text).toBeNaN();
  });
});

describe('epochFromNumber', () => {
  it('converts seconds and milliseconds to whole epoch ms', () => {
    expect(epochFromNumber(1_704_153_600, 1000)).toBe(Date.UTC(2024, 0, 2));
    expect(epochFromNumber(1_704_153_600.5, 1000)).toBe(Date.UTC(2024, 0, 2) + 500);
    expect(epochFromNumber(1_704_153_600_000.4, 1)).toBe(Date.UTC(2024, 0, 2));
    expect(epochFromNumber(-86_400, 1000)).toBe(-86_400_000);
  });

  it('refuses values outside the ECMAScript time range', () => {
    expect(epochFromNumber(8.64e15 + 1, 1)).toBeNaN();
    expect(epochFromNumber(Number.NaN, 1)).toBeNaN();
    expect(epochFromNumber(1e13, 1000)).toBeNaN();
  });
});

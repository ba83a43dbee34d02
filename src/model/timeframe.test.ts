import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { TIMEFRAMES, bucketStart, isTimeframe, parseTimeframe, timeframeMs } from './timeframe.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

describe('timeframes', () => {
  it('recognises and parses the known timeframes only', () => {
    for (const timeframe of TIMEFRAMES) expect(parseTimeframe(timeframe)).toBe(timeframe);
    expect(isTimeframe('2h')).toBe(false);
    expect(() => parseTimeframe('2h')).toThrow(InvalidInputError);
    expect(() => parseTimeframe('2h')).toThrow(/^timeframe "2h" must be one of 1m, 5m/);
  });

  it('maps each timeframe to its duration in ms', () => {
    expect(TIMEFRAMES.map(timeframeMs)).toEqual([
      MINUTE,
      5 * MINUTE,
      15 * MINUTE,
      30 * MINUTE,
      60 * MINUTE,
      240 * MINUTE,
      DAY,
      7 * DAY,
    ]);
  });

  it('buckets intraday times to the start of their interval in UTC', () => {
    const ts = Date.UTC(2024, 4, 15, 13, 47, 31);
    expect(bucketStart(ts, '1m')).toBe(Date.UTC(2024, 4, 15, 13, 47));
    expect(bucketStart(ts, '15m')).toBe(Date.UTC(2024, 4, 15, 13, 45));
    expect(bucketStart(ts, '4h')).toBe(Date.UTC(2024, 4, 15, 12));
    expect(bucketStart(ts, '1d')).toBe(Date.UTC(2024, 4, 15));
  });

  it('starts weekly buckets on Monday 00:00 UTC', () => {
    const wednesday = Date.UTC(2024, 4, 15, 9);
    const monday = Date.UTC(2024, 4, 13);
    expect(new Date(monday).getUTCDay()).toBe(1);
    expect(bucketStart(wednesday, '1w')).toBe(monday);
    expect(bucketStart(monday, '1w')).toBe(monday);
    expect(bucketStart(monday - 1, '1w')).toBe(Date.UTC(2024, 4, 6));
    expect(bucketStart(0, '1w')).toBe(Date.UTC(1969, 11, 29));
  });
});

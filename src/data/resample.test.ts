import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '../core/errors.js';
import { bucketStart, type Timeframe } from '../model/timeframe.js';
import { BarSeries } from './bar-series.js';
import { bucketEnd, isLastBucketComplete, resample } from './resample.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 2); // a Tuesday, 00:00 UTC

/** Bar k: open 100+k, high 101+k+(k%3), low 99+k-(k%2), close 100.5+k, volume 10*(k+1). */
function minuteBars(times: readonly number[]): BarSeries {
  return BarSeries.fromBars(
    'TEST',
    '1m',
    times.map((tsEvent, k) => ({
      tsEvent,
      open: 100 + k,
      high: 101 + k + (k % 3),
      low: 99 + k - (k % 2),
      close: 100.5 + k,
      volume: 10 * (k + 1),
    })),
  );
}

function rows(series: BarSeries): number[][] {
  return Array.from({ length: series.length }, (_, i) => [
    series.ts[i] as number,
    series.open[i] as number,
    series.high[i] as number,
    series.low[i] as number,
    series.close[i] as number,
    series.volume[i] as number,
  ]);
}

describe('resample', () => {
  it('aggregates 1m bars into 5m buckets by hand-worked values', () => {
    const source = minuteBars([0, 1, 2, 3, 4, 5, 6].map((k) => T0 + k * MINUTE));
    const out = resample(source, '5m');
    expect(out.timeframe).toBe('5m');
    expect(out.symbol).toBe('TEST');
    // bucket 00:00 holds bars 0..4, highs: 101,103,105,104,106 ; lows: 99,99,101,101,103 ; closes: 100.5..104.5 ; volumes 10..50
    // bucket 00:05 holds bars 5,6: highs 108,107 ; lows 103,105 ; volumes 60,70
    expect(rows(out)).toEqual([
      [T0, 100, 106, 99, 104.5, 150],
      [T0 + 5 * MINUTE, 105, 108, 103, 106.5, 130],
    ]);
  });

  it('aggregates across hour boundaries into 1h buckets', () => {
    const source = minuteBars([58, 59, 60, 61, 62].map((k) => T0 + 9 * HOUR + k * MINUTE));
    const out = resample(source, '1h');
    // 09:58, 09:59 -> 09:00 bucket; 10:00, 10:01, 10:02 -> 10:00 bucket
    expect(rows(out)).toEqual([
      [T0 + 9 * HOUR, 100, 103, 99, 101.5, 30],
      [T0 + 10 * HOUR, 102, 106, 101, 104.5, 120],
    ]);
  });

  it('aggregates into daily buckets, keeping the partial last day unless asked to drop it', () => {
    const times = [T0 + 14 * HOUR, T0 + 20 * HOUR, T0 + DAY + 14 * HOUR, T0 + DAY + 15 * HOUR];
    const source = minuteBars(times);
    const out = resample(source, '1d');
    expect(rows(out)).toEqual([
      [T0, 100, 103, 99, 101.5, 30],
      [T0 + DAY, 102, 105, 101, 103.5, 70],
    ]);
    expect(isLastBucketComplete(source, '1d')).toBe(false);
    const dropped = resample(source, '1d', { dropPartial: true });
    expect(rows(dropped)).toEqual([[T0, 100, 103, 99, 101.5, 30]]);
    // Once the caller knows the day is over, the last bucket is complete and kept.
    const known = resample(source, '1d', { dropPartial: true, asOf: T0 + 2 * DAY });
    expect(known.length).toBe(2);
  });

  it('keeps a last bucket whose final source bar closes exactly at the bucket end', () => {
    const source = minuteBars(Array.from({ length: 10 }, (_, k) => T0 + k * MINUTE));
    expect(isLastBucketComplete(source, '5m')).toBe(true);
    expect(resample(source, '5m', { dropPartial: true }).length).toBe(2);
    const partial = source.slice(0, 9);
    expect(isLastBucketComplete(partial, '5m')).toBe(false);
    expect(resample(partial, '5m', { dropPartial: true }).length).toBe(1);
  });

  it('leaves empty buckets out instead of inventing bars', () => {
    const source = minuteBars([0, 1, 12, 13].map((k) => T0 + k * MINUTE));
    const out = resample(source, '5m');
    expect(Array.from(out.ts)).toEqual([T0, T0 + 10 * MINUTE]);
  });

  it('starts weekly buckets on Monday 00:00 UTC', () => {
    const days = [0, 1, 2, 3, 6, 7].map((d) => T0 + d * DAY); // Tue..Fri, Mon, Tue
    const daily = BarSeries.fromBars(
      'W',
      '1d',
      days.map((tsEvent, k) => ({ tsEvent, open: k + 1, high: k + 2, low: k, close: k + 1.5, volume: 1 })),
    );
    const out = resample(daily, '1w');
    expect(Array.from(out.ts)).toEqual([T0 - DAY, T0 + 6 * DAY]);
    expect(Array.from(out.volume)).toEqual([4, 2]);
    expect(Array.from(out.close)).toEqual([4.5, 6.5]);
  });

  it('refuses a target finer than the source with a message naming both', () => {
    const hourly = BarSeries.fromBars('H', '1h', [
      { tsEvent: T0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);
    expect(() => resample(hourly, '5m')).toThrow(InvalidInputError);
    expect(() => resample(hourly, '5m')).toThrow(
      'target timeframe "5m" must not be finer than the source timeframe "1h"',
    );
  });

  it('refuses source timestamps that do not increase', () => {
    const bad = minuteBars([T0 + MINUTE, T0]);
    expect(() => resample(bad, '5m')).toThrow(/must be greater than the previous ts/);
  });

  it('returns an empty series for an empty source', () => {
    const empty = BarSeries.allocate('E', '1m', 0);
    expect(resample(empty, '1h').length).toBe(0);
    expect(resample(empty, '1h', { dropPartial: true }).length).toBe(0);
    expect(isLastBucketComplete(empty, '1h')).toBe(true);
  });

  it('rejects a NaN asOf', () => {
    const source = minuteBars([T0]);
    expect(() => isLastBucketComplete(source, '5m', Number.NaN)).toThrow(InvalidInputError);
  });

  it('reports the exclusive end of a bucket', () => {
    expect(bucketEnd(T0 + 7 * MINUTE, '5m')).toBe(T0 + 10 * MINUTE);
    expect(bucketEnd(T0 + 3 * HOUR, '1d')).toBe(T0 + DAY);
  });

  it('matches a naive group-by on random minute data for every coarser timeframe', () => {
    const targets: Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'];
    const bar = fc.record({
      gap: fc.integer({ min: 1, max: 400 }),
      open: fc.double({ min: 1, max: 1000, noNaN: true }),
      up: fc.double({ min: 0, max: 50, noNaN: true }),
      down: fc.double({ min: 0, max: 50, noNaN: true }),
      close: fc.double({ min: 1, max: 1000, noNaN: true }),
      volume: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(bar, { minLength: 1, maxLength: 300 }),
        fc.constantFrom(...targets),
        (bars, target) => {
          let t = T0;
          const source = BarSeries.fromBars(
            'P',
            '1m',
            bars.map((b) => {
              t += b.gap * MINUTE;
              const high = Math.max(b.open, b.close) + b.up;
              const low = Math.min(b.open, b.close) - b.down;
              return { tsEvent: t, open: b.open, high, low, close: b.close, volume: b.volume };
            }),
          );
          const out = resample(source, target);
          const groups = new Map<number, number[]>();
          for (let i = 0; i < source.length; i++) {
            const key = bucketStart(source.ts[i] as number, target);
            const members = groups.get(key) ?? [];
            members.push(i);
            groups.set(key, members);
          }
          expect(out.length).toBe(groups.size);
          let m = 0;
          for (const [key, members] of groups) {
            expect(out.ts[m]).toBe(key);
            expect(out.open[m]).toBe(source.open[members[0] as number]);
            expect(out.close[m]).toBe(source.close[members[members.length - 1] as number]);
            let volume = 0;
            for (const i of members) {
              expect(out.high[m]).toBeGreaterThanOrEqual(source.high[i] as number);
              expect(out.low[m]).toBeLessThanOrEqual(source.low[i] as number);
              volume += source.volume[i] as number;
            }
            expect(members.some((i) => source.high[i] === out.high[m])).toBe(true);
            expect(members.some((i) => source.low[i] === out.low[m])).toBe(true);
            expect(out.volume[m]).toBe(volume);
            m++;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

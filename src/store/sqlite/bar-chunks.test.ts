import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../data/bar-series.js';
import {
  CHUNK_BARS,
  blobColumn,
  chunkStartOf,
  chunkWidthMs,
  columnBlob,
  copyBlobInto,
  mergeChunks,
} from './bar-chunks.js';

const WEEK = 7 * 86_400_000;

function columns(rows: readonly (readonly [number, number])[]): BarColumns {
  const ts = Float64Array.from(rows, ([t]) => t);
  const value = Float64Array.from(rows, ([, v]) => v);
  return {
    ts,
    open: value,
    high: value.map((v) => v + 1),
    low: value.map((v) => v - 1),
    close: value,
    volume: value,
  };
}

describe('chunk buckets', () => {
  it('spans as many weeks as the timeframe has minutes', () => {
    expect(chunkWidthMs('1m')).toBe(WEEK);
    expect(chunkWidthMs('1h')).toBe(60 * WEEK);
    expect(chunkWidthMs('1d') / 86_400_000).toBe(CHUNK_BARS);
  });

  it('starts buckets on Monday 00:00 UTC and puts each ts in the bucket that contains it', () => {
    const width = chunkWidthMs('1m');
    const monday = Date.UTC(2024, 0, 1); // a Monday
    expect(new Date(chunkStartOf(monday, width)).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(chunkStartOf(monday - 1, width)).toBe(monday - WEEK);
    expect(chunkStartOf(monday + WEEK - 1, width)).toBe(monday);
    fc.assert(
      fc.property(
        fc.integer({ min: -2e12, max: 4e12 }),
        fc.constantFrom(WEEK, 60 * WEEK, 1440 * WEEK),
        (ts, w) => {
          const start = chunkStartOf(ts, w);
          expect(start <= ts && ts < start + w).toBe(true);
          expect(new Date(start).getUTCDay()).toBe(1);
        },
      ),
    );
  });
});

describe('blob conversion', () => {
  it('round-trips a column byte for byte, NaN payloads included', () => {
    const column = new Float64Array([1.5, -0, Number.NaN, Infinity, 1e-310]);
    const bytes = new Uint8Array(column.buffer);
    bytes[8 * 2] = 0x77; // a non-canonical NaN payload
    const back = blobColumn(columnBlob(column));
    expect(
      Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(column.buffer)),
    ).toBe(true);
  });

  it('copies an unaligned blob instead of viewing it', () => {
    const source = new Float64Array([3.25, 4.5]);
    const unaligned = new Uint8Array(17);
    unaligned.set(new Uint8Array(source.buffer), 1);
    const column = blobColumn(unaligned.subarray(1));
    expect(Array.from(column)).toEqual([3.25, 4.5]);
    expect(column.byteOffset % 8).toBe(0);
  });

  it('refuses a blob whose length is not a whole number of float64', () => {
    expect(() => blobColumn(new Uint8Array(12))).toThrow(/12 bytes, not a multiple of 8/);
  });

  it('copies a range of a blob into a column at an offset', () => {
    const blob = columnBlob(new Float64Array([10, 11, 12, 13]));
    const target = new Float64Array(5);
    copyBlobInto(blob, 1, 3, target, 2);
    expect(Array.from(target)).toEqual([0, 0, 11, 12, 0]);
    expect(() => copyBlobInto(blob, 2, 5, target, 0)).toThrow(/out of bounds/);
  });
});

describe('mergeChunks', () => {
  it('interleaves by ts and lets incoming values win on equal ts', () => {
    const merged = mergeChunks(
      columns([
        [1, 10],
        [3, 30],
        [5, 50],
      ]),
      columns([
        [2, 200],
        [3, 300],
        [6, 600],
      ]),
    );
    expect(Array.from(merged.ts)).toEqual([1, 2, 3, 5, 6]);
    expect(Array.from(merged.open)).toEqual([10, 200, 300, 50, 600]);
    expect(Array.from(merged.high)).toEqual([11, 201, 301, 51, 601]);
  });

  it('equals a keyed-map model for any two sorted chunks', () => {
    const chunk = fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 })
      .map((keys) => keys.sort((a, b) => a - b))
      .chain((keys) =>
        fc.tuple(
          fc.constant(keys),
          fc.array(fc.double({ noNaN: true }), { minLength: keys.length, maxLength: keys.length }),
        ),
      );
    fc.assert(
      fc.property(chunk, chunk, ([aKeys, aValues], [bKeys, bValues]) => {
        const model = new Map<number, number>();
        aKeys.forEach((k, i) => model.set(k, aValues[i] as number));
        bKeys.forEach((k, i) => model.set(k, bValues[i] as number));
        const expected = [...model.entries()].sort(([x], [y]) => x - y);
        const merged = mergeChunks(
          columns(aKeys.map((k, i) => [k, aValues[i] as number])),
          columns(bKeys.map((k, i) => [k, bValues[i] as number])),
        );
        expect(Array.from(merged.ts)).toEqual(expected.map(([k]) => k));
        expect(Array.from(merged.close)).toEqual(expected.map(([, v]) => v));
      }),
    );
  });
});

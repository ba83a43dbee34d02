import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '../core/errors.js';
import { BarSeries } from './bar-series.js';
import { alignSeries, asOfIndices } from './align.js';

/** A daily-style series whose bar at ts t has close = t + 0.5, open = t, high = t + 1, low = t - 1, volume = 10t. */
function series(symbol: string, times: readonly number[]): BarSeries {
  return BarSeries.fromBars(
    symbol,
    '1d',
    times.map((t) => ({ tsEvent: t, open: t, high: t + 1, low: t - 1, close: t + 0.5, volume: 10 * t })),
  );
}

describe('alignSeries', () => {
  it('builds the union index, forward-fills from the past and leaves NaN before the first bar', () => {
    const a = series('A', [1, 2, 4]);
    const b = series('B', [2, 3, 5]);
    const out = alignSeries([a, b]);
    expect(out.symbols).toEqual(['A', 'B']);
    expect(Array.from(out.ts)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(out.close[0] as Float64Array)).toEqual([1.5, 2.5, 2.5, 4.5, 4.5]);
    expect(Array.from(out.close[1] as Float64Array)).toEqual([NaN, 2.5, 3.5, 3.5, 5.5]);
    expect(Array.from(out.present[0] as Uint8Array)).toEqual([1, 1, 0, 1, 0]);
    expect(Array.from(out.present[1] as Uint8Array)).toEqual([0, 1, 1, 0, 1]);
    // A filled row is a flat bar at the last close with no volume.
    expect(out.open[0]?.[2]).toBe(2.5);
    expect(out.high[0]?.[2]).toBe(2.5);
    expect(out.low[0]?.[2]).toBe(2.5);
    expect(out.volume[0]?.[2]).toBe(0);
    // A real row carries the real bar.
    expect([out.open[1]?.[2], out.high[1]?.[2], out.low[1]?.[2], out.volume[1]?.[2]]).toEqual([3, 4, 2, 30]);
    expect(out.volume[1]?.[0]).toBeNaN();
    expect(out.open[1]?.[0]).toBeNaN();
  });

  it('keeps only the timestamps every symbol has with the intersection index', () => {
    const out = alignSeries([series('A', [1, 2, 4, 5]), series('B', [2, 3, 5]), series('C', [0, 2, 5, 9])], {
      index: 'intersection',
    });
    expect(Array.from(out.ts)).toEqual([2, 5]);
    for (const present of out.present) expect(Array.from(present)).toEqual([1, 1]);
    expect(Array.from(out.close[2] as Float64Array)).toEqual([2.5, 5.5]);
  });

  it('leaves missing rows empty with fill "none"', () => {
    const out = alignSeries([series('A', [1, 3]), series('B', [2, 3])], { fill: 'none' });
    expect(Array.from(out.close[0] as Float64Array)).toEqual([1.5, NaN, 3.5]);
    expect(Array.from(out.volume[0] as Float64Array)).toEqual([10, NaN, 30]);
  });

  it('samples as of an explicit index, marking only exact matches present', () => {
    const out = alignSeries([series('A', [10, 20, 30])], {
      index: new Float64Array([5, 10, 15, 25, 30, 99]),
    });
    expect(Array.from(out.close[0] as Float64Array)).toEqual([NaN, 10.5, 10.5, 20.5, 30.5, 30.5]);
    expect(Array.from(out.present[0] as Uint8Array)).toEqual([0, 1, 0, 0, 1, 0]);
  });

  it('copies an explicit index rather than aliasing it', () => {
    const index = new Float64Array([1, 2]);
    const out = alignSeries([series('A', [1])], { index });
    index[0] = 7;
    expect(out.ts[0]).toBe(1);
  });

  it('returns an empty result for no series', () => {
    expect(alignSeries([]).ts.length).toBe(0);
    expect(alignSeries([], { index: 'intersection' }).ts.length).toBe(0);
  });

  it('refuses duplicate symbols, unsorted input, an unknown fill or index', () => {
    expect(() => alignSeries([series('A', [1]), series('A', [2])])).toThrow('symbol "A" appears twice');
    expect(() => alignSeries([series('A', [2, 1])])).toThrow(InvalidInputError);
    expect(() => alignSeries([series('A', [1])], { index: new Float64Array([3, 3]) })).toThrow(
      /index: ts "3" at row 1/,
    );
    expect(() => alignSeries([series('A', [1])], { index: new Float64Array([Number.NaN]) })).toThrow(
      InvalidInputError,
    );
    expect(() => alignSeries([series('A', [1])], { fill: 'backward' as never })).toThrow(
      'fill "backward" must be one of forward, none',
    );
    expect(() => alignSeries([series('A', [1])], { index: 'outer' as never })).toThrow(
      /index "outer" must be/,
    );
    expect(() => alignSeries([series('A', [1])], { index: [1, 2] as never })).toThrow(
      /index \[1,2\] must be/,
    );
  });

  it('never takes a value from the future: each value is the close of the last bar at or before the row', () => {
    const timeSet = fc
      .uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 })
      .map((xs) => xs.sort((x, y) => x - y));
    fc.assert(
      fc.property(
        fc.array(timeSet, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('union', 'intersection'),
        (sets, index) => {
          const input = sets.map((times, s) => series(`S${s}`, times));
          const out = alignSeries(input, { index });
          for (let i = 0; i < out.ts.length; i++) {
            const t = out.ts[i] as number;
            input.forEach((source, s) => {
              const known = Array.from(source.ts).filter((x) => x <= t);
              const value = out.close[s]?.[i] as number;
              if (known.length === 0) expect(value).toBeNaN();
              else expect(value).toBe((known[known.length - 1] as number) + 0.5);
              expect(out.present[s]?.[i]).toBe(Array.from(source.ts).includes(t) ? 1 : 0);
            });
          }
          const all = new Set(sets.flat());
          const expected = [...all]
            .filter((t) => index === 'union' || sets.every((times) => times.includes(t)))
            .sort((x, y) => x - y);
          expect(Array.from(out.ts)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('asOfIndices', () => {
  it('maps each target time to the last source index at or before it', () => {
    const source = new Float64Array([10, 20, 30]);
    const target = new Float64Array([0, 10, 19, 20, 31]);
    expect(Array.from(asOfIndices(source, target))).toEqual([-1, 0, 0, 1, 2]);
    expect(Array.from(asOfIndices(new Float64Array(0), target))).toEqual([-1, -1, -1, -1, -1]);
  });
});

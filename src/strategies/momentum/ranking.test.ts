import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTop } from './ranking.js';

function run(values: number[], eligible: number[], count: number, direction: 1 | -1): number[] {
  const out = new Int32Array(values.length);
  const selected = selectTop(
    Float64Array.from(values),
    Uint8Array.from(eligible),
    count,
    direction,
    out,
    new Uint8Array(values.length),
  );
  return Array.from(out.subarray(0, selected));
}

describe('selectTop', () => {
  it('picks the largest eligible values in rank order, skipping ineligible and NaN ones', () => {
    // values: 0.1 0.5 NaN 0.3 0.9 0.7; index 4 (0.9) ineligible → 0.7 (5), 0.5 (1), 0.3 (3)
    expect(run([0.1, 0.5, Number.NaN, 0.3, 0.9, 0.7], [1, 1, 1, 1, 0, 1], 3, 1)).toEqual([5, 1, 3]);
  });

  it('picks the smallest for the short side', () => {
    expect(run([0.1, -0.5, 0.2, -0.3], [1, 1, 1, 1], 2, -1)).toEqual([1, 3]);
  });

  it('breaks ties by the lower index and returns fewer when fewer are eligible', () => {
    expect(run([1, 2, 2, 1], [1, 1, 1, 1], 3, 1)).toEqual([1, 2, 0]);
    expect(run([1, 2, 3], [0, 1, 0], 2, 1)).toEqual([1]);
  });

  it('agrees with a full sort of the eligible entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.boolean()), { maxLength: 30 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, count) => {
          const reference = rows
            .map(([value, ok], index) => ({ value, ok, index }))
            .filter((r) => r.ok)
            .sort((a, b) => b.value - a.value || a.index - b.index)
            .slice(0, count)
            .map((r) => r.index);
          const values = rows.map(([v]) => v);
          const eligible = rows.map(([, ok]) => (ok ? 1 : 0));
          expect(run(values, eligible, count, 1)).toEqual(reference);
        },
      ),
    );
  });
});

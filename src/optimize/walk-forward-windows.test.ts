import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stitchReturns, walkForwardWindows } from './walk-forward-windows.js';

const DAY = 86_400_000;
const days = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i + 1) * DAY);

describe('walkForwardWindows', () => {
  it('rolls a fixed training window forward by the test length', () => {
    // 10 bars, train 4, test 2: tests [4,6), [6,8), [8,10); trains [0,4), [2,6), [4,8).
    const folds = walkForwardWindows(days(10), { train: 4, test: 2, warmupBars: 3 });
    expect(folds.map((f) => [f.trainStart, f.trainEnd, f.testStart, f.testEnd])).toEqual([
      [0, 4, 4, 6],
      [2, 6, 6, 8],
      [4, 8, 8, 10],
    ]);
    expect(folds[0]!.train).toEqual({ from: 1 * DAY, to: 5 * DAY });
    expect(folds[0]!.test).toEqual({ from: 5 * DAY, to: 7 * DAY });
    expect(folds[2]!.test).toEqual({ from: 9 * DAY }); // runs to the end
    expect(folds.map((f) => [f.warmupBars, f.trainWarmupBars])).toEqual([
      [3, 0],
      [3, 2],
      [3, 3],
    ]);
  });

  it('anchors training at the first bar and keeps a partial last fold unless told not to', () => {
    // 11 bars, train 4, test 3: tests [4,7), [7,10), [10,11) (partial); anchored trains [0,4), [0,7), [0,10).
    const folds = walkForwardWindows(days(11), { train: 4, test: 3, mode: 'anchored' });
    expect(folds.map((f) => [f.trainStart, f.trainEnd, f.testStart, f.testEnd])).toEqual([
      [0, 4, 4, 7],
      [0, 7, 7, 10],
      [0, 10, 10, 11],
    ]);
    expect(walkForwardWindows(days(11), { train: 4, test: 3, partialLastFold: false })).toHaveLength(2);
  });

  it('tests every bar after the first training window exactly once (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        (train, test, extra) => {
          const bars = train + test + extra;
          const folds = walkForwardWindows(days(bars), { train, test });
          let next = train;
          for (const fold of folds) {
            if (
              fold.testStart !== next ||
              fold.trainEnd !== fold.testStart ||
              fold.trainEnd - fold.trainStart !== train
            )
              return false;
            next = fold.testEnd;
          }
          return next === bars;
        },
      ),
    );
  });

  it('rejects bad sizes, too little data and unordered timestamps', () => {
    expect(() => walkForwardWindows(days(10), { train: 0, test: 2 })).toThrow(
      /train bars "0" must be an integer >= 1/,
    );
    expect(() => walkForwardWindows(days(10), { train: 4, test: 1.5 })).toThrow(/test bars "1.5"/);
    expect(() => walkForwardWindows(days(10), { train: 4, test: 2, warmupBars: -1 })).toThrow(
      /warm-up bars "-1"/,
    );
    expect(() => walkForwardWindows(days(5), { train: 4, test: 2 })).toThrow(
      /at least train \+ test = 6 bars, got "5"/,
    );
    expect(() => walkForwardWindows(Float64Array.from([1, 3, 3, 4]), { train: 2, test: 1 })).toThrow(
      /bar 2 "3" follows "3"/,
    );
    expect(() => walkForwardWindows(days(10), { train: 4, test: 2, mode: 'expanding' as never })).toThrow(
      /mode "expanding" must be rolling or anchored/,
    );
  });
});

describe('stitchReturns', () => {
  it('concatenates folds in time order and compounds the equity from 1', () => {
    // Given out of order. Returns 0.1, −0.5 then 0.2: equity 1.1, 0.55, 0.66.
    const stitched = stitchReturns([
      { returns: Float64Array.from([0.2]), returnTs: Float64Array.from([30]) },
      { returns: new Float64Array(0), returnTs: new Float64Array(0) },
      { returns: Float64Array.from([0.1, -0.5]), returnTs: Float64Array.from([10, 20]) },
    ]);
    expect(Array.from(stitched.returns)).toEqual([0.1, -0.5, 0.2]);
    expect(Array.from(stitched.returnTs)).toEqual([10, 20, 30]);
    expect(stitched.equity[0]).toBeCloseTo(1.1, 14);
    expect(stitched.equity[1]).toBeCloseTo(0.55, 14);
    expect(stitched.equity[2]).toBeCloseTo(0.66, 14);
  });

  it('rejects overlapping folds and mismatched lengths', () => {
    expect(() =>
      stitchReturns([
        { returns: Float64Array.from([0.1, 0.1]), returnTs: Float64Array.from([10, 20]) },
        { returns: Float64Array.from([0.1]), returnTs: Float64Array.from([15]) },
      ]),
    ).toThrow(/overlap or are unordered at "15" \(after "20"\)/);
    expect(() =>
      stitchReturns([{ returns: Float64Array.from([0.1]), returnTs: new Float64Array(0) }]),
    ).toThrow(/fold 0 has 1 returns but 0 timestamps/);
  });
});

import fc from 'fast-check';
import { expect } from 'vitest';
import { buildBars, randomBars } from './random-bars.fixture.js';

/**
 * Test support for the single-series indicator tests (moving averages, RSI, MACD, Bollinger, rolling statistics):
 * random series with flat, trending and jumping segments, optionally with NaN gaps, long deterministic series that
 * cross the running sums' recomputation points, and comparison helpers.
 */

/** Closing prices of random bars (flat stretches, trends, jumps, walks; up to ~400 values). */
export const randomSeries: fc.Arbitrary<Float64Array> = randomBars.map((bars) => bars.close);

/** Random series where some values are NaN (missing data), to exercise NaN propagation and recovery. */
export const randomSeriesWithGaps: fc.Arbitrary<Float64Array> = fc
  .tuple(randomSeries, fc.array(fc.nat(), { maxLength: 4 }))
  .map(([values, holes]) => {
    const copy = Float64Array.from(values);
    for (const hole of holes) copy[hole % copy.length] = Number.NaN;
    return copy;
  });

/** A deterministic series of `length` closes (seeded), long enough to cross the recomputation points. */
export function longSeries(length: number, seed = 7): Float64Array {
  const segments = [];
  const kinds = ['walk', 'flat', 'up', 'walk', 'jump', 'down', 'walk'] as const;
  for (let total = 0, k = 0; total < length; k++) {
    const size = Math.min(length - total, 25 + ((k * 37) % 90));
    segments.push({ kind: kinds[k % kinds.length]!, length: size });
    total += size;
  }
  return buildBars(seed, segments).close;
}

/** Feeds every value to a stream's update and collects what it returns. */
export function streamAll<T>(update: (value: number) => T, values: Float64Array): T[] {
  const result: T[] = [];
  for (const value of values) result.push(update(value));
  return result;
}

/** A shorter output (technicalindicators drops the warm-up) padded with NaN at the front to `length`. */
export function alignEnd(values: readonly number[], length: number): Float64Array {
  const result = new Float64Array(length).fill(Number.NaN);
  result.set(values, length - values.length);
  return result;
}

/**
 * Asserts |actual - expected| <= tolerance * max(|expected|, floor) at every index from `from` on where `expected`
 * is a number, and that `actual` is NaN exactly where `expected` is.
 */
export function expectSeriesClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  { from = 0, floor = 1e-300, label = '' }: { from?: number; floor?: number; label?: string } = {},
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = from; i < expected.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) expect.fail(`${label}[${i}]: got ${a}, expected ${b}`);
      continue;
    }
    if (!(Math.abs(a - b) <= tolerance * Math.max(Math.abs(b), floor))) {
      expect.fail(`${label}[${i}]: got ${a}, expected ${b} (relative tolerance ${tolerance})`);
    }
  }
}

/** Indices where a column is NaN. */
export function nanIndices(values: ArrayLike<number>): number[] {
  const result: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) result.push(i);
  return result;
}

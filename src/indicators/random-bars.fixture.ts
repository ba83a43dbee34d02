import fc from 'fast-check';
import { expect } from 'vitest';
import type { BarLike } from './indicator-support.js';

/** Test support for the indicator tests: random OHLCV series and stream-versus-batch comparison. */

export interface RandomBars {
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

const SEGMENT_KINDS = ['walk', 'flat', 'up', 'down', 'jump'] as const;
type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface Segment {
  readonly kind: SegmentKind;
  readonly length: number;
}

/** mulberry32: a tiny deterministic PRNG (tests only). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds bars from segments: random walks, perfectly flat stretches (open = high = low = close), steady trends
 * and jumps; volumes are integers with some zeros; timestamps are hourly so that they cross UTC day boundaries.
 */
export function buildBars(seed: number, segments: readonly Segment[]): RandomBars {
  const random = prng(seed);
  const n = segments.reduce((total, segment) => total + segment.length, 0);
  const bars: RandomBars = {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let price = 50 + 100 * random();
  let i = 0;
  const start = Date.UTC(2024, 0, 1, Math.floor(random() * 24));
  for (const segment of segments) {
    for (let j = 0; j < segment.length; j++, i++) {
      const open = price;
      let close = price;
      let spread = 0;
      switch (segment.kind) {
        case 'walk':
          close = price * Math.exp(0.03 * (random() - 0.5));
          spread = price * 0.01 * random();
          break;
        case 'flat':
          break;
        case 'up':
          close = price + 0.5;
          spread = 0.25;
          break;
        case 'down':
          close = Math.max(1, price - 0.5);
          spread = 0.25;
          break;
        case 'jump':
          close = price * (random() < 0.5 ? 0.8 : 1.25);
          spread = price * 0.02 * random();
          break;
      }
      bars.ts[i] = start + i * 3_600_000;
      bars.open[i] = open;
      bars.close[i] = close;
      bars.high[i] = Math.max(open, close) + spread * random();
      bars.low[i] = Math.min(open, close) - spread * random();
      bars.volume[i] = segment.kind === 'flat' || random() < 0.05 ? 0 : Math.floor(1 + 1_000_000 * random());
      price = close;
    }
  }
  return bars;
}

/** fast-check arbitrary of random OHLCV series with flat and trending segments (up to ~300 bars). */
export const randomBars: fc.Arbitrary<RandomBars> = fc
  .record({
    seed: fc.integer(),
    segments: fc.array(
      fc.record({ kind: fc.constantFrom(...SEGMENT_KINDS), length: fc.integer({ min: 1, max: 40 }) }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ seed, segments }) => buildBars(seed, segments));

/** The bars as the objects a stream reads (tsEvent from ts). */
export function barObjects(bars: RandomBars): BarLike[] {
  const result: BarLike[] = [];
  for (let i = 0; i < bars.close.length; i++) {
    result.push({
      open: bars.open[i]!,
      high: bars.high[i]!,
      low: bars.low[i]!,
      close: bars.close[i]!,
      volume: bars.volume[i]!,
      tsEvent: bars.ts[i]!,
    });
  }
  return result;
}

/**
 * Asserts that a stream's outputs equal a batch column exactly: null (warm-up) where the batch has NaN, the
 * same number (NaN included, Object.is semantics except +-0) elsewhere.
 */
export function expectSameSeries(
  streamed: readonly (number | null)[],
  batch: Float64Array,
  label = '',
): void {
  expect(streamed.length).toBe(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const expected = batch[i]!;
    const actual = streamed[i];
    if (actual === null || actual === undefined) {
      if (!Number.isNaN(expected)) expect.fail(`${label}[${i}]: stream warming up, batch ${expected}`);
    } else if (!(actual === expected || (Number.isNaN(actual) && Number.isNaN(expected)))) {
      expect.fail(`${label}[${i}]: stream ${actual}, batch ${expected}`);
    }
  }
}

/** Largest relative difference |a - b| / max(|b|, floor) over indices where b is a number. */
export function maxRelativeDifference(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  floor = 1,
): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const b = expected[i]!;
    if (Number.isNaN(b)) continue;
    const difference = Math.abs(actual[i]! - b) / Math.max(Math.abs(b), floor);
    if (!(difference <= worst)) worst = difference;
  }
  return worst;
}

/**
 * Asserts a value against a published reference quoted as text (TA-Lib's regression tables print truncated or
 * rounded decimals): within one unit of the last printed decimal, or within `tolerance` when given (TA-Lib's
 * own harness accepts 0.01).
 */
export function expectPublished(actual: number | undefined, published: string, tolerance?: number): void {
  const decimals = published.includes('.') ? published.length - published.indexOf('.') - 1 : 0;
  const bound = tolerance ?? 10 ** -decimals;
  const difference = Math.abs((actual ?? Number.NaN) - Number(published));
  if (!(difference <= bound)) expect.fail(`expected ${actual} within ${bound} of the published ${published}`);
}

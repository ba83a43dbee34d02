import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex } from './near-duplicate-index.js';
import { hammingDistance } from './simhash.js';

interface Entry {
  readonly high: number;
  readonly low: number;
  readonly time: number;
}

/** Flips the given bit positions (0-63) of a SimHash. */
function flip(entry: Entry, bits: readonly number[], time: number): Entry {
  let { high, low } = entry;
  for (const bit of bits) {
    if (bit < 32) low = (low ^ (1 << bit)) >>> 0;
    else high = (high ^ (1 << (bit - 32))) >>> 0;
  }
  return { high, low, time };
}

/** Entries near a few seeds (so every layout meets real neighbours), plus unrelated ones. */
const entries = fc
  .tuple(
    fc.array(fc.record({ high: fc.nat({ max: 0xffffffff }), low: fc.nat({ max: 0xffffffff }) }), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.array(
      fc.tuple(fc.nat(), fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 14 }), fc.nat(100)),
      { maxLength: 60 },
    ),
  )
  .map(([seeds, variants]) => [
    ...seeds.map((seed, i) => ({ ...seed, time: i })),
    ...variants.map(([which, bits, time]) =>
      flip({ ...seeds[which % seeds.length], time: 0 } as Entry, bits, time),
    ),
  ]);

function bruteForce(stored: readonly Entry[], query: Entry, k: number, from: number, to: number): number[] {
  return stored
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.time >= from && entry.time <= to)
    .filter(({ entry }) => hammingDistance(query.high, query.low, entry.high, entry.low) <= k)
    .map(({ index }) => index);
}

function searchAll(index: NearDuplicateIndex, query: Entry, from: number, to: number): number[] {
  const count = index.search(query.high, query.low, from, to);
  return Array.from({ length: count }, (_, k) => index.candidate(k));
}

describe('NearDuplicateIndex', () => {
  for (const k of [0, 3, 5, 7, 9, 11]) {
    it(`finds exactly the entries within ${k} bits and the time range, each once`, () => {
      fc.assert(
        fc.property(entries, fc.nat(63), fc.nat(100), fc.nat(100), (stored, which, a, b) => {
          const index = new NearDuplicateIndex(k, 4);
          for (const entry of stored) index.add(entry.high, entry.low, entry.time);
          const query = stored[which % stored.length] as Entry;
          const [from, to] = [Math.min(a, b), Math.max(a, b)];
          const found = searchAll(index, query, from, to);
          expect([...found].sort((x, y) => x - y)).toEqual(bruteForce(stored, query, k, from, to));
          found.forEach((entry, position) => {
            expect(index.candidateDistance(position)).toBe(
              hammingDistance(query.high, query.low, stored[entry]?.high ?? 0, stored[entry]?.low ?? 0),
            );
          });
        }),
        { numRuns: 150 },
      );
    });
  }

  it('stops early on time-ordered entries without losing any in range', () => {
    const base = { high: 0x12345678, low: 0x9abcdef0, time: 0 };
    const index = new NearDuplicateIndex(7);
    const stored = Array.from({ length: 3000 }, (_, t) => flip(base, t % 3 === 0 ? [] : [t % 64], t));
    for (const entry of stored) index.add(entry.high, entry.low, entry.time);
    expect(index.size).toBe(3000);
    expect(searchAll(index, base, 2500, 2600).sort((x, y) => x - y)).toEqual(
      bruteForce(stored, base, 7, 2500, 2600),
    );
    expect(index.publishedAt(2999)).toBe(2999);
    expect(index.distanceTo(1, base.high, base.low)).toBe(1);
  });

  it('refuses a distance it cannot search', () => {
    expect(() => new NearDuplicateIndex(12)).toThrow('maxDistance "12" must be an integer in [0, 11]');
    expect(() => new NearDuplicateIndex(-1)).toThrow('maxDistance "-1"');
    expect(() => new NearDuplicateIndex(2.5)).toThrow('maxDistance "2.5"');
  });
});

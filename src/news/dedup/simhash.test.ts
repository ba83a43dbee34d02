import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a64.js';
import { hammingDistance, popcount32, simHashToHex, titleFingerprint, wordSimilarity } from './simhash.js';

function wordHash(word: string): [number, number] {
  const out = new Uint32Array(2);
  fnv1a64(word, out);
  return [out[0] as number, out[1] as number];
}

/** Independent SimHash: BigInt word hashes, a vote per bit over the distinct words given. */
function referenceSimHash(words: readonly string[]): string {
  const hashes = [...new Set(words)].map((word) => {
    const [high, low] = wordHash(word);
    return (BigInt(high) << 32n) | BigInt(low);
  });
  let result = 0n;
  for (let bit = 0n; bit < 64n; bit++) {
    const ones = hashes.filter((hash) => ((hash >> bit) & 1n) === 1n).length;
    if (ones > hashes.length - ones) result |= 1n << bit;
  }
  return result.toString(16).padStart(16, '0');
}

describe('titleFingerprint', () => {
  it('of one word is that word’s FNV-1a 64 hash, and of two words the AND of their hashes (ties vote 0)', () => {
    const [appleHigh, appleLow] = wordHash('apple');
    const one = titleFingerprint('apple');
    expect([one.high, one.low]).toEqual([appleHigh, appleLow]);
    const [beatsHigh, beatsLow] = wordHash('beats');
    const two = titleFingerprint('apple beats');
    expect([two.high, two.low]).toEqual([(appleHigh & beatsHigh) >>> 0, (appleLow & beatsLow) >>> 0]);
  });

  it('agrees with an independent bit-vote implementation over the distinct words', () => {
    // A trailing digit keeps generated words off the function-word list.
    const word = fc.stringMatching(/^[a-z]{1,7}[0-9]$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), (words) => {
        const fingerprint = titleFingerprint(words.join(' '));
        expect(simHashToHex(fingerprint.high, fingerprint.low)).toBe(referenceSimHash(words));
      }),
      { numRuns: 300 },
    );
  });

  it('ignores function words, repeats and word order; lists the distinct word hashes in ascending order', () => {
    const a = titleFingerprint('apple beats the estimates as apple shares rise');
    const b = titleFingerprint('shares rise apple beats estimates');
    expect([a.high, a.low]).toEqual([b.high, b.low]);
    expect(a.words).toEqual(b.words);
    expect(Array.from(a.words)).toEqual(
      ['apple', 'beats', 'estimates', 'shares', 'rise'].map((w) => wordHash(w)[1]).sort((x, y) => x - y),
    );
  });

  it('gives an empty title SimHash 0 and no words; handles titles longer than its scratch space', () => {
    expect(titleFingerprint('')).toEqual({ high: 0, low: 0, words: new Uint32Array(0) });
    expect(titleFingerprint('the of a').words).toHaveLength(0);
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    expect(titleFingerprint(long).words).toHaveLength(300);
  });
});

describe('wordSimilarity', () => {
  it('is the Jaccard similarity of the word sets', () => {
    const words = (title: string): Uint32Array => titleFingerprint(title).words;
    expect(wordSimilarity(words('apple beats sales estimates'), words('apple beats sales estimates'))).toBe(
      1,
    );
    // One replaced word among four: 3 shared of 5 distinct.
    expect(wordSimilarity(words('apple beats sales estimates'), words('apple misses sales estimates'))).toBe(
      0.6,
    );
    expect(wordSimilarity(words('apple beats'), words('tesla recalls'))).toBe(0);
    expect(wordSimilarity(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });
});

describe('hammingDistance and popcount32', () => {
  it('count differing and set bits like a bit-by-bit loop', () => {
    const naive = (value: number): number => {
      let bits = 0;
      for (let bit = 0; bit < 32; bit++) bits += (value >>> bit) & 1;
      return bits;
    };
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.integer(), fc.integer(), (a, b, c, d) => {
        expect(popcount32(a)).toBe(naive(a));
        expect(hammingDistance(a, b, c, d)).toBe(naive(a ^ c) + naive(b ^ d));
      }),
    );
    expect(popcount32(0xffffffff)).toBe(32);
    expect(hammingDistance(0, 0, 0xffffffff, 0xffffffff)).toBe(64);
  });

  it('formats a SimHash as 16 hex digits, high half first', () => {
    expect(simHashToHex(0x1, 0xabcdef01)).toBe('00000001abcdef01');
  });
});

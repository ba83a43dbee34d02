import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64, fnv1a64Hex, hex32 } from './fnv1a64.js';

/** Independent reference: FNV-1a 64 with BigInt over TextEncoder's UTF-8 (lone surrogates become U+FFFD). */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('reproduces the published FNV-1a 64 test vectors', () => {
    // From the FNV reference test suite (Fowler/Noll/Vo, "test_fnv.c": fnv1a_64 of "", "a", "foobar").
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });

  it('equals a BigInt implementation over UTF-8 for any string, astral characters and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(fnv1a64Hex(text)).toBe(reference(text));
      }),
      { numRuns: 300 },
    );
    expect(fnv1a64Hex('emoji 😀 \ud800 é 日本')).toBe(reference('emoji 😀 \ud800 é 日本'));
  });

  it('hashes a range of a string exactly as the slice on its own', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (text.length - start + 1));
        const out = new Uint32Array(2);
        fnv1a64(text, out, start, end);
        expect(hex32(out[0] as number) + hex32(out[1] as number)).toBe(reference(text.slice(start, end)));
      }),
    );
  });

  it('writes hex32 with leading zeros', () => {
    expect(hex32(0)).toBe('00000000');
    expect(hex32(0xabc)).toBe('00000abc');
    expect(hex32(-1)).toBe('ffffffff');
  });
});

/**
 * FNV-1a 64-bit (Fowler, Noll, Vo; offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3) over the UTF-8 bytes
 * of a string range, computed in four 16-bit limbs so that no BigInt is allocated: SimHash hashes every title
 * shingle, about two million per 100,000 titles. Each limb product stays below 2^26, so plain doubles hold
 * it exactly.
 *
 * The result is written into `out` as two unsigned 32-bit halves (`out[0]` high, `out[1]` low) instead of
 * being returned as an object, again to allocate nothing per shingle.
 */

const PRIME_LOW = 0x1b3;
/** The UTF-8 bytes of the character being hashed (module scratch: hashing is synchronous). */
const utf8 = new Uint8Array(4);

/** Hashes the UTF-8 encoding of `text.slice(start, end)`; a lone surrogate is encoded as U+FFFD. */
export function fnv1a64(text: string, out: Uint32Array, start = 0, end = text.length): void {
  // Offset basis 0xcbf29ce484222325 as limbs, least significant first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    let count = 1;
    if (code < 0x80) {
      utf8[0] = code;
    } else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
        }
      }
      count = encodeUtf8(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code);
    }
    for (let k = 0; k < count; k++) {
      h0 ^= utf8[k] as number;
      // (h3 h2 h1 h0) * (2^40 + 0x1b3) mod 2^64: the 2^40 term adds h0 and h1 shifted up by 2.5 limbs.
      const t0 = h0 * PRIME_LOW;
      const t1 = h1 * PRIME_LOW + (t0 >>> 16);
      const t2 = h2 * PRIME_LOW + (h0 << 8) + (t1 >>> 16);
      const t3 = h3 * PRIME_LOW + (h1 << 8) + (t2 >>> 16);
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
  }
  out[0] = ((h3 << 16) | h2) >>> 0;
  out[1] = ((h1 << 16) | h0) >>> 0;
}

/** Writes the UTF-8 bytes of a non-ASCII code point into `utf8`; returns how many there are. */
function encodeUtf8(code: number): number {
  if (code < 0x800) {
    utf8[0] = 0xc0 | (code >>> 6);
    utf8[1] = 0x80 | (code & 0x3f);
    return 2;
  }
  if (code < 0x10000) {
    utf8[0] = 0xe0 | (code >>> 12);
    utf8[1] = 0x80 | ((code >>> 6) & 0x3f);
    utf8[2] = 0x80 | (code & 0x3f);
    return 3;
  }
  utf8[0] = 0xf0 | (code >>> 18);
  utf8[1] = 0x80 | ((code >>> 12) & 0x3f);
  utf8[2] = 0x80 | ((code >>> 6) & 0x3f);
  utf8[3] = 0x80 | (code & 0x3f);
  return 4;
}

/** The hash as 16 lower-case hex digits (for tests and for display). */
export function fnv1a64Hex(text: string): string {
  const out = new Uint32Array(2);
  fnv1a64(text, out);
  return hex32(out[0] as number) + hex32(out[1] as number);
}

/** An unsigned 32-bit integer as 8 hex digits. */
export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

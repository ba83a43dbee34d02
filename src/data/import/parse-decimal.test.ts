import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingMarker, parseDecimal, parseDecimalText } from './parse-decimal.js';

const encoder = new TextEncoder();
const parse = (text: string): number => {
  const bytes = encoder.encode(`#${text}#`); // padding proves the bounds are honoured
  return parseDecimal(bytes, 1, bytes.length - 1);
};

/** Decimal strings as exporters write them: sign, integer digits, optional fraction. */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }),
    fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 25 }), {
      nil: undefined,
    }),
  )
  .map(([sign, whole, fraction]) =>
    fraction === undefined ? `${sign}${whole}` : `${sign}${whole}.${fraction}`,
  );

describe('parseDecimal', () => {
  it('returns exactly the double parseFloat returns for plain decimals', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parse(text), Number.parseFloat(text))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('returns exactly parseFloat for prices printed with toFixed and for doubles printed by toString', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        (value, digits) => {
          const fixed = value.toFixed(digits);
          expect(Object.is(parse(fixed), Number.parseFloat(fixed))).toBe(true);
          const shortest = String(value);
          expect(Object.is(parse(shortest), Number.parseFloat(shortest))).toBe(true);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('reads exponents and long mantissas through the exact slow path', () => {
    for (const text of [
      '1e-5',
      '2.5E+3',
      '-7e2',
      '0.1234567890123456789',
      '123456789012345678901234',
      '1.' + '0'.repeat(30),
    ]) {
      expect(parse(text)).toBe(Number.parseFloat(text));
    }
  });

  it('accepts a leading point, a trailing point and a sign, like parseFloat', () => {
    expect(parse('.5')).toBe(0.5);
    expect(parse('7.')).toBe(7);
    expect(parse('+3')).toBe(3);
    expect(Object.is(parse('-0'), -0)).toBe(true);
  });

  it('refuses anything that is not entirely a number', () => {
    for (const text of [
      '',
      '-',
      '+',
      '.',
      '1,000',
      '1 000',
      ' 1',
      '1 ',
      '12abc',
      'abc',
      '0x10',
      'Infinity',
      'NaN',
      '1e',
      '1e+',
      '--1',
      '1.2.3',
      '1e400',
      '"1"',
    ]) {
      expect(parse(text), text).toBeNaN();
    }
  });

  it('agrees with its string twin on every input', () => {
    fc.assert(
      fc.property(fc.oneof(decimalText, fc.string({ maxLength: 12 })), (text) => {
        expect(Object.is(parse(text), parseDecimalText(text))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('isMissingMarker', () => {
  it('recognises the usual spellings of no value, and nothing else', () => {
    for (const text of ['', ' ', 'null', 'NULL', 'NaN', 'na', 'N/A', 'None'])
      expect(isMissingMarker(text), text).toBe(true);
    for (const text of ['0', 'abc', 'nil', '-']) expect(isMissingMarker(text), text).toBe(false);
  });
});

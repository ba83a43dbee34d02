/** Exact powers of ten: every 10^k with k <= 22 is representable in a double. */
export const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);
export const MAX_EXACT_INTEGER = 2 ** 53 - 1;
const STRICT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const utf8 = new TextDecoder('utf-8');

/**
 * Parses the ASCII bytes [start, end) as a decimal number (`-12.5`, `+3`, `.5`, `7.`, `1e-5`) and returns NaN
 * unless the whole range is one: no spaces, no thousands separators, no `Infinity`/`NaN` words, no hex.
 *
 * Fast path (Clinger's): the digits form an integer m <= 2^53 - 1 with f <= 22 of them after the point, so m
 * and 10^f are exact doubles and the IEEE division m / 10^f is the correctly rounded value of the decimal:
 * the very double Number.parseFloat returns. Longer mantissas and exponents take parseDecimalText.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let index = start;
  const code = index < end ? (bytes[index] as number) : 0;
  const negative = code === 45; // '-'
  if (negative || code === 43) index++; // '+'
  let mantissa = 0;
  let digits = 0;
  while (index < end) {
    const digit = (bytes[index] as number) - 48;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
    index++;
  }
  let fractionDigits = 0;
  if (index < end && bytes[index] === 46) {
    // '.'
    index++;
    while (index < end) {
      const digit = (bytes[index] as number) - 48;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      fractionDigits++;
      index++;
    }
  }
  if (index !== end || mantissa > MAX_EXACT_INTEGER || fractionDigits > 22) {
    return parseDecimalText(utf8.decode(bytes.subarray(start, end)));
  }
  if (digits + fractionDigits === 0) return Number.NaN;
  const magnitude = fractionDigits === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fractionDigits] as number);
  return negative ? -magnitude : magnitude;
}

/**
 * The same syntax as parseDecimal for a string: checked strictly, then converted by Number(), which agrees
 * with Number.parseFloat on every string the check accepts. Overflow to ±Infinity gives NaN (not a price).
 */
export function parseDecimalText(text: string): number {
  if (!STRICT_NUMBER.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

const MISSING_MARKERS = new Set(['', 'null', 'nan', 'na', 'n/a', 'none']);

/** True for the texts exporters write for "no value": empty, `null`, `NaN`, `NA`, `N/A`, `None`. */
export function isMissingMarker(text: string): boolean {
  return MISSING_MARKERS.has(text.trim().toLowerCase());
}

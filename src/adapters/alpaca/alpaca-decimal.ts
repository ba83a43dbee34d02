/**
 * Alpaca's Trading API carries amounts as decimal strings ("10", "179.08"). Numbers become strings here,
 * at the edge, and back again: nothing inside the engine sees a string amount.
 */

/** A decimal string without exponent or float noise: 100 -> "100", 0.1 + 0.2 -> "0.3" (9 decimals at most). */
export function decimal(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export function optionalDecimal(value: number | null): string | null {
  return value === null ? null : decimal(value);
}

/** A decimal string (already validated by the wire schema) as a number. */
export function fromDecimal(value: string): number {
  return Number(value);
}

export function optionalFromDecimal(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

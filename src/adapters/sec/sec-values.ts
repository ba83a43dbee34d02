import { quote } from '../../core/errors.js';
import { invalidDocument } from './sec-edgar-error.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** A plain decimal as EDGAR writes numbers (`1500`, `150.25`, no thousands separators); throws otherwise. */
export function decimal(text: string, what: string): number {
  if (!DECIMAL.test(text)) throw invalidDocument(`${what} ${quote(text)} must be a decimal number`);
  return Number(text);
}

/**
 * An XML Schema date (`2024-03-01`, optionally with a zone such as `-05:00`, which EDGAR ownership documents
 * sometimes carry) as 00:00 UTC of that calendar day: the zone does not move a trade to another day.
 */
export function xmlDate(text: string, what: string): number {
  const match = DATE.exec(text);
  const ms = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (match === null || new Date(ms).getUTCDate() !== Number(match[3]) || Number(match[2]) > 12) {
    throw invalidDocument(`${what} ${quote(text)} must be a date YYYY-MM-DD`);
  }
  return ms;
}

/** `1`/`true` and `0`/`false`/absent: how ownership documents write booleans. */
export function flag(text: string | null): boolean {
  return text === '1' || text?.toLowerCase() === 'true';
}

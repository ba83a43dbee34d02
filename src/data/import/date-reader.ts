import type { DateFormat } from './import-options.js';
import { parseDecimal, parseDecimalText } from './parse-decimal.js';
import { epochFromNumber, parseIsoTimestamp } from './parse-timestamp.js';

const UNRESOLVED = 0;
const ISO = 1;
const EPOCH_S = 2;
const EPOCH_MS = 3;
/** `auto`: a number above this is epoch ms (1e11 s would be the year 5138; 1e11 ms is 1973). */
const EPOCH_MS_THRESHOLD = 1e11;

const encoder = new TextEncoder();
// Imported functions copied into module constants for the per-row code (see bar-accumulator.ts on tsx getters).
const parseIso = parseIsoTimestamp;
const parseNumber = parseDecimal;
const toEpoch = epochFromNumber;

const EXPECTATIONS = [
  '',
  'an ISO date or timestamp (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±hh:mm])',
  'a number of epoch seconds',
  'a number of epoch milliseconds',
] as const;

/**
 * Reads the date column as epoch ms (NaN when unreadable). With `auto` the format is fixed by the first date
 * read (see DATE_FORMATS) and then applies to every row, so one file never mixes formats.
 */
export class DateReader {
  private mode: number;
  private readonly auto: boolean;
  private readonly scratch = new Uint8Array(64);

  constructor(format: DateFormat) {
    this.auto = format === 'auto';
    this.mode =
      format === 'iso' ? ISO : format === 'epoch_s' ? EPOCH_S : format === 'epoch_ms' ? EPOCH_MS : UNRESOLVED;
  }

  /** Epoch ms of the bytes [start, end) (trimmed, non-empty), or NaN. */
  read(bytes: Uint8Array, start: number, end: number): number {
    if (this.mode === ISO) return parseIso(bytes, start, end);
    if (this.mode === UNRESOLVED) {
      const number = parseNumber(bytes, start, end);
      this.mode = Number.isNaN(number) ? ISO : this.numericMode(number);
      return this.read(bytes, start, end);
    }
    return toEpoch(parseNumber(bytes, start, end), this.mode === EPOCH_S ? 1000 : 1);
  }

  /** Epoch ms of a string value (JSON lines), or NaN. */
  readText(text: string): number {
    const trimmed = text.trim();
    if (this.mode === UNRESOLVED) {
      const number = parseDecimalText(trimmed);
      this.mode = Number.isNaN(number) ? ISO : this.numericMode(number);
    }
    if (this.mode !== ISO)
      return epochFromNumber(parseDecimalText(trimmed), this.mode === EPOCH_S ? 1000 : 1);
    // A valid ISO timestamp is at most 35 ASCII characters; anything longer is not one.
    const { read, written } = encoder.encodeInto(trimmed, this.scratch);
    return read === trimmed.length ? parseIsoTimestamp(this.scratch, 0, written) : Number.NaN;
  }

  /** Epoch ms of a JSON number, or NaN (a number is never an ISO date). */
  readNumber(value: number): number {
    if (this.mode === UNRESOLVED) this.mode = this.numericMode(value);
    if (this.mode === ISO || !Number.isFinite(value)) return Number.NaN;
    return epochFromNumber(value, this.mode === EPOCH_S ? 1000 : 1);
  }

  /** What a date must look like, for messages: `date "x" is not <expectation>`. */
  get expectation(): string {
    const base = EXPECTATIONS[this.mode] as string;
    return this.auto ? `${base}, the format detected from the first row` : base;
  }

  private numericMode(value: number): number {
    return value > EPOCH_MS_THRESHOLD ? EPOCH_MS : EPOCH_S;
  }
}

import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Shared conventions of every indicator (see each file's doc comment for its own formula):
 * - Batch kernels take Float64Array columns and return Float64Array outputs of the same length, NaN during
 *   warm-up (TA-Lib's "lookback": the first valid index is the one TA-Lib reports as outBegIdx).
 * - Streaming twins keep O(1) state, `update(...)` returns the new value, or null while warming up, and give
 *   exactly the batch kernel's numbers. Multi-output streams return a reused read-only object: copy it to keep it.
 * - NaN inputs are not skipped: they propagate, as in TA-Lib.
 */

/** The OHLCV columns an indicator may read (a BarSeries satisfies it). */
export interface OhlcvColumns {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly ts?: Float64Array;
}

/** One bar as streaming indicators read it (the engine's reused bar view satisfies it). */
export interface BarLike {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly tsEvent?: number;
}

export interface StreamingIndicator<TInput, TOutput> {
  update(input: TInput): TOutput | null;
  /** Whether update() has started returning values. */
  readonly isReady: boolean;
  /** Back to the just-constructed state. */
  reset(): void;
}

/** Checks an integer parameter; the message names the indicator, the parameter and the value. */
export function integerParameter(
  indicator: string,
  name: string,
  value: number,
  min: number,
  max = 1_000_000,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(
      `${indicator} ${name} ${quote(value)} must be an integer between ${min} and ${max}`,
    );
  }
  return value;
}

/** Checks a real parameter in [min, max]. */
export function realParameter(
  indicator: string,
  name: string,
  value: number,
  min: number,
  max: number,
): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(
      `${indicator} ${name} ${quote(value)} must be a number between ${min} and ${max}`,
    );
  }
  return value;
}

/** A NaN-filled output column (or the caller's, reused, after checking its length). */
export function outputColumn(length: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(length).fill(Number.NaN);
  if (out.length !== length) {
    throw new InvalidInputError(`output length ${quote(out.length)} must equal the input length ${length}`);
  }
  return out.fill(Number.NaN);
}

/** Checks that several input columns have the same length and returns it. */
export function commonLength(indicator: string, ...columns: readonly Float64Array[]): number {
  const n = columns[0]?.length ?? 0;
  for (const column of columns) {
    if (column.length !== n) {
      throw new InvalidInputError(
        `${indicator} input columns must have the same length (got ${columns.map((c) => c.length).join(', ')})`,
      );
    }
  }
  return n;
}

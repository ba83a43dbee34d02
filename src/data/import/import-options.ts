import type { Timeframe } from '../../model/timeframe.js';

/**
 * What to do with a row that breaks a validation rule:
 * - `reject`: import nothing when any error-level issue exists, and return every issue found;
 * - `drop`: leave the offending rows out, each reported with action `dropped`;
 * - `repair`: fix what has one deterministic fix (widen high/low, sort rows, keep the last of duplicate
 *   timestamps) and drop what cannot be fixed, reporting each row as `repaired` or `dropped`.
 */
export const ERROR_POLICIES = ['reject', 'drop', 'repair'] as const;
export type ErrorPolicy = (typeof ERROR_POLICIES)[number];

/**
 * How the date column is read:
 * - `iso`: `YYYY-MM-DD` (UTC midnight) or `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]` with an optional zone `Z`, `±hh:mm`,
 *   `±hhmm` or `±hh` (no zone = UTC); fractions finer than a millisecond are truncated;
 * - `epoch_s` / `epoch_ms`: a decimal number of seconds / milliseconds since 1970-01-01 UTC, rounded to the ms;
 * - `auto`: decided once per file from the first non-empty date: a number above 1e11 is epoch ms, any other
 *   number epoch s, anything else ISO.
 */
export const DATE_FORMATS = ['auto', 'iso', 'epoch_s', 'epoch_ms'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Header names (CSV) or keys (JSON lines) to read each field from; matched case-insensitively, trimmed. */
export interface ColumnMap {
  readonly date?: string | undefined;
  readonly open?: string | undefined;
  readonly high?: string | undefined;
  readonly low?: string | undefined;
  readonly close?: string | undefined;
  readonly volume?: string | undefined;
  readonly adjclose?: string | undefined;
}

export interface ImportOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Default: `jsonl` when the first non-blank character of the file is `{`, else `csv`. */
  readonly format?: ImportFormat | undefined;
  /** CSV only. Default: whichever of `,` `;` tab occurs most often in the header line (`,` on a tie). */
  readonly delimiter?: string | undefined;
  /**
   * Overrides per field; fields left out are found through COLUMN_ALIASES. date, open, high, low and close
   * must exist; a file without a volume column imports volume 0 (unless `columns.volume` names one).
   */
  readonly columns?: ColumnMap | undefined;
  /** Default `auto`. */
  readonly dateFormat?: DateFormat | undefined;
  /** Default `reject`. */
  readonly onError?: ErrorPolicy | undefined;
  /** Report gaps against the timeframe as warnings (see detect-gaps.ts). Default true. */
  readonly checkGaps?: boolean | undefined;
  /**
   * Scale prices by the adjusted close: factor = adjclose / close per row; open, high, low and close are
   * multiplied by the factor and volume divided by it. Default: true when an adjclose column exists.
   */
  readonly adjust?: boolean | undefined;
}

/** Fields in the fixed order the readers use as indices (a row's scratch values are stored by this index). */
export const BAR_INPUT_FIELDS = ['date', 'open', 'high', 'low', 'close', 'volume', 'adjclose'] as const;
export type BarInputField = (typeof BAR_INPUT_FIELDS)[number];

/** Header names recognised for each field when ColumnMap does not name one, in order of preference. */
export const COLUMN_ALIASES: Readonly<Record<BarInputField, readonly string[]>> = {
  date: ['date', 'datetime', 'timestamp', 'time', 'ts', 't'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'vol', 'v'],
  adjclose: ['adjclose', 'adj_close', 'adj close', 'adjusted_close'],
};

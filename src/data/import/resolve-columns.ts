import { err, ok, type Result } from '../../core/result.js';
import { quote } from '../../core/errors.js';
import { ImportRejectedError } from './import-rejected-error.js';
import {
  BAR_INPUT_FIELDS,
  COLUMN_ALIASES,
  type BarInputField,
  type ImportOptions,
} from './import-options.js';
import type { ValidationIssue } from './validation-issue.js';

/** Indices into a row's scratch values, in BAR_INPUT_FIELDS order. */
export const FIELD = { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, adjclose: 6 } as const;

export interface ColumnResolution {
  /** For each field (BAR_INPUT_FIELDS order) the index of its column in the header, or -1 when absent. */
  readonly columnOf: Int32Array;
  /** Whether prices are scaled by adjclose / close (an adjclose column exists and `adjust` is not false). */
  readonly adjust: boolean;
}

/** Columns that must exist. Volume may be absent (FX quotes, indices): it then imports as 0. */
const REQUIRED: ReadonlySet<BarInputField> = new Set(['date', 'open', 'high', 'low', 'close']);

/**
 * Maps header names (CSV) or object keys (JSON lines) to fields. Names given in `options.columns` are
 * claimed first and must exist; every other field takes the first alias found among unclaimed columns.
 * Matching is case-insensitive on trimmed names; when a name repeats, the first column wins.
 */
export function resolveColumns(
  names: readonly string[],
  options: ImportOptions,
  line: number,
  headerText: string,
  noun: 'column' | 'key',
): Result<ColumnResolution, ImportRejectedError> {
  const normalized = names.map((name) => name.trim().toLowerCase());
  const claimed = new Set<number>();
  const columnOf = new Int32Array(BAR_INPUT_FIELDS.length).fill(-1);
  const missing: { field: BarInputField; lookedFor: readonly string[] }[] = [];
  const findUnclaimed = (wanted: string): number =>
    normalized.findIndex((name, index) => name === wanted && !claimed.has(index));

  const explicit = options.columns ?? {};
  for (const [position, field] of BAR_INPUT_FIELDS.entries()) {
    const name = explicit[field];
    if (name === undefined) continue;
    const index = findUnclaimed(name.trim().toLowerCase());
    if (index < 0) missing.push({ field, lookedFor: [name] });
    else {
      columnOf[position] = index;
      claimed.add(index);
    }
  }
  for (const [position, field] of BAR_INPUT_FIELDS.entries()) {
    if (explicit[field] !== undefined) continue;
    if (field === 'adjclose' && options.adjust === false) continue;
    for (const alias of COLUMN_ALIASES[field]) {
      const index = findUnclaimed(alias);
      if (index >= 0) {
        columnOf[position] = index;
        claimed.add(index);
        break;
      }
    }
    const mustExist = REQUIRED.has(field) || (field === 'adjclose' && options.adjust === true);
    if (columnOf[position] === -1 && mustExist) missing.push({ field, lookedFor: COLUMN_ALIASES[field] });
  }

  if (missing.length > 0) {
    const issues: ValidationIssue[] = missing.map(({ field, lookedFor }) => ({
      line,
      rule: 'bad_row_shape',
      field,
      value: headerText,
      message:
        `line ${line}: required ${noun} for ${field} not found in ${noun === 'column' ? 'header' : 'keys'} ${quote(headerText)}` +
        ` (looked for: ${lookedFor.join(', ')})`,
      action: 'rejected',
    }));
    return err(new ImportRejectedError(issues));
  }
  const adjust = options.adjust !== false && columnOf[FIELD.adjclose] !== -1;
  if (!adjust) columnOf[FIELD.adjclose] = -1; // an adjclose column that is not applied is not read either
  return ok({ columnOf, adjust });
}

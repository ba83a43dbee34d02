/**
 * Rules a bar file is checked against. `gap` is a warning (never rejects an import); every other rule is an
 * error that the error policy rejects, drops or repairs.
 */
export const ISSUE_RULES = [
  'unparseable_number',
  'unparseable_date',
  'missing_value',
  'high_below_low',
  'open_outside_range',
  'close_outside_range',
  'negative_volume',
  'non_positive_price',
  'duplicate_timestamp',
  'out_of_order_timestamp',
  'gap',
  'bad_row_shape',
] as const;
export type IssueRule = (typeof ISSUE_RULES)[number];

/** What the import did about an issue: `reported` is for warnings, which change nothing. */
export const ISSUE_ACTIONS = ['rejected', 'dropped', 'repaired', 'reported'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

export interface ValidationIssue {
  /** 1-based line in the file; for CSV the header is line 1; blank lines count. */
  readonly line: number;
  readonly rule: IssueRule;
  /** The field concerned (`date`, `open`, ...), or `row` for the row as a whole. */
  readonly field: string;
  /** The offending text as found in the file (for gaps and duplicates found after sorting: the timestamp). */
  readonly value: string;
  /** One line that starts with `line N:` and quotes the value, e.g. `line 7: high "9.5" is below low "10.1"`. */
  readonly message: string;
  readonly action: IssueAction;
}

export function isWarning(rule: IssueRule): boolean {
  return rule === 'gap';
}

import type { z } from 'zod';
import { quote } from '../core/errors.js';

export type IssuePath = readonly PropertyKey[];

export interface IssueFormatOptions {
  /** The raw input the schema parsed: the value quoted in a line is read from here, never from zod. */
  readonly input: unknown;
  /** Path segments in front of every issue path, e.g. ['trading'] for the trading section of a file. */
  readonly prefix?: IssuePath;
  /** True where the value at a (full) path is a secret: it is shown as "***". */
  readonly isSecret?: (path: IssuePath) => boolean;
  /** The keys an object at a (full) path allows, to suggest the right one for a typo. */
  readonly knownKeys?: (path: IssuePath) => readonly string[] | undefined;
}

const MAX_QUOTED_LENGTH = 80;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `trading.strategies[0]`; keys that are not identifiers are bracketed: `server["bad key"]`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** The value at `path` inside `input`, or undefined when the path does not exist. */
export function valueAt(input: unknown, path: IssuePath): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Quotes a value for a message, shortened so one bad value cannot flood the terminal. */
export function quoteShort(value: unknown): string {
  const text =
    typeof value === 'string' && value.length > MAX_QUOTED_LENGTH
      ? `${value.slice(0, MAX_QUOTED_LENGTH)}…`
      : value;
  const quoted = quote(text);
  return quoted.length > MAX_QUOTED_LENGTH + 2 ? `${quoted.slice(0, MAX_QUOTED_LENGTH)}…` : quoted;
}

/**
 * One line per problem: `<path> "<value>" <what is allowed>`, or `<path> <what is allowed>` when the value
 * is absent. Unknown keys give one line each, without their value (a misplaced secret must not leak).
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], options: IssueFormatOptions): string[] {
  const prefix = options.prefix ?? [];
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = options.knownKeys?.(path);
      for (const key of issue.keys) lines.push(unknownKeyLine([...path, key], key, known));
      continue;
    }
    const value = valueAt(options.input, issue.path);
    const name = formatPath(path);
    if (value === undefined) lines.push(`${name} ${issue.message}`);
    else if (options.isSecret?.(path) === true) lines.push(`${name} "***" ${issue.message}`);
    else lines.push(`${name} ${quoteShort(value)} ${issue.message}`);
  }
  return lines;
}

function unknownKeyLine(path: IssuePath, key: string, known: readonly string[] | undefined): string {
  const name = formatPath(path);
  if (known === undefined || known.length === 0) return `${name} is not a known key`;
  const guess = closest(key, known);
  const hint = guess === undefined ? '' : ` (did you mean ${guess}?)`;
  return `${name} is not a known key${hint}; allowed keys: ${known.join(', ')}`;
}

/**
 * The known key nearest to `key` by edit distance if it is near enough to be a plausible typo; otherwise a
 * known key that starts with it or that it starts with (`stop_loss` → `stop_loss_percentage`).
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  if (lower.length < 3) return undefined;
  return known.find((candidate) => {
    const other = candidate.toLowerCase();
    return other.startsWith(lower) || (other.length >= 3 && lower.startsWith(other));
  });
}

/** Levenshtein distance (insert, delete, substitute each cost 1), two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

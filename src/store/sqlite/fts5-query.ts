/**
 * Turns what a user types into a search box into an FTS5 MATCH expression that cannot break FTS5's syntax:
 * every word and phrase goes in as an FTS5 string (in double quotes, inner quotes doubled), so characters
 * such as `-`, `*`, `:`, `(` or `AND` typed as text are searched for, never parsed as operators.
 *
 * Accepted:
 * - words (all must match): `apple earnings`
 * - "quoted phrases": `"guidance cut"`
 * - a trailing `*` for a prefix: `semicond*`
 * - `OR` in capitals between two terms: `apple OR microsoft`
 * - a leading `-` to exclude a term: `apple -pie`
 * - a field: `title:apple`, `summary:"rate cut"`, `body:...` (fields: title, summary, body)
 * Refused with INVALID_INPUT naming the query and what is wrong: an unclosed quote, an unknown field, a query
 * with nothing to search for (empty, only punctuation, or only exclusions), a dangling OR.
 */
import { InvalidInputError, quote } from '../../core/errors.js';

export const SEARCH_FIELDS = ['title', 'summary', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

interface Term {
  readonly expression: string;
  readonly excluded: boolean;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const FIELD_PREFIX = /^([A-Za-z]+):(?=\S)/;

/** The FTS5 expression for `query` (see the module comment). */
export function toFts5Query(query: string): string {
  const groups: Term[][] = [];
  let joinNext = false;
  let rest = query.trim();
  while (rest.length > 0) {
    if (rest.startsWith('OR') && (rest.length === 2 || /\s/.test(rest[2] as string))) {
      if (groups.length === 0 || joinNext) throw malformed(query, 'has an OR without a term before it');
      joinNext = true;
      rest = rest.slice(2).trimStart();
      continue;
    }
    const { term, remaining } = readTerm(query, rest);
    rest = remaining.trimStart();
    if (term === null) continue;
    if (joinNext) {
      const group = groups[groups.length - 1] as Term[];
      if (term.excluded || (group[0] as Term).excluded)
        throw malformed(query, 'combines an excluded term with OR');
      group.push(term);
      joinNext = false;
    } else {
      groups.push([term]);
    }
  }
  if (joinNext) throw malformed(query, 'ends with OR');
  const included = groups.filter((group) => !(group[0] as Term).excluded).map(renderGroup);
  const excluded = groups.filter((group) => (group[0] as Term).excluded).map(renderGroup);
  if (included.length === 0) {
    throw malformed(
      query,
      excluded.length > 0 ? 'only excludes terms: add one to find' : 'has no word to find',
    );
  }
  const expression = included.join(' AND ');
  return excluded.length === 0 ? expression : `(${expression}) NOT (${excluded.join(' OR ')})`;
}

function renderGroup(group: readonly Term[]): string {
  return group.length === 1
    ? (group[0] as Term).expression
    : `(${group.map((t) => t.expression).join(' OR ')})`;
}

/** Reads one term from the front of `text`; a term without any letter or digit yields null. */
function readTerm(query: string, text: string): { term: Term | null; remaining: string } {
  let rest = text;
  const excluded = rest.startsWith('-') && rest.length > 1 && !/\s/.test(rest[1] as string);
  if (excluded) rest = rest.slice(1);
  let field: SearchField | null = null;
  const fieldMatch = FIELD_PREFIX.exec(rest);
  if (fieldMatch !== null) {
    const name = (fieldMatch[1] as string).toLowerCase();
    if (!(SEARCH_FIELDS as readonly string[]).includes(name)) {
      throw new InvalidInputError(
        `search query ${quote(query)} names field ${quote(fieldMatch[1])}; fields are ${SEARCH_FIELDS.join(', ')}`,
      );
    }
    field = name as SearchField;
    rest = rest.slice(fieldMatch[0].length);
  }
  let phrase: string;
  let prefix = false;
  if (rest.startsWith('"')) {
    const close = rest.indexOf('"', 1);
    if (close < 0) throw malformed(query, 'has an unclosed quote');
    phrase = rest.slice(1, close);
    rest = rest.slice(close + 1);
  } else {
    const end = rest.search(/\s/);
    phrase = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    if (phrase.endsWith('*') && WORD_CHARACTER.test(phrase)) {
      prefix = true;
      phrase = phrase.replace(/\*+$/, '');
    }
  }
  // FTS5 ends a string at a NUL: control characters become spaces (they separate words anyway).
  phrase = phrase.replace(CONTROL_CHARACTERS, ' ');
  if (!WORD_CHARACTER.test(phrase)) return { term: null, remaining: rest };
  let expression = `"${phrase.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
  if (field !== null) expression = `{${field}} : ${expression}`;
  return { term: { expression, excluded }, remaining: rest };
}

function malformed(query: string, problem: string): InvalidInputError {
  return new InvalidInputError(`search query ${quote(query)} ${problem}`);
}

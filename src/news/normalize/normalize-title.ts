/**
 * The comparison form of a headline, used for de-duplication: two feeds carrying the same story differ in
 * case, punctuation, accents, a trailing " - Reuters" and wire prefixes such as "UPDATE 2-". The result is
 * lower-case words of letters and digits separated by single spaces. A point between two digits survives
 * ("3.5%" gives "3.5"), a comma before a group of three digits is dropped ("1,000" gives "1000") and
 * apostrophes join ("Apple's" gives "apples"); every other non-alphanumeric character separates words.
 *
 * Runs once per stored article and 100,000 times in the de-duplication benchmark, so the word scan is one
 * pass over char codes into a reused buffer, and Unicode decomposition runs only on non-ASCII titles.
 */
import { isPublisherName } from './publishers.js';

export interface NormalizeTitleOptions {
  /** Further publisher names to strip when they end a title after a separator (any case). */
  readonly sourceNames?: readonly string[];
}

/** Characters that, alone between two spaces (or doubled for "::"), separate a headline from its tail. */
const SEPARATOR_CHARS = new Set(['-', '|', '–', '—', '·', ':'].map((c) => c.charCodeAt(0)));
const WIRE_PREFIX =
  /^(?:update \d+|updated|refile|corrected|correction|exclusive|breaking(?: news)?|wrapup \d+|rpt|urgent|flash)\s*(?:-|:|–|—)\s*/;
const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}+/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
let buffer = new Uint16Array(256);

/** The comparison form of `title` (see the module comment); '' when nothing word-like is left. */
export function normalizeTitle(title: string, options: NormalizeTitleOptions = {}): string {
  let text = NON_ASCII.test(title) ? title.normalize('NFKD').replace(MARKS, '') : title;
  text = stripPublishers(text.toLowerCase().trim(), options.sourceNames);
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(WIRE_PREFIX, '');
  }
  return words(text);
}

/** Strips publisher tails repeatedly ("... | Markets | Reuters" loses only the publisher). */
function stripPublishers(text: string, extra: readonly string[] | undefined): string {
  let current = text;
  for (;;) {
    const cut = lastSeparator(current);
    if (cut < 0) return current;
    const tailStart = current.indexOf(' ', cut + 1) + 1;
    if (!isPublisherName(current.slice(tailStart), extra)) return current;
    current = current.slice(0, cut).trimEnd();
  }
}

/** Index of the space before the last " - "-style separator (not at the start), or -1. */
function lastSeparator(text: string): number {
  for (let i = text.length - 2; i > 1; i--) {
    if (text.charCodeAt(i + 1) !== 32 || !SEPARATOR_CHARS.has(text.charCodeAt(i))) continue;
    const single = text.charCodeAt(i - 1) === 32;
    const double =
      text.charCodeAt(i) === 58 && text.charCodeAt(i - 1) === 58 && text.charCodeAt(i - 2) === 32;
    if (single && text.charCodeAt(i) !== 58) return i - 1;
    if (double && i > 2) return i - 2;
  }
  return -1;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 96;
}

/** The word scan: letters and digits kept, the separators collapsed to one space. */
function words(text: string): string {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2);
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let keep = isAsciiAlphanumeric(code);
    if (!keep && code >= 0x80) keep = isUnicodeWordChar(text, i);
    if (keep) {
      if (pendingSpace && length > 0) buffer[length++] = 32;
      pendingSpace = false;
      buffer[length++] = code;
      continue;
    }
    if (isApostrophe(code)) continue;
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (code === 46 && isDigit(previous) && isDigit(next) && !pendingSpace) {
      buffer[length++] = 46;
      continue;
    }
    if (code === 44 && isDigit(previous) && isThousandsGroup(text, i + 1)) continue;
    pendingSpace = true;
  }
  // apply() on a typed array: spreading it as arguments would be five times slower.
  return String.fromCharCode.apply(null, buffer.subarray(0, length) as unknown as number[]);
}

/** Exactly three digits follow `at` and no fourth. */
function isThousandsGroup(text: string, at: number): boolean {
  return (
    isDigit(text.charCodeAt(at)) &&
    isDigit(text.charCodeAt(at + 1)) &&
    isDigit(text.charCodeAt(at + 2)) &&
    !isDigit(text.charCodeAt(at + 3))
  );
}

/** A non-ASCII letter or digit (surrogate halves of a supplementary letter count as one word). */
function isUnicodeWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdfff) {
    const point = text.codePointAt(code <= 0xdbff ? at : at - 1) ?? 0;
    return LETTER_OR_DIGIT.test(String.fromCodePoint(point));
  }
  return LETTER_OR_DIGIT.test(text[at] as string);
}

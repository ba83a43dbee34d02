import {
  TOKEN_ALL_CAPS,
  TOKEN_HAS_LETTER,
  TOKEN_NEGATED_CONTRACTION,
  type TokenBuffer,
} from './token-buffer.js';
import { foldCode, type Vocabulary } from './vocabulary.js';

const SEPARATOR = 0;
const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
/** A non-ASCII character taken as part of a word (accented letters, CJK ...): a letter without case. */
const OTHER_LETTER = 4;
const APOSTROPHE_CLASS = 5;

const ASCII_CLASS = new Uint8Array(128);
for (let code = 65; code <= 90; code++) ASCII_CLASS[code] = UPPER;
for (let code = 97; code <= 122; code++) ASCII_CLASS[code] = LOWER;
for (let code = 48; code <= 57; code++) ASCII_CLASS[code] = DIGIT;
ASCII_CLASS[39] = APOSTROPHE_CLASS;

function classOf(code: number): number {
  if (code < 128) return ASCII_CLASS[code]!;
  if (code === 0x2018 || code === 0x2019) return APOSTROPHE_CLASS;
  // Latin-1 punctuation and symbols, general punctuation (dashes, curly quotes, ellipsis), currency signs,
  // arrows and symbols, CJK punctuation, the byte-order mark: separators. Anything else is a letter.
  if (
    (code >= 0x00a0 && code <= 0x00bf) ||
    code === 0x00d7 ||
    code === 0x00f7 ||
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    code === 0xfeff
  ) {
    return SEPARATOR;
  }
  return OTHER_LETTER;
}

function isWordClass(cls: number): boolean {
  return cls >= UPPER && cls <= OTHER_LETTER;
}

function isLetterClass(cls: number): boolean {
  return cls === UPPER || cls === LOWER || cls === OTHER_LETTER;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a);
}

/** Characters that may close a sentence after its final punctuation: quotes and closing brackets. */
function isCloser(code: number): boolean {
  return code === 34 || code === 39 || code === 41 || code === 93 || code === 0x201d || code === 0x2019;
}

/**
 * Splits `text` into word tokens and sentences, writing them into `out` (cleared first) with each token's
 * vocabulary id. One pass over the characters, no regular expression, no substring.
 * - A token is a run of letters and digits; an apostrophe between a letter and a letter stays inside
 *   (`doesn't`, `Apple’s`), as do `.` and `,` between digits (`3.5`, `12,000`). Hyphens, slashes and all
 *   other punctuation separate tokens, so `better-than-expected` is the three words of a lexicon phrase.
 * - A sentence ends at `!` or `?` (a run of them counts towards emphasis), at a line break, or at `.`
 *   followed by a space and then not a lower-case letter, unless the word before the `.` is a single letter
 *   (`U.S.`) or one of `abbreviations` (a flag per vocabulary id: `Inc.`, `Corp.`, `Jan.`).
 */
export function tokenize(
  text: string,
  vocabulary: Vocabulary,
  abbreviations: Uint8Array,
  out: TokenBuffer,
): void {
  out.clear();
  const n = text.length;
  let sentenceFirst = 0;
  let sentenceCharStart = -1;
  let exclamations = 0;
  let questions = 0;

  const closeSentence = (charEnd: number): void => {
    if (out.tokenCount > sentenceFirst) {
      out.pushSentence(sentenceFirst, out.tokenCount, sentenceCharStart, charEnd, exclamations, questions);
    }
    sentenceFirst = out.tokenCount;
    sentenceCharStart = -1;
    exclamations = 0;
    questions = 0;
  };

  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    if (isWordClass(cls)) {
      const start = i;
      let letters = 0;
      let uppers = 0;
      let previous = cls;
      for (;;) {
        if (previous === UPPER) uppers++;
        if (isLetterClass(previous)) letters++;
        i++;
        if (i >= n) break;
        const next = classOf(text.charCodeAt(i));
        if (isWordClass(next)) {
          previous = next;
          continue;
        }
        const after = i + 1 < n ? classOf(text.charCodeAt(i + 1)) : SEPARATOR;
        if (next === APOSTROPHE_CLASS && isLetterClass(previous) && isLetterClass(after)) {
          previous = APOSTROPHE_CLASS;
          continue;
        }
        const separator = text.charCodeAt(i);
        if ((separator === 46 || separator === 44) && previous === DIGIT && after === DIGIT) {
          previous = SEPARATOR;
          continue;
        }
        break;
      }
      let flags = 0;
      if (letters > 0) flags |= TOKEN_HAS_LETTER;
      if (letters >= 2 && uppers === letters) flags |= TOKEN_ALL_CAPS;
      if (
        i - start >= 3 &&
        foldCode(text.charCodeAt(i - 1)) === 116 &&
        foldCode(text.charCodeAt(i - 2)) === 39 &&
        foldCode(text.charCodeAt(i - 3)) === 110
      ) {
        flags |= TOKEN_NEGATED_CONTRACTION;
      }
      if (sentenceCharStart < 0) sentenceCharStart = start;
      out.pushToken(start, i, vocabulary.lookup(text, start, i), flags);
      continue;
    }
    if (code === 33 || code === 63) {
      if (code === 33) exclamations++;
      else questions++;
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (next === -1 || isSpace(next) || isCloser(next)) closeSentence(i + 1);
    } else if (code === 10 || code === 13) {
      closeSentence(previousTokenEnd(out, sentenceFirst));
    } else if (code === 46 && endsSentence(text, i, out, sentenceFirst, abbreviations)) {
      closeSentence(i + 1);
    }
    i++;
  }
  closeSentence(previousTokenEnd(out, sentenceFirst));
}

function previousTokenEnd(out: TokenBuffer, sentenceFirst: number): number {
  return out.tokenCount > sentenceFirst ? out.end[out.tokenCount - 1]! : 0;
}

/** Whether the `.` at `at` ends a sentence (see tokenize). */
function endsSentence(
  text: string,
  at: number,
  out: TokenBuffer,
  sentenceFirst: number,
  abbreviations: Uint8Array,
): boolean {
  const n = text.length;
  let j = at + 1;
  while (j < n && isCloser(text.charCodeAt(j))) j++;
  if (j < n && !isSpace(text.charCodeAt(j))) return false;
  while (j < n && isSpace(text.charCodeAt(j))) j++;
  if (j < n && classOf(text.charCodeAt(j)) === LOWER) return false;
  const last = out.tokenCount - 1;
  if (last < sentenceFirst || out.end[last] !== at) return true;
  const length = at - out.start[last]!;
  if (length === 1 && (out.flags[last]! & TOKEN_HAS_LETTER) !== 0) return false;
  const word = out.word[last]!;
  return word < 0 || abbreviations[word] !== 1;
}

import {
  WORD_BOOSTER,
  WORD_CONTRAST,
  WORD_HAS_VALENCE,
  WORD_NEGATOR,
  WORD_PHRASE_START,
  type CompiledLexicon,
} from './compile-lexicon.js';
import type { PhraseMatcher } from './phrase-matcher.js';
import {
  TOKEN_ALL_CAPS,
  TOKEN_HAS_LETTER,
  TOKEN_NEGATED_CONTRACTION,
  type TokenBuffer,
} from './token-buffer.js';

/** The constants of VADER (Hutto & Gilbert 2014, vaderSentiment.py), used as published. */
export const VADER = {
  /** Added to a sentiment word's valence by a preceding intensifier (B_INCR; dampeners subtract it). */
  boosterIncrement: 0.293,
  /** Added to an ALL-CAPS sentiment word when the sentence mixes cases (C_INCR). */
  capsIncrement: 0.733,
  /** Multiplies a valence negated within the 3 preceding tokens (N_SCALAR). */
  negationScalar: -0.74,
  /** A booster 2 or 3 tokens before the word counts ×0.95 or ×0.9. */
  distanceDamping: [1, 1, 0.95, 0.9] as readonly number[],
  /** Weights of sentiment before and after the first `but`. */
  contrastBefore: 0.5,
  contrastAfter: 1.5,
  /** Per `!` (at most 4), and for 2-3 `?` (0.18 each) or more (0.96 in all). */
  exclamation: 0.292,
  maxExclamations: 4,
  question: 0.18,
  manyQuestions: 0.96,
  /** Normalisation x / sqrt(x² + alpha) maps a valence sum to (-1, 1). */
  alpha: 15,
} as const;

/** What one sentence adds up to, in valence units (VADER's -4..4 scale per word). Reused between calls. */
export interface SentenceTally {
  /** Sum of the positive and of the negative unit valences after modifiers (negative <= 0). */
  positive: number;
  negative: number;
  /** Sentiment-bearing units: lexicon words and phrases that contributed a non-zero valence. */
  units: number;
  /** positive + negative, then amplified by `!` and `?` emphasis. */
  sum: number;
}

/** VADER's normalisation of a valence sum to [-1, 1]: x / sqrt(x² + alpha). */
export function normalizeValence(sum: number, alpha: number = VADER.alpha): number {
  // Written as sign(x) / sqrt(1 + alpha / x²), the same value, so that a huge sum gives ±1, not x / Infinity.
  if (sum === 0) return 0;
  return Math.sign(sum) / Math.sqrt(1 + alpha / (sum * sum));
}

/**
 * Tallies sentence `s` of `buffer` with VADER's rules (Hutto & Gilbert 2014) over the finance lexicon:
 * 1. Units: at each token the longest phrase wins, else a single word with a valence; other tokens are
 *    skipped. A neutral phrase (valence 0) consumes its tokens and adds nothing.
 * 2. ALL-CAPS: when the sentence mixes cases, an all-caps unit gains ±0.733 (away from zero).
 * 3. For each of the 3 tokens before the unit (nearest first): an intensifier adds ±0.293 (×0.95 two tokens
 *    back, ×0.9 three back; ±0.733 more when it is in caps), then a negator (or an `n't` word) multiplies
 *    the valence so far by -0.74, as VADER does position by position.
 * 4. Extension beyond VADER, for finance phrasing: an intensifier right after the unit (`fell sharply`),
 *    unless it precedes another sentiment word it modifies (`smart, uber handsome`), or inside a phrase's
 *    gap (`stocks sharply lower`) adds ±0.293 too.
 * 5. Contrast: units before the sentence's first `but`/`however` count ×0.5, units after it ×1.5.
 * 6. Punctuation: if the sum is not zero, `!` (up to 4) adds 0.292 each and 2-3 `?` 0.18 each (more: 0.96),
 *    away from zero.
 */
export function tallySentence(
  buffer: TokenBuffer,
  s: number,
  lexicon: CompiledLexicon,
  matcher: PhraseMatcher,
  tally: SentenceTally,
): void {
  const first = buffer.firstToken[s]!;
  const last = buffer.endToken[s]!;
  const words = buffer.word;
  const tokenFlags = buffer.flags;
  const { flags, valence: valences, booster } = lexicon;
  let lettered = 0;
  let caps = 0;
  let contrastAt = -1;
  for (let t = first; t < last; t++) {
    const bits = tokenFlags[t]!;
    if ((bits & TOKEN_HAS_LETTER) !== 0) lettered++;
    if ((bits & TOKEN_ALL_CAPS) !== 0) caps++;
    const word = words[t]!;
    if (contrastAt < 0 && word >= 0 && (flags[word]! & WORD_CONTRAST) !== 0) contrastAt = t;
  }
  const capsDifferential = caps > 0 && caps < lettered;
  let positive = 0;
  let negative = 0;
  let units = 0;
  let t = first;
  while (t < last) {
    const word = words[t]!;
    if (word < 0) {
      t++;
      continue;
    }
    let end = t + 1;
    let valence = Number.NaN;
    if ((flags[word]! & WORD_PHRASE_START) !== 0 && matcher.match(words, t, last)) {
      end = matcher.end;
      valence = matcher.valence;
    } else if ((flags[word]! & WORD_HAS_VALENCE) !== 0) {
      valence = valences[word]!;
    }
    if (Number.isNaN(valence) || valence === 0) {
      t = end;
      continue;
    }
    const sign = valence > 0 ? 1 : -1;
    if (capsDifferential && allCaps(tokenFlags, t, end)) valence += sign * VADER.capsIncrement;
    for (let k = 1; k <= 3 && t - k >= first; k++) {
      const p = t - k;
      const before = words[p]!;
      if (before < 0) {
        if ((tokenFlags[p]! & TOKEN_NEGATED_CONTRACTION) !== 0) valence *= VADER.negationScalar;
        continue;
      }
      const bits = flags[before]!;
      if ((bits & WORD_BOOSTER) !== 0) {
        let scalar = booster[before]! * sign;
        if (capsDifferential && (tokenFlags[p]! & TOKEN_ALL_CAPS) !== 0) scalar += sign * VADER.capsIncrement;
        valence += scalar * VADER.distanceDamping[k]!;
      }
      if ((bits & WORD_NEGATOR) !== 0 || (tokenFlags[p]! & TOKEN_NEGATED_CONTRACTION) !== 0) {
        valence *= VADER.negationScalar;
      }
    }
    const effective = valence > 0 ? 1 : -1;
    for (let inner = t + 1; inner < end; inner++) valence += effective * boosterOf(lexicon, words[inner]!);
    if (end < last && !modifiesNext(lexicon, words, end + 1, last)) {
      valence += effective * boosterOf(lexicon, words[end]!);
    }
    if (contrastAt >= 0) {
      if (t < contrastAt) valence *= VADER.contrastBefore;
      else if (t > contrastAt) valence *= VADER.contrastAfter;
    }
    if (valence > 0) positive += valence;
    else negative += valence;
    units++;
    t = end;
  }
  let sum = positive + negative;
  if (sum !== 0) {
    const emphasis =
      Math.min(buffer.exclamations[s]!, VADER.maxExclamations) * VADER.exclamation +
      questionEmphasis(buffer.questions[s]!);
    sum += sum > 0 ? emphasis : -emphasis;
  }
  tally.positive = positive;
  tally.negative = negative;
  tally.units = units;
  tally.sum = sum;
}

function allCaps(tokenFlags: Uint8Array, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if ((tokenFlags[t]! & TOKEN_ALL_CAPS) === 0) return false;
  return true;
}

/** Whether the token at `next` is a sentiment word or phrase start, which an intensifier before it modifies. */
function modifiesNext(lexicon: CompiledLexicon, words: Int32Array, next: number, last: number): boolean {
  if (next >= last) return false;
  const word = words[next]!;
  return word >= 0 && (lexicon.flags[word]! & (WORD_HAS_VALENCE | WORD_PHRASE_START)) !== 0;
}

function boosterOf(lexicon: CompiledLexicon, word: number): number {
  return word >= 0 ? lexicon.booster[word]! : 0;
}

function questionEmphasis(count: number): number {
  if (count <= 1) return 0;
  return count <= 3 ? count * VADER.question : VADER.manyQuestions;
}

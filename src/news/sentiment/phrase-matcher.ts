import {
  MAX_GAP,
  WORD_CONTRAST,
  WORD_NEGATOR,
  type CompiledLexicon,
  type PhraseNode,
} from './compile-lexicon.js';

/** The largest |valence| a word may have and still be skipped by a gap (`profit` +1.0, `loss` -1.5 not). */
export const GAP_MAX_VALENCE = 1;
const NOT_PLAIN = WORD_NEGATOR | WORD_CONTRAST;

/**
 * Finds the longest lexicon phrase starting at a token. A `*` gap skips up to MAX_GAP tokens that are
 * plain: not a negator, not a contrast word, and no valence beyond ±GAP_MAX_VALENCE, so `cuts annual profit
 * guidance` is one phrase while `beats revenue but misses estimates` is not read as `beats * estimates`. The result is left in `end` (exclusive token index) and `valence`, so matching
 * allocates nothing. Among matches of equal length the first found wins (an exact slot before a gap).
 */
export class PhraseMatcher {
  end = -1;
  valence = Number.NaN;
  private readonly flags: Uint8Array;
  private readonly valences: Float64Array;
  private readonly root: PhraseNode;
  private words: Int32Array = new Int32Array(0);
  private limit = 0;

  constructor(lexicon: CompiledLexicon) {
    this.flags = lexicon.flags;
    this.valences = lexicon.valence;
    this.root = lexicon.phrases;
  }

  /** Whether a phrase starts at words[start] and ends at or before `limit`; see `end` and `valence`. */
  match(words: Int32Array, start: number, limit: number): boolean {
    this.end = -1;
    this.valence = Number.NaN;
    const first = this.root.next?.get(words[start]!);
    if (first === undefined) return false;
    this.words = words;
    this.limit = limit;
    this.walk(first, start + 1);
    return this.end > 0;
  }

  private walk(node: PhraseNode, at: number): void {
    if (!Number.isNaN(node.valence) && at > this.end) {
      this.end = at;
      this.valence = node.valence;
    }
    if (at >= this.limit) return;
    const child = node.next?.get(this.words[at]!);
    if (child !== undefined) this.walk(child, at + 1);
    const gap = node.gap;
    if (gap === null || gap.next === null) return;
    for (let skip = 0; skip <= MAX_GAP; skip++) {
      const position = at + skip;
      if (position >= this.limit) return;
      if (skip > 0 && !this.isPlain(this.words[position - 1]!)) return;
      const after = gap.next.get(this.words[position]!);
      if (after !== undefined) this.walk(after, position + 1);
    }
  }

  private isPlain(word: number): boolean {
    if (word < 0) return true;
    const valence = this.valences[word]!;
    return (this.flags[word]! & NOT_PLAIN) === 0 && !(Math.abs(valence) > GAP_MAX_VALENCE);
  }
}

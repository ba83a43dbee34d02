/**
 * How the finance lexicon is written down. Valences use VADER's scale (Hutto & Gilbert 2014): -4 (extremely
 * negative) .. +4 (extremely positive); a mild word is about ±1, a strong one ±2.5, a catastrophic one ±3.
 * Values are judgements about what the word means for the company or market it is said of, written for this
 * project from finance practice (not copied from VADER, Loughran-McDonald or any other list).
 */

/**
 * `[forms, valence]`: the space-separated inflections of one word that share a valence, e.g.
 * `['plunge plunges plunged plunging', -2.8]`. Forms are lower case, one token each (no hyphen, no space).
 */
export type WordEntry = readonly [forms: string, valence: number];

/**
 * `[pattern, valence]`: a multi-word expression, matched before single words (longest match wins). The
 * pattern is space-separated slots; a slot lists alternatives with `|` (`raise|raises|raised`), or is `*`: a
 * gap of 0 to 3 tokens that carry no sentiment themselves (`raises * guidance` matches `raises full year
 * guidance`, not `raises doubts over guidance`). A phrase with valence 0 is a neutral idiom: it consumes its
 * words so they do not score (`in line with estimates`, `record date`).
 */
export type PhraseEntry = readonly [pattern: string, valence: number];

/** A category of the lexicon (market moves, earnings, ...): its words and its phrases. */
export interface LexiconSection {
  readonly name: string;
  readonly words: readonly WordEntry[];
  readonly phrases: readonly PhraseEntry[];
}

/** Words that change the sentiment of their neighbours instead of carrying their own. */
export interface LexiconModifiers {
  /** `[forms, scalar]`: intensifiers (+0.293, VADER's B_INCR) and dampeners (-0.293, B_DECR). */
  readonly boosters: readonly WordEntry[];
  /** Words that negate a sentiment word up to 3 tokens after them (plus every `...n't` contraction). */
  readonly negators: readonly string[];
  /** Contrast words (`but`): sentiment before the first one counts ×0.5, after it ×1.5. */
  readonly contrasts: readonly string[];
  /** Words after which a `.` does not end a sentence (`Inc.`, `Corp.`, `Jan.`). */
  readonly abbreviations: readonly string[];
}

/** The whole lexicon handed to compileLexicon. */
export interface LexiconDefinition {
  readonly sections: readonly LexiconSection[];
  readonly modifiers: LexiconModifiers;
}

import { InvalidInputError, quote } from '../../core/errors.js';
import type { LexiconDefinition } from './lexicon/lexicon-entry.types.js';
import { Vocabulary } from './vocabulary.js';

/** Word flag: the word carries a valence of its own. */
export const WORD_HAS_VALENCE = 1;
/** Word flag: an intensifier or dampener (see `booster`). */
export const WORD_BOOSTER = 2;
/** Word flag: negates sentiment up to 3 tokens later. */
export const WORD_NEGATOR = 4;
/** Word flag: a contrast word (`but`). */
export const WORD_CONTRAST = 8;
/** Word flag: the first word of at least one phrase. */
export const WORD_PHRASE_START = 16;

/** Tokens a `*` slot may skip. */
export const MAX_GAP = 3;

/**
 * A node of the phrase trie, keyed by vocabulary id. `valence` is NaN unless a phrase ends here; `gap` is the
 * node reached through a `*` slot (its `next` holds the words that may follow the gap).
 */
export interface PhraseNode {
  valence: number;
  pattern: string;
  next: Map<number, PhraseNode> | null;
  gap: PhraseNode | null;
}

/** A lexicon ready for scoring: per-word attributes as typed arrays indexed by vocabulary id, and a trie. */
export interface CompiledLexicon {
  readonly vocabulary: Vocabulary;
  readonly flags: Uint8Array;
  readonly valence: Float64Array;
  readonly booster: Float64Array;
  /** 1 where a `.` after the word does not end a sentence (the tokenizer's input). */
  readonly abbreviations: Uint8Array;
  readonly phrases: PhraseNode;
  /** Number of words with a valence and of phrases after expanding alternatives (for reports). */
  readonly wordCount: number;
  readonly phraseCount: number;
}

const TOKEN = /^[a-z0-9']+$/;
const MIN_VALENCE = 0.5;
const MAX_VALENCE = 4;

/**
 * Compiles a lexicon definition, checking it as it goes: every form is one lower-case token, every valence is
 * within 0.5..4 in absolute value (0 allowed for neutral phrases only), no word gets two valences, no phrase
 * is listed twice, boosters and contrast words carry no valence. A lexicon that breaks a rule throws
 * InvalidInputError naming the entry, so a typo in the data cannot silently change scores.
 */
export function compileLexicon(definition: LexiconDefinition): CompiledLexicon {
  const ids = new Map<string, number>();
  const idOf = (word: string, where: string): number => {
    if (!TOKEN.test(word)) throw new InvalidInputError(`lexicon ${where}: ${quote(word)} is not one token`);
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  const valences = new Map<number, { value: number; section: string }>();
  const boosters = new Map<number, number>();
  const flagged = new Map<number, number>();
  const flag = (id: number, bit: number): void => void flagged.set(id, (flagged.get(id) ?? 0) | bit);

  for (const section of definition.sections) {
    for (const [forms, value] of section.words) {
      checkValence(value, `${section.name} ${quote(forms)}`, false);
      for (const form of splitForms(forms)) {
        const id = idOf(form, section.name);
        const earlier = valences.get(id);
        if (earlier !== undefined) {
          throw new InvalidInputError(
            `lexicon word ${quote(form)} has a valence in ${quote(earlier.section)} and in ${quote(section.name)}`,
          );
        }
        valences.set(id, { value, section: section.name });
        flag(id, WORD_HAS_VALENCE);
      }
    }
  }
  const { modifiers } = definition;
  for (const [forms, scalar] of modifiers.boosters) {
    if (!(Number.isFinite(scalar) && scalar !== 0 && Math.abs(scalar) <= 1)) {
      throw new InvalidInputError(
        `lexicon booster ${quote(forms)} scalar ${quote(scalar)} must be in [-1, 1], not 0`,
      );
    }
    for (const form of splitForms(forms)) {
      const id = idOf(form, 'boosters');
      if (valences.has(id) || boosters.has(id)) {
        throw new InvalidInputError(
          `lexicon booster ${quote(form)} already has a valence or a booster scalar`,
        );
      }
      boosters.set(id, scalar);
      flag(id, WORD_BOOSTER);
    }
  }
  for (const word of modifiers.negators) flag(idOf(word, 'negators'), WORD_NEGATOR);
  for (const word of modifiers.contrasts) {
    const id = idOf(word, 'contrasts');
    if (valences.has(id))
      throw new InvalidInputError(`lexicon contrast word ${quote(word)} must not have a valence`);
    flag(id, WORD_CONTRAST);
  }
  const abbreviationIds = modifiers.abbreviations.map((word) => idOf(word, 'abbreviations'));

  const root: PhraseNode = newNode('');
  let phraseCount = 0;
  for (const section of definition.sections) {
    for (const [pattern, value] of section.phrases) {
      checkValence(value, `${section.name} phrase ${quote(pattern)}`, true);
      const slots = parsePattern(pattern, section.name);
      for (const word of slots[0]!) flag(idOf(word, section.name), WORD_PHRASE_START);
      phraseCount += insertPhrase(root, slots, 0, value, pattern, (word) => idOf(word, section.name));
    }
  }

  const vocabulary = new Vocabulary([...ids.keys()]);
  const size = vocabulary.size;
  const flags = new Uint8Array(size);
  const valence = new Float64Array(size).fill(Number.NaN);
  const booster = new Float64Array(size);
  const abbreviations = new Uint8Array(size);
  for (const [id, bits] of flagged) flags[id] = bits;
  for (const [id, entry] of valences) valence[id] = entry.value;
  for (const [id, scalar] of boosters) booster[id] = scalar;
  for (const id of abbreviationIds) abbreviations[id] = 1;
  return {
    vocabulary,
    flags,
    valence,
    booster,
    abbreviations,
    phrases: root,
    wordCount: valences.size,
    phraseCount,
  };
}

function splitForms(forms: string): string[] {
  return forms.split(' ').filter((form) => form.length > 0);
}

function checkValence(value: number, where: string, zeroAllowed: boolean): void {
  const size = Math.abs(value);
  const ok =
    Number.isFinite(value) && ((zeroAllowed && value === 0) || (size >= MIN_VALENCE && size <= MAX_VALENCE));
  if (!ok) {
    throw new InvalidInputError(
      `lexicon ${where} valence ${quote(value)} must be within ${MIN_VALENCE}..${MAX_VALENCE} in absolute value` +
        (zeroAllowed ? ' or 0' : ''),
    );
  }
}

/** Slots of a pattern: `null` for a `*` gap, else the alternatives. */
function parsePattern(pattern: string, section: string): (readonly string[] | null)[] {
  const slots = pattern.split(' ').map((slot) => (slot === '*' ? null : slot.split('|')));
  const words = slots.filter((slot) => slot !== null).length;
  const gapMisplaced = slots.some(
    (slot, i) => slot === null && (i === 0 || i === slots.length - 1 || slots[i - 1] === null),
  );
  if (words < 2 || gapMisplaced) {
    throw new InvalidInputError(
      `lexicon ${section} phrase ${quote(pattern)} must have at least two word slots, with no gap first, last or twice in a row`,
    );
  }
  return slots;
}

function newNode(pattern: string): PhraseNode {
  return { valence: Number.NaN, pattern, next: null, gap: null };
}

/** Inserts every expansion of slots[index..] below `node`; returns the number of phrases inserted. */
function insertPhrase(
  node: PhraseNode,
  slots: readonly (readonly string[] | null)[],
  index: number,
  value: number,
  pattern: string,
  idOf: (word: string) => number,
): number {
  if (index === slots.length) {
    if (!Number.isNaN(node.valence)) {
      throw new InvalidInputError(
        `lexicon phrase ${quote(pattern)} repeats an expansion of ${quote(node.pattern)}`,
      );
    }
    node.valence = value;
    node.pattern = pattern;
    return 1;
  }
  const slot = slots[index];
  if (slot === null || slot === undefined) {
    node.gap ??= newNode('');
    return insertPhrase(node.gap, slots, index + 1, value, pattern, idOf);
  }
  let count = 0;
  for (const word of slot) {
    const id = idOf(word);
    node.next ??= new Map();
    let child = node.next.get(id);
    if (child === undefined) {
      child = newNode('');
      node.next.set(id, child);
    }
    count += insertPhrase(child, slots, index + 1, value, pattern, idOf);
  }
  return count;
}

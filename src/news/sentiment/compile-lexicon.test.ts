import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import {
  compileLexicon,
  WORD_BOOSTER,
  WORD_CONTRAST,
  WORD_HAS_VALENCE,
  WORD_NEGATOR,
  WORD_PHRASE_START,
} from './compile-lexicon.js';
import { FINANCE_LEXICON } from './lexicon/finance-lexicon.js';
import type { LexiconDefinition, LexiconSection } from './lexicon/lexicon-entry.types.js';

const modifiers = {
  boosters: [['very', 0.293]],
  negators: ['not'],
  contrasts: ['but'],
  abbreviations: ['inc'],
} as const;

function lexicon(
  sections: LexiconSection[],
  extra: Partial<LexiconDefinition['modifiers']> = {},
): LexiconDefinition {
  return { sections, modifiers: { ...modifiers, ...extra } };
}

function section(words: LexiconSection['words'], phrases: LexiconSection['phrases'] = []): LexiconSection {
  return { name: 'test', words, phrases };
}

describe('compileLexicon', () => {
  it('compiles the finance lexicon: hundreds of words, thousands of phrase expansions', () => {
    const compiled = compileLexicon(FINANCE_LEXICON);
    expect(compiled.wordCount).toBeGreaterThan(600);
    expect(compiled.phraseCount).toBeGreaterThan(2000);
    const id = (word: string) => compiled.vocabulary.idOf(word);
    expect(compiled.valence[id('plunges')]).toBe(-2.8);
    expect(compiled.valence[id('upgraded')]).toBe(2.3);
    expect(compiled.valence[id('guidance')]).toBeNaN();
    expect(compiled.flags[id('guidance')]! & WORD_PHRASE_START).toBe(WORD_PHRASE_START);
    // `fails` has a valence, negates, and starts `fails * endpoint`.
    expect(compiled.flags[id('fails')]).toBe(WORD_HAS_VALENCE | WORD_NEGATOR | WORD_PHRASE_START);
    expect(compiled.booster[id('sharply')]).toBe(0.293);
    expect(compiled.booster[id('slightly')]).toBe(-0.293);
    expect(compiled.abbreviations[id('corp')]).toBe(1);
  });

  it('expands alternatives and gaps into one trie, counting every expansion', () => {
    const compiled = compileLexicon(
      lexicon([
        section(
          [['good', 2]],
          [
            ['raise|raises * guidance|outlook', 2.2],
            ['in line', 0],
          ],
        ),
      ]),
    );
    expect(compiled.phraseCount).toBe(5);
    const id = (word: string) => compiled.vocabulary.idOf(word);
    const raises = compiled.phrases.next?.get(id('raises'));
    expect(raises?.gap?.next?.get(id('outlook'))?.valence).toBe(2.2);
    expect(compiled.phrases.next?.get(id('in'))?.next?.get(id('line'))?.valence).toBe(0);
    expect(compiled.flags[id('raise')]).toBe(WORD_PHRASE_START);
    expect(compiled.flags[id('very')]).toBe(WORD_BOOSTER);
    expect(compiled.flags[id('but')]).toBe(WORD_CONTRAST);
  });

  it('refuses a word with two valences, naming both sections', () => {
    const a = { name: 'a', words: [['beat beats', 2]], phrases: [] } as const;
    const b = { name: 'b', words: [['beats', 1]], phrases: [] } as const;
    expect(() => compileLexicon(lexicon([a, b]))).toThrow(
      'lexicon word "beats" has a valence in "a" and in "b"',
    );
  });

  it('refuses valences outside 0.5..4 (0 only for phrases) and forms that are not one token', () => {
    expect(() => compileLexicon(lexicon([section([['meh', 0.2]])]))).toThrow(InvalidInputError);
    expect(() => compileLexicon(lexicon([section([['wow', 5]])]))).toThrow('must be within 0.5..4');
    expect(() => compileLexicon(lexicon([section([['zero', 0]])]))).toThrow(InvalidInputError);
    expect(() => compileLexicon(lexicon([section([['x', Number.NaN]])]))).toThrow(InvalidInputError);
    expect(() => compileLexicon(lexicon([section([['Beat', 2]])]))).toThrow('"Beat" is not one token');
    expect(() => compileLexicon(lexicon([section([], [['all-time high', 2]])]))).toThrow(
      '"all-time" is not one token',
    );
  });

  it('refuses a phrase expansion listed twice and misplaced gaps', () => {
    expect(() =>
      compileLexicon(
        lexicon([
          section(
            [],
            [
              ['cut|cuts outlook', -2],
              ['cuts outlook', -1],
            ],
          ),
        ]),
      ),
    ).toThrow('lexicon phrase "cuts outlook" repeats an expansion of "cut|cuts outlook"');
    for (const pattern of ['* guidance cut', 'guidance cut *', 'raises * * guidance', 'guidance']) {
      expect(() => compileLexicon(lexicon([section([], [[pattern, 1]])]))).toThrow('at least two word slots');
    }
  });

  it('refuses boosters with a valence, bad booster scalars and contrast words with a valence', () => {
    expect(() => compileLexicon(lexicon([section([['very', 1]])]))).toThrow(
      'lexicon booster "very" already has a valence or a booster scalar',
    );
    expect(() => compileLexicon(lexicon([], { boosters: [['so', 0]] }))).toThrow('must be in [-1, 1], not 0');
    expect(() => compileLexicon(lexicon([], { boosters: [['so', 2]] }))).toThrow(InvalidInputError);
    expect(() => compileLexicon(lexicon([section([['but', 1]])]))).toThrow(
      'lexicon contrast word "but" must not have a valence',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { foldCode, Vocabulary } from './vocabulary.js';

describe('Vocabulary', () => {
  const vocabulary = new Vocabulary(['beat', 'miss', "doesn't", '11']);

  it('gives dense ids in insertion order and finds words by id', () => {
    expect(vocabulary.size).toBe(4);
    expect(vocabulary.idOf('beat')).toBe(0);
    expect(vocabulary.idOf('11')).toBe(3);
    expect(vocabulary.wordOf(1)).toBe('miss');
    expect(vocabulary.idOf('beats')).toBe(-1);
    expect(() => vocabulary.wordOf(9)).toThrow('vocabulary id "9" is out of range');
  });

  it('looks up a slice of text, folding ASCII case and typographic apostrophes', () => {
    const text = 'Apple BEATS; Beat, DOESN’T miss';
    expect(vocabulary.lookup(text, 6, 11)).toBe(-1); // "BEATS"
    expect(vocabulary.lookup(text, 6, 10)).toBe(0); // "BEAT": the slice, not the whole token, is looked up
    expect(vocabulary.lookup(text, 13, 17)).toBe(0); // "Beat"
    expect(vocabulary.lookup(text, 19, 26)).toBe(2); // "DOESN’T"
    expect(vocabulary.lookup(text, 27, 31)).toBe(1); // "miss"
    expect(vocabulary.lookup('xBEATx', 1, 5)).toBe(0);
  });

  it('folds only A-Z and the two typographic apostrophes', () => {
    expect(foldCode(65)).toBe(97);
    expect(foldCode(90)).toBe(122);
    expect(foldCode(97)).toBe(97);
    expect(foldCode(0x2019)).toBe(39);
    expect(foldCode(0x2018)).toBe(39);
    expect(foldCode(0xc9)).toBe(0xc9); // É stays: the lexicon is ASCII
  });

  it('refuses empty, upper-case and repeated words', () => {
    expect(() => new Vocabulary(['ok', ''])).toThrow(InvalidInputError);
    expect(() => new Vocabulary(['Beat'])).toThrow('vocabulary word "Beat" must be lower case');
    expect(() => new Vocabulary(['beat', 'beat'])).toThrow('vocabulary word "beat" is listed twice');
  });

  it('finds every word of a random vocabulary, anywhere in a text, and nothing else', () => {
    const word = fc.stringMatching(/^[a-z0-9']{1,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), fc.string(), (words, prefix) => {
        const set = new Vocabulary(words);
        words.forEach((w, id) => {
          const text = `${prefix}${w.toUpperCase()}!`;
          expect(set.lookup(text, prefix.length, prefix.length + w.length)).toBe(id);
        });
        const absent = `${words.join('')}z`;
        expect(set.idOf(absent)).toBe(words.includes(absent) ? words.indexOf(absent) : -1);
      }),
    );
  });
});

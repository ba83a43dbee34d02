import { describe, expect, it } from 'vitest';
import { compileLexicon } from './compile-lexicon.js';
import { PhraseMatcher } from './phrase-matcher.js';

const compiled = compileLexicon({
  sections: [
    {
      name: 'test',
      words: [
        ['profit', 1],
        ['loss', -1.5],
      ],
      phrases: [
        ['guidance cut', -2.4],
        ['raises * guidance', 2.2],
        ['raises * guidance sharply higher', 3],
        ['record high', 2.3],
        ['record * year', 2.0],
      ],
    },
  ],
  modifiers: { boosters: [['very', 0.293]], negators: ['not'], contrasts: ['but'], abbreviations: [] },
});
const matcher = new PhraseMatcher(compiled);

function ids(text: string): Int32Array {
  return Int32Array.from(text.split(' '), (word) => compiled.vocabulary.idOf(word));
}

function match(text: string, start = 0, limit?: number): [number, number] | null {
  const words = ids(text);
  return matcher.match(words, start, limit ?? words.length) ? [matcher.end, matcher.valence] : null;
}

describe('PhraseMatcher', () => {
  it('matches an exact phrase and reports its end and valence', () => {
    expect(match('guidance cut')).toEqual([2, -2.4]);
    expect(match('x guidance cut', 1)).toEqual([3, -2.4]);
    expect(match('guidance')).toBeNull();
    expect(match('profit')).toBeNull();
    expect(match('guidance cut', 0, 1)).toBeNull(); // the sentence ends before the phrase does
  });

  it('skips 0 to 3 plain tokens in a gap, never more', () => {
    expect(match('raises guidance')).toEqual([2, 2.2]);
    expect(match('raises full year guidance')).toEqual([4, 2.2]);
    expect(match('raises its full year guidance')).toEqual([5, 2.2]);
    expect(match('raises its new full year guidance')).toBeNull();
  });

  it('lets a gap skip mild sentiment words but not strong ones, negators or contrast words', () => {
    expect(match('raises annual profit guidance')).toEqual([4, 2.2]); // profit: |1| <= 1
    expect(match('raises loss guidance')).toBeNull(); // loss: |-1.5| > 1
    expect(match('raises not guidance')).toBeNull();
    expect(match('raises but guidance')).toBeNull();
  });

  it('prefers the longest match', () => {
    expect(match('raises 2025 guidance sharply higher')).toEqual([5, 3]);
    expect(match('raises 2025 guidance sharply')).toEqual([3, 2.2]);
    expect(match('record high this year')).toEqual([4, 2.0]); // the gap pattern spans more tokens
    expect(match('record high')).toEqual([2, 2.3]);
  });
});

import { describe, expect, it } from 'vitest';
import { titleFingerprint } from './simhash.js';
import { WordSetIndex } from './word-set-index.js';

const words = (title: string): Uint32Array => titleFingerprint(title).words;

function found(index: WordSetIndex, title: string, from = 0, to = 100): number[] {
  const count = index.search(words(title), from, to);
  return [...new Set(Array.from({ length: count }, (_, k) => index.candidate(k)))].sort((a, b) => a - b);
}

describe('WordSetIndex', () => {
  const index = new WordSetIndex(4);
  const titles = [
    'apple beats quarterly sales estimates', // 0
    'tesla recalls cars over brake fault', // 1
    'fed holds rates steady again', // 2
  ];
  titles.forEach((title, entry) => index.add(entry, words(title), entry * 10));

  it('finds titles one word apart: replaced, added, removed or reordered', () => {
    expect(found(index, 'apple beats quarterly revenue estimates')).toEqual([0]);
    expect(found(index, 'apple beats quarterly sales estimates again')).toEqual([0]);
    expect(found(index, 'apple beats quarterly estimates')).toEqual([0]);
    expect(found(index, 'estimates sales quarterly beats apple')).toEqual([0]);
    expect(found(index, 'tesla recalls cars over brake fault')).toEqual([1]);
  });

  it('does not find titles two words apart (their SimHash may), nor entries outside the time range', () => {
    expect(found(index, 'apple misses quarterly revenue estimates')).toEqual([]);
    expect(found(index, 'fed holds rates steady again', 0, 19)).toEqual([]);
    expect(found(index, 'fed holds rates steady again', 20, 20)).toEqual([2]);
  });

  it('keeps finding entries after growing its table many times', () => {
    const big = new WordSetIndex(1);
    for (let entry = 0; entry < 5000; entry++)
      big.add(entry, words(`alpha${entry} beta${entry} gamma${entry} market news`), entry);
    expect(found(big, 'alpha4321 beta4321 gamma4321 market', 0, 5000)).toEqual([4321]);
    expect(found(big, 'alpha17 beta17 gamma17 market news today', 0, 5000)).toEqual([17]);
  });

  it('requires entries in order of adding', () => {
    expect(() => new WordSetIndex().add(1, words('a b'), 0)).toThrow('entry 1 must be 0');
  });
});

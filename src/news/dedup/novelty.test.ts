import { describe, expect, it } from 'vitest';
import { isNovel, NoveltyFilter } from './novelty.js';

const HOUR = 3_600_000;

describe('isNovel', () => {
  it('holds for a stored article that repeats no earlier one', () => {
    expect(isNovel({ duplicateOf: null })).toBe(true);
    expect(isNovel({ duplicateOf: 'a1' })).toBe(false);
  });
});

describe('NoveltyFilter', () => {
  it('flags repeats of a story within its window and lets it count again after', () => {
    const filter = new NoveltyFilter({ windowMs: 24 * HOUR });
    expect(filter.observe('Fed holds interest rates steady, signals two cuts', 0)).toBe(true);
    expect(filter.observe('Tesla recalls 2,000 cars over brake fault', HOUR)).toBe(true);
    expect(
      filter.observe('UPDATE 1-Fed holds interest rates steady, signals two cuts - Reuters', 2 * HOUR),
    ).toBe(false);
    expect(filter.observe('Fed holds interest rates steady, signals three cuts', 20 * HOUR)).toBe(false);
    // 30 h after the last copy (at 20 h): out of the window again.
    expect(filter.observe('Fed holds interest rates steady, signals two cuts', 50 * HOUR)).toBe(true);
  });

  it('still sees the previous generation after a rotation, and only articles within the window', () => {
    const filter = new NoveltyFilter({ windowMs: 10 });
    expect(filter.observe('alpha beta gamma delta', 0)).toBe(true);
    expect(filter.observe('epsilon zeta eta theta', 8)).toBe(true);
    expect(filter.observe('iota kappa lambda omicron', 11)).toBe(true); // 11 - 0 > 10: a new generation starts
    expect(filter.observe('epsilon zeta eta theta update', 15)).toBe(false); // the copy at 8 is in the previous one
    expect(filter.observe('alpha beta gamma delta', 16)).toBe(true); // the copy at 0 is more than 10 before
    expect(filter.observe('sigma tau upsilon phi', 23)).toBe(true); // another rotation
    expect(filter.observe('epsilon zeta eta theta', 24)).toBe(false); // matches the copy at 15
  });

  it('requires publication times that do not decrease', () => {
    const filter = new NoveltyFilter();
    filter.observe('alpha beta gamma delta', 100);
    expect(() => filter.observe('alpha beta gamma delta', 99)).toThrow(
      'publishedAt "99" must be finite and not before the previous article\'s "100"',
    );
    expect(() => filter.observe('alpha beta gamma delta', Number.NaN)).toThrow('publishedAt "NaN"');
  });
});

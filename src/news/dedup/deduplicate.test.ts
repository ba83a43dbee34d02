import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../normalize/canonical-url.js';
import { normalizeTitle } from '../normalize/normalize-title.js';
import { deduplicate } from './deduplicate.js';
import { titleFingerprint } from './simhash.js';

const HOUR = 3_600_000;

function item(url: string, title: string, hours: number) {
  return {
    canonicalUrl: canonicalUrl(url),
    publishedAt: hours * HOUR,
    fingerprint: titleFingerprint(normalizeTitle(title)),
  };
}

describe('deduplicate', () => {
  it('makes the earliest-published copy the representative, whatever the input order', () => {
    const result = deduplicate([
      item('https://b.example/2', 'UPDATE 1-Fed holds interest rates steady, signals two cuts - Reuters', 3),
      item('https://a.example/1', 'Fed holds interest rates steady, signals two cuts', 1),
      item('https://c.example/3', 'Tesla recalls 2,000 cars over brake fault', 2),
    ]);
    expect(Array.from(result.duplicateOf)).toEqual([1, -1, -1]);
    expect(result).toMatchObject({ urlDuplicates: 0, nearDuplicates: 1 });
  });

  it('treats the same canonical URL as the same article, even with a different title', () => {
    const result = deduplicate([
      item('https://www.news.example/story/?utm_source=rss', 'Apple unveils new iPhone lineup', 0),
      item('https://news.example/story#comments', 'Live blog: everything announced today', 5),
    ]);
    expect(Array.from(result.duplicateOf)).toEqual([-1, 0]);
    expect(result).toMatchObject({ urlDuplicates: 1, nearDuplicates: 0 });
  });

  it('points every member of a chain of small edits at the first article', () => {
    const result = deduplicate([
      item('https://a.example/1', 'Oil prices jump as OPEC agrees deep output cut', 0),
      item('https://b.example/2', 'Oil prices surge as OPEC agrees deep output cut', 1),
      item('https://c.example/3', 'Oil prices surge as OPEC agrees deep supply cut', 2),
    ]);
    expect(Array.from(result.duplicateOf)).toEqual([-1, 0, 0]);
  });

  it('starts a new story once the window has passed, and keeps ties in input order', () => {
    const late = deduplicate([
      item('https://a.example/1', 'Oil prices jump as OPEC agrees deep output cut', 0),
      item('https://b.example/2', 'Oil prices jump as OPEC agrees deep output cut', 73),
    ]);
    expect(Array.from(late.duplicateOf)).toEqual([-1, -1]);
    const narrow = deduplicate(
      [
        item('https://a.example/1', 'Oil prices jump as OPEC agrees deep output cut', 0),
        item('https://b.example/2', 'Oil prices jump as OPEC agrees deep output cut', 2),
      ],
      { windowMs: HOUR },
    );
    expect(Array.from(narrow.duplicateOf)).toEqual([-1, -1]);
    const tie = deduplicate([
      item('https://a.example/1', 'Oil prices jump as OPEC agrees deep output cut', 4),
      item('https://b.example/2', 'Oil prices jump as OPEC agrees deep output cut', 4),
    ]);
    expect(Array.from(tie.duplicateOf)).toEqual([-1, 0]);
  });

  it('refuses a publication time that is not a finite number', () => {
    expect(() =>
      deduplicate([{ ...item('https://a.example/1', 'x y z w', 0), publishedAt: Number.NaN }]),
    ).toThrow('item 0 publishedAt "NaN" must be a finite epoch ms');
    expect(deduplicate([]).duplicateOf).toHaveLength(0);
  });
});

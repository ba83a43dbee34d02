import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../normalize/normalize-title.js';
import {
  DEFAULT_NEAR_DUPLICATE_OPTIONS,
  NearDuplicateFinder,
  nearDuplicateSettings,
} from './near-duplicate-finder.js';
import { titleFingerprint } from './simhash.js';

const HOUR = 3_600_000;
const fingerprint = (title: string) => titleFingerprint(normalizeTitle(title));

function finderWith(titles: Record<string, number>, options = {}): NearDuplicateFinder<string> {
  const finder = new NearDuplicateFinder<string>(options);
  for (const [title, time] of Object.entries(titles)) finder.add(title, fingerprint(title), time);
  return finder;
}

describe('NearDuplicateFinder', () => {
  const finder = finderWith({
    'Apple beats quarterly estimates as iPhone sales jump': 0,
    'Apple misses quarterly estimates as Mac sales slump': HOUR,
    'Tesla recalls 2,000 cars over brake fault': 2 * HOUR,
  });

  it('matches a copy with one word replaced (Jaccard 6/8), whatever its SimHash distance', () => {
    expect(
      finder.find(fingerprint('UPDATE 1-Apple beats quarterly estimates as iPhone sales surge'), HOUR),
    ).toBe('Apple beats quarterly estimates as iPhone sales jump');
    expect(finder.lastSimilarity).toBe(0.75);
    expect(finder.lastDistance).toBeGreaterThanOrEqual(0);
  });

  it('picks the most similar of several candidates and rejects pairs below the similarity', () => {
    expect(finder.find(fingerprint('Apple misses quarterly estimates as Mac sales jump'), HOUR)).toBe(
      'Apple misses quarterly estimates as Mac sales slump',
    );
    // 4 of the 10 distinct words shared: 0.4 < 0.6.
    expect(
      finder.find(fingerprint('Apple shares fall as quarterly estimates disappoint investors'), HOUR),
    ).toBe(undefined);
    expect(finder.lastSimilarity).toBe(0);
    expect(finder.lastDistance).toBe(-1);
  });

  it('looks only within the window on either side', () => {
    const copy = fingerprint('Tesla recalls 2,000 cars over brake fault - Reuters');
    expect(finder.find(copy, 2 * HOUR + 72 * HOUR)).toBe('Tesla recalls 2,000 cars over brake fault');
    expect(finder.find(copy, 2 * HOUR - 72 * HOUR)).toBe('Tesla recalls 2,000 cars over brake fault');
    expect(finder.find(copy, 2 * HOUR + 72 * HOUR + 1)).toBe(undefined);
  });

  it('never matches titles with fewer distinct words than minWords', () => {
    const short = finderWith({ 'Stock market today': 0 });
    expect(short.find(fingerprint('Stock market today'), HOUR)).toBe(undefined);
    const lenient = finderWith({ 'Stock market today': 0 }, { minWords: 2 });
    expect(lenient.find(fingerprint('Stock market today'), HOUR)).toBe('Stock market today');
    expect(lenient.size).toBe(1);
  });

  it('breaks ties by SimHash distance, then by earlier publication', () => {
    const twins = new NearDuplicateFinder<string>();
    const title = fingerprint('Fed holds interest rates steady again');
    twins.add('later', title, 10);
    twins.add('earlier', title, 5);
    expect(twins.find(title, 20)).toBe('earlier');
  });

  it('checks its settings and fills in defaults', () => {
    expect(nearDuplicateSettings()).toEqual(DEFAULT_NEAR_DUPLICATE_OPTIONS);
    expect(nearDuplicateSettings({ maxDistance: 3 }).maxDistance).toBe(3);
    expect(() => nearDuplicateSettings({ maxDistance: 12 })).toThrow('maxDistance "12"');
    expect(() => nearDuplicateSettings({ minSimilarity: 0 })).toThrow('minSimilarity "0" must be in (0, 1]');
    expect(() => nearDuplicateSettings({ windowMs: -1 })).toThrow('windowMs "-1"');
    expect(() => nearDuplicateSettings({ windowMs: Infinity })).toThrow('windowMs "Infinity"');
    expect(() => nearDuplicateSettings({ minWords: 0 })).toThrow('minWords "0" must be an integer >= 1');
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeTitle } from './normalize-title.js';
import { isPublisherName, publisherKey } from './publishers.js';

describe('normalizeTitle', () => {
  it('lower-cases, joins apostrophes, keeps decimal points and drops thousands commas', () => {
    expect(normalizeTitle("Apple's profit beats; shares up 3.5%!")).toBe('apples profit beats shares up 3.5');
    expect(normalizeTitle('Tesla recalls 2,000 cars (1,234,567 in total), not 12,34')).toBe(
      'tesla recalls 2000 cars 1234567 in total not 12 34',
    );
    expect(normalizeTitle('Dow ends at 35.000 points. Next? U.S. jobs')).toBe(
      'dow ends at 35.000 points next u s jobs',
    );
  });

  it('strips a publisher tail, repeatedly, but keeps a tail that is part of the headline', () => {
    expect(normalizeTitle('Fed holds rates - Reuters')).toBe('fed holds rates');
    expect(normalizeTitle('Fed holds rates | Markets | Reuters')).toBe('fed holds rates markets');
    expect(normalizeTitle("Fed holds rates — Barron's")).toBe('fed holds rates');
    expect(normalizeTitle('Fed holds rates :: marketwatch.com')).toBe('fed holds rates');
    expect(normalizeTitle('Apple - shares jump')).toBe('apple shares jump');
    expect(normalizeTitle('Fed holds rates - Daily Planet', { sourceNames: ['Daily Planet'] })).toBe(
      'fed holds rates',
    );
    expect(normalizeTitle('Reuters')).toBe('reuters');
  });

  it('strips wire prefixes such as "UPDATE 2-" and "REFILE-", stacked or not', () => {
    expect(normalizeTitle('UPDATE 2-Oil jumps')).toBe('oil jumps');
    expect(normalizeTitle('REFILE-UPDATE 1-Oil jumps')).toBe('oil jumps');
    expect(normalizeTitle('BREAKING: Oil jumps')).toBe('oil jumps');
    expect(normalizeTitle('Update on oil: prices jump')).toBe('update on oil prices jump');
  });

  it('removes accents and keeps letters of other scripts as words', () => {
    expect(normalizeTitle('Nestlé résumé — Bloomberg')).toBe('nestle resume');
    expect(normalizeTitle('東京 株価 上昇')).toBe('東京 株価 上昇');
    expect(normalizeTitle('𝐁𝐨𝐥𝐝 news 𝟓')).toBe('bold news 5');
    expect(normalizeTitle('Emoji 📈 rally')).toBe('emoji rally');
  });

  it('gives one form to the copies of a headline from different feeds', () => {
    const copies = [
      'UPDATE 1-Apple beats estimates as iPhone sales jump - Reuters',
      'Apple Beats Estimates As iPhone Sales Jump | MarketWatch',
      'APPLE BEATS ESTIMATES AS IPHONE SALES JUMP',
      'Apple beats estimates, as iPhone sales jump…',
    ];
    expect(new Set(copies.map((title) => normalizeTitle(title)))).toEqual(
      new Set(['apple beats estimates as iphone sales jump']),
    );
  });

  it('returns an empty string when nothing word-like is left', () => {
    expect(normalizeTitle(' -- !!! ')).toBe('');
    expect(normalizeTitle('')).toBe('');
  });
});

describe('publishers', () => {
  it('compares publisher names without case, accents, apostrophes or extra spaces', () => {
    expect(publisherKey("  Barron's  ")).toBe('barrons');
    expect(publisherKey('Le  Monde')).toBe('le monde');
    expect(isPublisherName('reuters')).toBe(true);
    expect(isPublisherName('ft.com')).toBe(true);
    expect(isPublisherName('shares jump')).toBe(false);
    expect(isPublisherName('Le Monde', ['LE MONDE'])).toBe(true);
  });
});

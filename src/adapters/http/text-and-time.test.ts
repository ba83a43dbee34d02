import { describe, expect, it } from 'vitest';
import type { NewsItem } from '../../news/news-item.types.js';
import { decodeEntities, htmlToLine, htmlToText } from './html-text.js';
import { checkNewsQuery, querySymbols, selectNews } from './news-query.js';
import { fieldPath } from './payload.js';
import { epochMsToZonedWallTime, parseRfc3339, utcFromParts, zonedWallTimeToEpochMs } from './timestamps.js';

describe('htmlToText', () => {
  it('drops scripts, styles, comments and tags, breaks lines at blocks and decodes entities once', () => {
    const html =
      '<div><script>alert("x")</script><style>p{}</style><!-- note --><h2>Q4&nbsp;results</h2><p>Revenue rose 5% &amp; margins &lt;b&gt;held&lt;/b&gt;.<br/>S&P < 4000, A&amp;B &#8217;24 &#x2014; done &bogus;</p></div>';
    expect(htmlToText(html)).toBe(
      'Q4 results\nRevenue rose 5% & margins <b>held</b>.\nS&P < 4000, A&B ’24 — done &bogus;',
    );
    expect(htmlToLine('<p>one</p><p>two</p>')).toBe('one two');
    expect(decodeEntities('&#0; &#xD800; &#1114112; &amp;amp;')).toBe('&#0; &#xD800; &#1114112; &amp;');
  });
});

describe('timestamps', () => {
  it('reads RFC 3339 with zones, fractions and optional seconds, and refuses zone-less or impossible times', () => {
    expect(parseRfc3339('2024-03-05T14:30:00Z')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc3339('2024-03-05t09:30:00.123456-0500')).toBe(Date.UTC(2024, 2, 5, 14, 30, 0, 123));
    expect(parseRfc3339('2024-03-05 15:30+01:00')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseRfc3339('2024-03-05T14:30:00')).toBeNull();
    expect(parseRfc3339('2024-02-30T14:30:00Z')).toBeNull();
    expect(utcFromParts(2024, 13, 1)).toBeNull();
  });

  it('converts New York wall time across both daylight-saving changes', () => {
    const ny = 'America/New_York';
    expect(zonedWallTimeToEpochMs(Date.UTC(2024, 2, 9, 12), ny)).toBe(Date.UTC(2024, 2, 9, 17)); // EST
    expect(zonedWallTimeToEpochMs(Date.UTC(2024, 2, 11, 12), ny)).toBe(Date.UTC(2024, 2, 11, 16)); // EDT
    expect(zonedWallTimeToEpochMs(Date.UTC(2024, 10, 4, 12), ny)).toBe(Date.UTC(2024, 10, 4, 17)); // EST again
    expect(zonedWallTimeToEpochMs(Date.UTC(2024, 2, 10, 2, 30), ny)).toBe(Date.UTC(2024, 2, 10, 7, 30)); // skipped: 03:30 EDT
    expect(zonedWallTimeToEpochMs(Date.UTC(2024, 10, 3, 1, 30), ny)).toBe(Date.UTC(2024, 10, 3, 5, 30)); // repeated: 01:30 EDT
    expect(epochMsToZonedWallTime(Date.UTC(2024, 6, 1, 16, 0, 0, 250), ny)).toBe(
      Date.UTC(2024, 6, 1, 12, 0, 0, 250),
    );
    expect(epochMsToZonedWallTime(5, 'UTC')).toBe(5);
  });
});

const item = (url: string, publishedAt: number, symbols: string[] = []): NewsItem => ({
  source: 's',
  url,
  title: url,
  summary: '',
  body: null,
  publishedAt,
  symbols,
  language: null,
  providerSentiment: null,
});

describe('news queries', () => {
  it('keeps [from, to), merges the symbols of one URL, sorts newest first and applies the limit', () => {
    const items = [
      item('a', 10, ['X']),
      item('b', 30),
      item('a', 10, ['Y', 'X']),
      item('c', 20),
      item('d', 40),
    ];
    expect(selectNews(items, { from: 10, to: 40 })).toEqual([
      item('b', 30),
      item('c', 20),
      item('a', 10, ['X', 'Y']),
    ]);
    expect(selectNews(items, { limit: 1 }).map((i) => i.url)).toEqual(['d']);
    expect(querySymbols({ symbols: ['aapl', 'AAPL', 'msft'] })).toEqual(['AAPL', 'MSFT']);
  });

  it('refuses a bad limit, window or symbol', () => {
    expect(() => checkNewsQuery({ limit: 2.5 })).toThrow('news limit "2.5" must be an integer >= 1');
    expect(() => checkNewsQuery({ from: Number.NaN })).toThrow('news from "NaN" must be a finite epoch ms');
    expect(() => checkNewsQuery({ from: 2, to: 1 })).toThrow('news from "2" must be before to "1"');
    expect(() => checkNewsQuery({ symbols: ['A B'] })).toThrow('news symbol "A B" must be a ticker');
    expect(() =>
      checkNewsQuery({ symbols: ['BRK.B', 'CRYPTO:BTC', '^GSPC'], limit: 3, from: 1, to: 2 }),
    ).not.toThrow();
  });

  it('names fields like articles[3].publishedAt', () => {
    expect(fieldPath(['articles', 3, 'publishedAt'])).toBe('articles[3].publishedAt');
    expect(fieldPath([0, 'x'])).toBe('[0].x');
    expect(fieldPath([])).toBe('(root)');
  });
});

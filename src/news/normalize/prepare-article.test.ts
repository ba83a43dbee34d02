import { describe, expect, it } from 'vitest';
import type { NewsItem } from '../news-item.types.js';
import { titleFingerprint } from '../dedup/simhash.js';
import { SymbolTagger } from '../tagging/symbol-tagger.js';
import { prepareArticle } from './prepare-article.js';

const item: NewsItem = {
  source: ' rss:reuters ',
  url: 'https://www.reuters.com/tech/apple-beats/?utm_source=rss',
  title: 'Apple&#39;s <b>profit</b> beats estimates - Reuters',
  summary: '<p>Microsoft also rose.</p>',
  body: '<p>Full text.</p>',
  publishedAt: 1_700_000_000_000,
  symbols: ['aapl', 'CRYPTO:BTC'],
  language: 'EN',
  providerSentiment: 0.25,
};

describe('prepareArticle', () => {
  it('cleans the text, canonicalises the URL, fingerprints the title and keeps the source’s valid tags', () => {
    expect(prepareArticle(item)).toEqual({
      source: 'rss:reuters',
      url: 'https://www.reuters.com/tech/apple-beats/?utm_source=rss',
      canonicalUrl: 'https://reuters.com/tech/apple-beats',
      title: "Apple's profit beats estimates - Reuters",
      summary: 'Microsoft also rose.',
      body: 'Full text.',
      publishedAt: 1_700_000_000_000,
      symbols: ['AAPL'],
      language: 'en',
      providerSentiment: 0.25,
      fingerprint: titleFingerprint('apples profit beats estimates'),
    });
  });

  it('adds the symbols a tagger finds in the title and summary, not in the body', () => {
    const tagger = new SymbolTagger([
      { symbol: 'MSFT', name: 'Microsoft Corporation' },
      { symbol: 'TSLA', name: 'Tesla, Inc.' },
    ]);
    const prepared = prepareArticle({ ...item, body: 'Tesla was not involved.' }, { tagger });
    expect(prepared.symbols).toEqual(['AAPL', 'MSFT']);
  });

  it('stores an empty body as null', () => {
    expect(prepareArticle({ ...item, body: '<p> </p>' }).body).toBeNull();
    expect(prepareArticle({ ...item, body: null, language: null, providerSentiment: null })).toMatchObject({
      body: null,
      language: null,
      providerSentiment: null,
    });
  });

  it('rejects an item it cannot store, naming the item and the field', () => {
    const where = 'news item "https://www.reuters.com/tech/apple-beats/?utm_source=rss"';
    expect(() => prepareArticle({ ...item, source: ' ' })).toThrow(`${where} source " " must not be empty`);
    expect(() => prepareArticle({ ...item, title: '<b></b>' })).toThrow(
      `${where} title "<b></b>" has no text`,
    );
    expect(() => prepareArticle({ ...item, publishedAt: Number.NaN })).toThrow(`${where} publishedAt "NaN"`);
    expect(() => prepareArticle({ ...item, providerSentiment: 1.5 })).toThrow(
      `${where} providerSentiment "1.5" must be in [-1, 1] or null`,
    );
    expect(() => prepareArticle({ ...item, language: 'English' })).toThrow(`${where} language "English"`);
    expect(() => prepareArticle({ ...item, url: 'mailto:desk@reuters.com' })).toThrow('scheme "mailto"');
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewsItem } from '../../news/news-item.types.js';
import { titleFingerprint } from '../../news/dedup/simhash.js';
import { normalizeTitle } from '../../news/normalize/normalize-title.js';
import { SymbolTagger } from '../../news/tagging/symbol-tagger.js';
import { FingerprintCache } from './article-ingest.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

const HOUR = 3_600_000;

function news(url: string, title: string, hours: number, overrides: Partial<NewsItem> = {}): NewsItem {
  return {
    source: 'newsapi',
    url,
    title,
    summary: '',
    body: null,
    publishedAt: hours * HOUR,
    symbols: [],
    language: 'en',
    providerSentiment: null,
    ...overrides,
  };
}

const idOf = (canonical: string): string => createHash('sha256').update(canonical).digest('hex').slice(0, 32);
const tagger = new SymbolTagger([
  { symbol: 'AAPL', name: 'Apple Inc.' },
  { symbol: 'MSFT', name: 'Microsoft Corporation' },
]);

const REUTERS = news(
  'https://www.reuters.com/apple-beats/?utm_source=rss',
  'Apple beats quarterly estimates as iPhone sales jump - Reuters',
  10,
  {
    source: 'rss:reuters',
  },
);
const CNBC = news(
  'https://cnbc.com/apple',
  'UPDATE 1-Apple beats quarterly estimates as iPhone sales surge',
  12,
  {
    source: 'finnhub',
    symbols: ['AAPL', 'QQQ'],
  },
);
const FT = news('https://ft.com/msft', 'Microsoft cuts cloud prices in Europe amid antitrust probe', 9, {
  source: 'rss:ft',
});

describe('SqliteArticleRepository.ingest', () => {
  let dir: string;
  let path: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'articles-ingest-'));
    path = join(dir, 'store.db');
    store = openSqliteStore({ path });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores new stories under ids derived from their canonical URLs, and near-duplicates under the first copy', async () => {
    const result = await store.articles.ingest([REUTERS, CNBC, FT], { tagger });
    const reutersId = idOf('https://reuters.com/apple-beats');
    expect(result).toEqual({
      inserted: 2,
      duplicates: 1,
      merged: 0,
      items: [
        { id: reutersId, outcome: 'new' },
        { id: idOf('https://cnbc.com/apple'), outcome: 'duplicate' },
        { id: idOf('https://ft.com/msft'), outcome: 'new' },
      ],
    });
    expect(await store.articles.get(reutersId)).toMatchObject({
      sources: ['rss:reuters', 'finnhub'],
      symbols: ['AAPL', 'QQQ'],
      duplicateOf: null,
      canonicalUrl: 'https://reuters.com/apple-beats',
    });
    expect(await store.articles.get(idOf('https://cnbc.com/apple'))).toMatchObject({
      sources: ['finnhub'],
      duplicateOf: reutersId,
    });
    expect((await store.articles.list({ symbol: 'MSFT' })).map((a) => a.source)).toEqual(['rss:ft']);
    expect((await store.articles.list({ includeDuplicates: false })).map((a) => a.source)).toEqual([
      'rss:reuters',
      'rss:ft',
    ]);
    expect(await store.articles.list()).toHaveLength(3);
  });

  it('merges a copy with a known canonical URL, filling what the stored article lacked', async () => {
    await store.articles.ingest([REUTERS, CNBC]);
    const result = await store.articles.ingest([
      news('http://reuters.com/apple-beats#top', 'Apple beats estimates', 11, {
        source: 'alphavantage',
        summary: 'Apple topped forecasts.',
        body: 'Full <b>text</b>.',
        symbols: ['AAPL'],
        providerSentiment: 0.3,
        language: 'en',
      }),
      news('https://cnbc.com/apple?utm_medium=social', 'Apple copy', 12, {
        source: 'yahoo',
        symbols: ['MSFT'],
      }),
    ]);
    expect(result).toMatchObject({ inserted: 0, duplicates: 0, merged: 2 });
    const representative = await store.articles.get(idOf('https://reuters.com/apple-beats'));
    expect(representative).toMatchObject({
      title: 'Apple beats quarterly estimates as iPhone sales jump - Reuters',
      summary: 'Apple topped forecasts.',
      body: 'Full text.',
      providerSentiment: 0.3,
      sources: ['rss:reuters', 'finnhub', 'alphavantage', 'yahoo'],
      symbols: ['AAPL', 'MSFT', 'QQQ'],
    });
    expect(await store.articles.get(idOf('https://cnbc.com/apple'))).toMatchObject({
      sources: ['finnhub'],
      symbols: ['AAPL', 'MSFT', 'QQQ'],
    });
    expect((await store.articles.search('forecasts')).map((hit) => hit.article.source)).toEqual([
      'rss:reuters',
    ]);
  });

  it('makes a copy published earlier than the stored story its representative, re-pointing every member', async () => {
    await store.articles.ingest([REUTERS, CNBC]);
    const bbc = news('https://bbc.com/apple', 'Apple beats quarterly estimates as iPhone sales jump', 8, {
      source: 'rss:bbc',
      symbols: ['AAPL'],
    });
    expect((await store.articles.ingest([bbc])).items[0]?.outcome).toBe('duplicate');
    const bbcId = idOf('https://bbc.com/apple');
    expect(await store.articles.get(bbcId)).toMatchObject({
      duplicateOf: null,
      sources: ['rss:bbc', 'rss:reuters', 'finnhub'],
      symbols: ['AAPL', 'QQQ'],
    });
    for (const url of ['https://reuters.com/apple-beats', 'https://cnbc.com/apple'])
      expect(await store.articles.get(idOf(url))).toMatchObject({ duplicateOf: bbcId });
    expect(await store.articles.get(idOf('https://reuters.com/apple-beats'))).toMatchObject({
      sources: ['rss:reuters'],
    });
    // A later copy joins the new representative directly.
    await store.articles.ingest([
      news('https://wsj.com/apple', 'Apple beats quarterly estimates as iPhone sales jump', 13),
    ]);
    expect(await store.articles.get(idOf('https://wsj.com/apple'))).toMatchObject({ duplicateOf: bbcId });
  });

  it('finds the representative within the same batch whatever the order given', async () => {
    const result = await store.articles.ingest([
      CNBC,
      news('https://bbc.com/apple', 'Apple beats quarterly estimates as iPhone sales jump', 8),
    ]);
    expect(result.items.map((item) => item.outcome)).toEqual(['duplicate', 'new']);
    expect(await store.articles.get(idOf('https://cnbc.com/apple'))).toMatchObject({
      duplicateOf: idOf('https://bbc.com/apple'),
    });
  });

  it('never merges near-identical titles about different symbols, in one batch or across batches', async () => {
    const recall = (symbol: string, hours: number) =>
      news(`https://example.com/${symbol}`, `${symbol} recalls products over safety defects`, hours, {
        symbols: [symbol],
      });
    const first = await store.articles.ingest([recall('SPY', 1), recall('QQQ', 2)]);
    expect(first.items.map((item) => item.outcome)).toEqual(['new', 'new']);
    const second = await store.articles.ingest([
      recall('AAPL', 3),
      news('https://other.com/spy', 'SPY recalls more products over safety defects', 4, {
        symbols: ['SPY'],
      }),
    ]);
    expect(second.items.map((item) => item.outcome)).toEqual(['new', 'duplicate']);
    expect(await store.articles.get(idOf('https://example.com/SPY'))).toMatchObject({ symbols: ['SPY'] });
  });

  it('treats copies beyond the window as a new story, and honours other settings', async () => {
    await store.articles.ingest([REUTERS]);
    const late = news(
      'https://bbc.com/apple',
      'Apple beats quarterly estimates as iPhone sales jump',
      10 + 73,
    );
    expect((await store.articles.ingest([late])).items[0]?.outcome).toBe('new');
    const strict = news('https://wsj.com/apple', 'Apple beats quarterly estimates as iPhone sales surge', 11);
    expect(
      (await store.articles.ingest([strict], { nearDuplicate: { minSimilarity: 0.9 } })).items[0]?.outcome,
    ).toBe('new');
  });

  it('stores nothing of a batch with an invalid item, or one that fails while writing', async () => {
    await store.articles.ingest([FT]);
    await expect(
      store.articles.ingest([REUTERS, news('ftp://x.example/a', 'Bad link here today', 1)]),
    ).rejects.toThrow('article url "ftp://x.example/a" has scheme "ftp"');
    const side = new Database(path);
    side.exec(`CREATE TRIGGER fail_on_tesla BEFORE INSERT ON articles WHEN new.title LIKE 'Tesla%'
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    side.close();
    await expect(
      store.articles.ingest([
        REUTERS,
        news('https://x.example/t', 'Tesla recalls cars over brake fault', 11),
      ]),
    ).rejects.toMatchObject({ code: 'STORE_FAILURE' });
    expect((await store.articles.list()).map((a) => a.source)).toEqual(['rss:ft']);
    expect(await store.articles.ingest([])).toEqual({ inserted: 0, duplicates: 0, merged: 0, items: [] });
  });
});

describe('FingerprintCache', () => {
  it('reuses a fingerprint while the title is unchanged, recomputes it otherwise, and empties when full', () => {
    const cache = new FingerprintCache(2);
    const first = cache.of('a', 'Fed holds rates steady');
    expect(first).toEqual(titleFingerprint(normalizeTitle('Fed holds rates steady')));
    expect(cache.of('a', 'Fed holds rates steady')).toBe(first);
    const renamed = cache.of('a', 'Fed cuts rates');
    expect(renamed).toEqual(titleFingerprint('fed cuts rates'));
    cache.of('b', 'Oil jumps');
    cache.of('c', 'Gold slips'); // the third entry empties the cache first
    expect(cache.of('a', 'Fed cuts rates')).not.toBe(renamed);
  });

  it('serves the repository across batches without letting a changed title match by its old fingerprint', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await store.articles.ingest([REUTERS]);
    const id = idOf('https://reuters.com/apple-beats');
    await store.articles.upsert({
      ...(await store.articles.get(id))!,
      title: 'Tesla recalls cars over a brake fault',
    });
    const copy = news('https://bbc.com/apple', 'Apple beats quarterly estimates as iPhone sales jump', 11);
    expect((await store.articles.ingest([copy])).items[0]?.outcome).toBe('new');
    const recall = news('https://bbc.com/tesla', 'Tesla recalls cars over brake fault', 11);
    expect((await store.articles.ingest([recall])).items[0]?.outcome).toBe('duplicate');
    await store.close();
  });
});

describe('SqliteArticleRepository.search', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = openSqliteStore({ path: ':memory:' });
    const filler = Array.from({ length: 20 }, (_, i) =>
      news(`https://filler.example/${i}`, `Market wrap ${i} stocks bonds currencies session ${i * 7}`, i, {
        body: `Quiet trading number ${i}.`,
      }),
    );
    await store.articles.ingest(
      [
        ...filler,
        news('https://a.example/title', 'Nvidia unveils new chip', 30, { symbols: ['NVDA'] }),
        news('https://a.example/body', 'Chipmakers rally on demand', 31, {
          body: 'Analysts cite Nvidia orders.',
        }),
        news('https://a.example/copy', 'UPDATE 1-Nvidia unveils new chip - Reuters', 32),
      ],
      { tagger: new SymbolTagger([{ symbol: 'NVDA', name: 'NVIDIA Corporation' }]) },
    );
  });
  afterEach(() => store.close());

  it('ranks a title match above a body match, hides duplicates unless asked, and marks matches in a snippet', async () => {
    const hits = await store.articles.search('nvidia');
    expect(hits.map((hit) => hit.article.url)).toEqual(['https://a.example/title', 'https://a.example/body']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
    expect(hits[0]?.snippet).toBe('[Nvidia] unveils new chip');
    expect(hits[1]?.snippet).toBe('Analysts cite [Nvidia] orders.');
    expect(await store.articles.search('nvidia', { includeDuplicates: true })).toHaveLength(3);
  });

  it('filters by symbol, time range and limit', async () => {
    expect((await store.articles.search('nvidia', { symbol: 'nvda' })).map((hit) => hit.article.url)).toEqual(
      ['https://a.example/title'],
    );
    expect(
      (await store.articles.search('nvidia', { from: 31 * HOUR })).map((hit) => hit.article.url),
    ).toEqual(['https://a.example/body']);
    expect(await store.articles.search('nvidia', { to: 30 * HOUR })).toEqual([]);
    expect(await store.articles.search('wrap', { limit: 3 })).toHaveLength(3);
  });

  it('rejects a malformed query with INVALID_INPUT naming the problem', async () => {
    await expect(store.articles.search('"nvidia')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'search query "\\"nvidia" has an unclosed quote',
    });
    await expect(store.articles.search('nvidia', { limit: 0 })).rejects.toThrow('limit "0"');
  });
});

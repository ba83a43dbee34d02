import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simHashToHex, titleFingerprint } from '../../news/dedup/simhash.js';
import { normalizeTitle } from '../../news/normalize/normalize-title.js';
import type { ArticleInput } from '../repositories.types.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function article(
  id: string,
  publishedAt: number,
  symbols: string[],
  overrides: Partial<ArticleInput> = {},
): ArticleInput {
  return {
    id,
    source: 'rss:reuters',
    url: `https://news.example/${id}`,
    title: `Story ${id}`,
    body: `Body of ${id}`,
    publishedAt,
    symbols,
    sentiment: null,
    ...overrides,
  };
}

describe('SqliteArticleRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('stores an article once per url: the second copy updates it, keeps the first id and adds its source', async () => {
    const original = article('a1', 100, ['AAPL']);
    expect(await store.articles.upsert(original)).toEqual({ inserted: 1, updated: 0 });
    const syndicated = article('a1-copy', 150, ['aapl', 'MSFT'], {
      url: original.url,
      source: 'newsapi',
      sentiment: 0.4,
      summary: 'Lead',
      language: 'en',
      sentimentConfidence: 0.7,
      providerSentiment: -0.1,
    });
    expect(await store.articles.upsert(syndicated)).toEqual({ inserted: 0, updated: 1 });
    const stored = await store.articles.get('a1');
    const fingerprint = titleFingerprint(normalizeTitle('Story a1-copy'));
    expect(stored).toEqual({
      ...syndicated,
      id: 'a1',
      symbols: ['AAPL', 'MSFT'],
      sources: ['rss:reuters', 'newsapi'],
      canonicalUrl: 'https://news.example/a1',
      simhash: simHashToHex(fingerprint.high, fingerprint.low),
      duplicateOf: null,
    });
    expect(await store.articles.list({ symbol: 'MSFT' })).toHaveLength(1);
    expect(await store.articles.get('missing')).toBeNull();
  });

  it('drops the symbol tags an update no longer carries', async () => {
    await store.articles.upsert(article('a1', 100, ['AAPL', 'TSLA']));
    await store.articles.upsert(article('a1', 100, ['AAPL']));
    expect(await store.articles.list({ symbol: 'TSLA' })).toEqual([]);
    expect(await store.integrityCheck()).toEqual([]);
  });

  it('filters by symbol and half-open time range, newest first, up to a limit', async () => {
    await store.articles.upsert([
      article('a', 10, ['AAPL']),
      article('b', 20, ['MSFT']),
      article('c', 30, ['AAPL', 'MSFT'], { sentiment: -0.75 }),
      article('d', 40, []),
      article('e', 40, ['AAPL', 'AAPL']),
    ]);
    expect((await store.articles.list()).map((a) => a.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect((await store.articles.list({ symbol: 'aapl' })).map((a) => a.id)).toEqual(['e', 'c', 'a']);
    expect((await store.articles.list({ from: 20, to: 40 })).map((a) => a.id)).toEqual(['c', 'b']);
    expect((await store.articles.list({ symbol: 'MSFT', from: 25 })).map((a) => a.id)).toEqual(['c']);
    expect((await store.articles.list({ limit: 2 })).map((a) => a.id)).toEqual(['e', 'd']);
    expect((await store.articles.list({ symbol: 'AAPL' }))[0]?.symbols).toEqual(['AAPL']);
    await expect(store.articles.list({ limit: -1 })).rejects.toThrow(/limit "-1"/);
  });

  it('rejects scores outside their ranges and stores nothing of that batch', async () => {
    await expect(
      store.articles.upsert([article('ok', 1, []), article('bad', 2, [], { sentiment: 1.5 })]),
    ).rejects.toThrow(/article sentiment "1.5" must be in \[-1, 1\] or null/);
    await expect(store.articles.upsert(article('bad', 2, [], { sentimentConfidence: -0.1 }))).rejects.toThrow(
      'article sentimentConfidence "-0.1" must be in [0, 1] or null',
    );
    await expect(store.articles.upsert(article('bad', 2, [], { providerSentiment: 2 }))).rejects.toThrow(
      'article providerSentiment "2"',
    );
    expect(await store.articles.list()).toEqual([]);
  });

  it('refuses a second article whose url differs but whose canonical URL is the same', async () => {
    await store.articles.upsert(article('a', 1, [], { url: 'https://news.example/a?utm_source=x' }));
    await expect(
      store.articles.upsert(article('b', 2, [], { url: 'https://news.example/a/' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('records sentiment scores, all or none, and refuses unknown ids and out-of-range values', async () => {
    await store.articles.upsert([article('a', 1, []), article('b', 2, [])]);
    expect(
      await store.articles.setSentiment([
        { id: 'a', score: -0.5, confidence: 0.9 },
        { id: 'b', score: 1, confidence: 0 },
      ]),
    ).toBe(2);
    expect(await store.articles.get('a')).toMatchObject({ sentiment: -0.5, sentimentConfidence: 0.9 });
    await expect(
      store.articles.setSentiment([
        { id: 'a', score: 0.1, confidence: 0.5 },
        { id: 'zz', score: 0, confidence: 0 },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'article "zz" does not exist' });
    expect(await store.articles.get('a')).toMatchObject({ sentiment: -0.5 });
    await expect(store.articles.setSentiment([{ id: 'a', score: -2, confidence: 0 }])).rejects.toThrow(
      'sentiment score of article "a" "-2" must be in [-1, 1] or null',
    );
    await expect(store.articles.setSentiment([{ id: 'a', score: 0, confidence: 1.2 }])).rejects.toThrow(
      'sentiment confidence of article "a" "1.2"',
    );
  });
});

describe('full-text search support', () => {
  it('is compiled into the bundled SQLite (FTS5)', () => {
    const db = new Database(':memory:');
    expect(db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5')").pluck().get()).toBe(1);
    db.close();
  });
});

describe('migration 7', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'articles-v7-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the articles and symbol tags stored before it, indexes them for search and merges a re-fetch', async () => {
    const path = join(dir, 'store.db');
    const legacy = new Database(path);
    legacy.pragma('foreign_keys = ON');
    runMigrations(legacy, MIGRATIONS.slice(0, 6));
    legacy
      .prepare('INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        'old-1',
        'rss:fed',
        'http://www.federalreserve.gov/x?utm_source=rss',
        'Fed holds rates',
        'Body',
        5,
        '["SPY"]',
        0.2,
      );
    legacy.prepare('INSERT INTO article_symbols VALUES (?, ?)').run('SPY', 'old-1');
    legacy.close();

    const store = openSqliteStore({ path });
    expect(store.schemaVersion).toBeGreaterThanOrEqual(7);
    expect(await store.articles.list({ symbol: 'SPY' })).toEqual([
      {
        id: 'old-1',
        source: 'rss:fed',
        sources: ['rss:fed'],
        url: 'http://www.federalreserve.gov/x?utm_source=rss',
        canonicalUrl: 'http://www.federalreserve.gov/x?utm_source=rss',
        title: 'Fed holds rates',
        summary: '',
        body: 'Body',
        publishedAt: 5,
        language: null,
        symbols: ['SPY'],
        sentiment: 0.2,
        sentimentConfidence: null,
        providerSentiment: null,
        simhash: null,
        duplicateOf: null,
      },
    ]);
    expect((await store.articles.search('holds')).map((hit) => hit.article.id)).toEqual(['old-1']);
    // The same raw url fetched again is merged into the old row, not refused by its UNIQUE url.
    const result = await store.articles.ingest([
      {
        source: 'newsapi',
        url: 'http://www.federalreserve.gov/x?utm_source=rss',
        title: 'Fed holds rates',
        summary: 'Statement',
        body: null,
        publishedAt: 5,
        symbols: [],
        language: 'en',
        providerSentiment: null,
      },
    ]);
    expect(result.items).toEqual([{ id: 'old-1', outcome: 'merged' }]);
    expect(await store.articles.get('old-1')).toMatchObject({
      sources: ['rss:fed', 'newsapi'],
      summary: 'Statement',
    });
    expect(await store.integrityCheck()).toEqual([]);
    await store.close();

    const check = new Database(path);
    check.exec('VACUUM'); // renumbers implicit rowids; the index is keyed by seq and must stay in step
    expect(() =>
      check.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
    expect(
      check
        .prepare(
          "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH 'statement'",
        )
        .pluck()
        .all(),
    ).toEqual(['old-1']);
    check.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../repositories.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

function article(
  id: string,
  publishedAt: number,
  symbols: string[],
  overrides: Partial<Article> = {},
): Article {
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

  it('stores an article once per url: the second copy updates it and keeps the first id', async () => {
    const original = article('a1', 100, ['AAPL']);
    expect(await store.articles.upsert(original)).toEqual({ inserted: 1, updated: 0 });
    const syndicated = article('a1-copy', 150, ['aapl', 'MSFT'], {
      url: original.url,
      source: 'newsapi',
      sentiment: 0.4,
    });
    expect(await store.articles.upsert(syndicated)).toEqual({ inserted: 0, updated: 1 });
    expect(await store.articles.list()).toEqual([{ ...syndicated, id: 'a1', symbols: ['AAPL', 'MSFT'] }]);
    expect(await store.articles.list({ symbol: 'MSFT' })).toHaveLength(1);
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

  it('rejects a sentiment outside [-1, 1] and stores nothing of that batch', async () => {
    await expect(
      store.articles.upsert([article('ok', 1, []), article('bad', 2, [], { sentiment: 1.5 })]),
    ).rejects.toThrow(/article sentiment "1.5" must be in \[-1, 1\] or null/);
    expect(await store.articles.list()).toEqual([]);
  });
});

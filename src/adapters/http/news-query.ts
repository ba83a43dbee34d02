import { InvalidInputError, quote } from '../../core/errors.js';
import type { NewsItem, NewsQuery } from '../../news/news-item.types.js';

/** Refuses a query no source can answer: a limit that is not a positive integer, a window that is empty. */
export function checkNewsQuery(query: NewsQuery): void {
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1)) {
    throw new InvalidInputError(`news limit ${quote(query.limit)} must be an integer >= 1`);
  }
  for (const [name, value] of [
    ['from', query.from],
    ['to', query.to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new InvalidInputError(`news ${name} ${quote(value)} must be a finite epoch ms`);
    }
  }
  if (query.from !== undefined && query.to !== undefined && !(query.from < query.to)) {
    throw new InvalidInputError(`news from ${quote(query.from)} must be before to ${quote(query.to)}`);
  }
  for (const symbol of query.symbols ?? []) {
    if (!/^[A-Za-z0-9.:^=_-]{1,20}$/.test(symbol)) {
      throw new InvalidInputError(
        `news symbol ${quote(symbol)} must be a ticker (letters, digits, . - : ^ = _)`,
      );
    }
  }
}

/** Upper-case, de-duplicated symbols of a query, in the order given. */
export function querySymbols(query: NewsQuery): string[] {
  return [...new Set((query.symbols ?? []).map((symbol) => symbol.toUpperCase()))];
}

/**
 * What every source returns for a query, whatever the provider filtered itself: items published in
 * [from, to), one per URL (a story a provider returned for two symbols keeps both symbols), newest first,
 * at most `limit`.
 */
export function selectNews(items: readonly NewsItem[], query: NewsQuery): NewsItem[] {
  const byUrl = new Map<string, NewsItem>();
  for (const item of items) {
    if (query.from !== undefined && item.publishedAt < query.from) continue;
    if (query.to !== undefined && item.publishedAt >= query.to) continue;
    const seen = byUrl.get(item.url);
    if (seen === undefined) byUrl.set(item.url, item);
    else byUrl.set(item.url, { ...seen, symbols: [...new Set([...seen.symbols, ...item.symbols])] });
  }
  const sorted = [...byUrl.values()].sort((a, b) => b.publishedAt - a.publishedAt);
  return query.limit === undefined ? sorted : sorted.slice(0, query.limit);
}

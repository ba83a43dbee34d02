import { InvalidInputError, quote } from '../../core/errors.js';
import type { ScoredArticle } from './scored-article.types.js';

/**
 * Checks scored articles (symbol non-empty, finite publication time, score in [-1, 1], confidence in [0, 1])
 * and returns a copy sorted by publication time; ties keep their input order, so "earlier in the list"
 * decides which of two simultaneous near-duplicates is the novel one.
 */
export function sortedScoredArticles<T extends ScoredArticle>(articles: readonly T[]): T[] {
  articles.forEach((article, index) => {
    const where = `scored article #${index}`;
    if (typeof article.symbol !== 'string' || article.symbol.length === 0) {
      throw new InvalidInputError(`${where} symbol ${quote(article.symbol)} must be a non-empty string`);
    }
    if (!Number.isFinite(article.publishedAt)) {
      throw new InvalidInputError(`${where} publishedAt ${quote(article.publishedAt)} must be epoch ms`);
    }
    if (!(article.score >= -1 && article.score <= 1)) {
      throw new InvalidInputError(`${where} score ${quote(article.score)} must be in [-1, 1]`);
    }
    if (!(article.confidence >= 0 && article.confidence <= 1)) {
      throw new InvalidInputError(`${where} confidence ${quote(article.confidence)} must be in [0, 1]`);
    }
  });
  return articles
    .map((article, index) => ({ article, index }))
    .sort((a, b) => a.article.publishedAt - b.article.publishedAt || a.index - b.index)
    .map(({ article }) => article);
}

/** Articles grouped by symbol, each group in input order. */
export function groupBySymbol<T extends ScoredArticle>(articles: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const article of articles) {
    const group = groups.get(article.symbol);
    if (group === undefined) groups.set(article.symbol, [article]);
    else group.push(article);
  }
  return groups;
}

/**
 * Novelty of each article of one symbol, sorted by time: its `isNovel` flag when set; otherwise novel unless
 * `isNearDuplicate(article, earlier)` holds for an earlier article published within `windowMs` before it.
 * Without a flag and without a callback there is no honest answer: it throws.
 */
export function resolveNovelty<T extends ScoredArticle>(
  sorted: readonly T[],
  windowMs: number,
  isNearDuplicate: ((later: T, earlier: T) => boolean) | undefined,
): Uint8Array {
  const novel = new Uint8Array(sorted.length);
  sorted.forEach((article, i) => {
    if (article.isNovel !== undefined) {
      novel[i] = article.isNovel ? 1 : 0;
      return;
    }
    if (isNearDuplicate === undefined) {
      throw new InvalidInputError(
        `scored article ${quote(article.symbol)} at ${quote(article.publishedAt)} has no isNovel flag and no isNearDuplicate callback was given`,
      );
    }
    let duplicate = false;
    for (let j = i - 1; j >= 0 && !duplicate; j--) {
      const earlier = sorted[j]!;
      if (earlier.publishedAt <= article.publishedAt - windowMs) break;
      duplicate = isNearDuplicate(article, earlier);
    }
    novel[i] = duplicate ? 0 : 1;
  });
  return novel;
}

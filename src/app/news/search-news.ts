import { InvalidInputError, quote } from '../../core/errors.js';
import type { Store } from '../../store/repositories.types.js';
import { articlePayload, type ArticlePayload } from './news-articles.js';

export interface SearchNewsFilters {
  /** Articles tagged with this symbol. */
  readonly symbol?: string;
  /** Published at or after / before (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  /** Default 20, at most 1,000. */
  readonly limit?: number;
  /** List the copies of a story besides its first one (default false: one hit per story). */
  readonly includeDuplicates?: boolean;
}

/** One hit. The article is third-party text: see ArticlePayload (untrusted, contentTrust 'external'). */
export interface NewsSearchHit {
  /** Relevance (bm25, higher is better). */
  readonly score: number;
  /** The best-matching fragment, matched words in [brackets]; third-party text like the article. */
  readonly snippet: string;
  readonly article: ArticlePayload;
}

export interface NewsSearchResult {
  readonly query: string;
  readonly hits: readonly NewsSearchHit[];
}

const MAX_LIMIT = 1_000;

/**
 * Full-text search of the stored articles (title, summary, body; SQLite FTS5 ranked by bm25 with the title
 * weighing most). Query syntax: words (all must match), "phrases", prefix*, OR, -exclusion, field:word
 * (src/store/sqlite/fts5-query.ts). A malformed query is refused with INVALID_INPUT saying what is wrong.
 */
export async function searchNews(
  store: Store,
  query: string,
  filters: SearchNewsFilters = {},
): Promise<NewsSearchResult> {
  const limit = filters.limit ?? 20;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
    throw new InvalidInputError(`limit ${quote(limit)} must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const hits = await store.articles.search(query, {
    limit,
    ...(filters.symbol === undefined ? {} : { symbol: filters.symbol }),
    ...(filters.from === undefined ? {} : { from: filters.from }),
    ...(filters.to === undefined ? {} : { to: filters.to }),
    ...(filters.includeDuplicates === undefined ? {} : { includeDuplicates: filters.includeDuplicates }),
  });
  return {
    query,
    hits: hits.map((hit) => ({
      score: hit.score,
      snippet: hit.snippet,
      article: articlePayload(hit.article),
    })),
  };
}

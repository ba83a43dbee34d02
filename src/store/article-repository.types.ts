import type { NearDuplicateOptions } from '../news/dedup/near-duplicate-finder.js';
import type { NewsItem } from '../news/news-item.types.js';
import type { SymbolTagger } from '../news/tagging/symbol-tagger.js';
import type { TimeRange } from './repositories.types.js';

/** The news article repository port (see repositories.types.ts for the conventions every port follows). */
/**
 * A stored news article. Articles are de-duplicated across sources: one with the canonical URL of a stored
 * article is merged into it; one whose title is a near-duplicate of an article published within the window
 * (72 hours by default) is stored as a duplicate of that story's representative, the earliest-published
 * article of the cluster (src/news/dedup).
 */
export interface Article {
  readonly id: string;
  /** The source that delivered this copy. */
  readonly source: string;
  /**
   * Every source known to have carried the story. On a representative: its own source first, then those of
   * its duplicates and merged copies in order of arrival. On a duplicate: its own source only.
   */
  readonly sources: readonly string[];
  readonly url: string;
  /** The de-duplication key (src/news/normalize/canonical-url.ts); the url itself for articles stored before. */
  readonly canonicalUrl: string;
  readonly title: string;
  /** Short description or lead; '' when none. */
  readonly summary: string;
  /** Full text; '' when the source gives none. */
  readonly body: string;
  readonly publishedAt: number;
  /** ISO 639 code in lower case ("en"), or null when unknown. */
  readonly language: string | null;
  /**
   * Sorted, upper case. A representative also carries the symbols of its duplicates, so a story tagged by
   * any copy is found under that symbol.
   */
  readonly symbols: readonly string[];
  /** Our sentiment score in [-1, 1], or null when not scored. */
  readonly sentiment: number | null;
  /** Confidence of `sentiment` in [0, 1], or null. */
  readonly sentimentConfidence: number | null;
  /** The provider's own score mapped to [-1, 1] (Alpha Vantage publishes one), or null. */
  readonly providerSentiment: number | null;
  /** SimHash of the title as 16 hex digits; null for articles stored before de-duplication existed. */
  readonly simhash: string | null;
  /** Id of the cluster's representative when this article repeats an earlier one; null when it is one. */
  readonly duplicateOf: string | null;
}

/** What `upsert` stores: the original article fields, plus the newer ones when known. */
export type ArticleInput = Pick<
  Article,
  'id' | 'source' | 'url' | 'title' | 'body' | 'publishedAt' | 'symbols' | 'sentiment'
> &
  Partial<Pick<Article, 'summary' | 'language' | 'sentimentConfidence' | 'providerSentiment'>>;

export interface ArticleListFilter extends TimeRange {
  /** Articles tagged with this symbol. */
  readonly symbol?: string;
  /** Default 100. */
  readonly limit?: number;
  /** Whether duplicates are listed beside their representatives (list: default true; search: default false). */
  readonly includeDuplicates?: boolean;
}

export interface ArticleUpsertResult {
  readonly inserted: number;
  readonly updated: number;
}

export interface ArticleIngestOptions {
  /** Tags the symbols named in each title and summary; without it only the source's own tags are kept. */
  readonly tagger?: SymbolTagger;
  /** Near-duplicate settings (SimHash distance, Jaccard similarity, window, minimum words). */
  readonly nearDuplicate?: NearDuplicateOptions;
}

export const ARTICLE_INGEST_OUTCOMES = ['new', 'duplicate', 'merged'] as const;
/**
 * `new`: stored as a new story; `duplicate`: stored as a near-duplicate of a story (or as the new earliest
 * copy, which then represents it); `merged`: its canonical URL was stored already, and the new copy filled
 * in what the stored one lacked.
 */
export type ArticleIngestOutcome = (typeof ARTICLE_INGEST_OUTCOMES)[number];

export interface ArticleIngestResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly merged: number;
  /** Per item, in the order given: the id of the article it was stored as or merged into, and how. */
  readonly items: readonly { readonly id: string; readonly outcome: ArticleIngestOutcome }[];
}

export interface ArticleSearchHit {
  readonly article: Article;
  /** Relevance: SQLite's bm25() negated, so higher is better (title weighs 10, summary 4, body 1). */
  readonly score: number;
  /** A fragment of the best-matching field, matched words in [brackets]. */
  readonly snippet: string;
}

export interface ArticleSentimentUpdate {
  readonly id: string;
  /** In [-1, 1]. */
  readonly score: number;
  /** In [0, 1]. */
  readonly confidence: number;
}

export interface ArticleRepository {
  /**
   * Stores articles as given (no near-duplicate search), keyed by url: an unknown url is inserted; a known
   * one keeps its id and takes the new source, title, body, publishedAt, symbols and sentiment (and the
   * newer fields given). Rejects with CONFLICT when another article has the same canonical URL.
   */
  upsert(articles: ArticleInput | readonly ArticleInput[]): Promise<ArticleUpsertResult>;
  /**
   * Stores news items with de-duplication (see Article), all in one transaction: a failure stores nothing
   * of the batch. Ids are derived from the canonical URL, so the same article gets the same id in every
   * database. Rejects with INVALID_INPUT (naming the item and field) for an item that cannot be stored.
   */
  ingest(items: readonly NewsItem[], options?: ArticleIngestOptions): Promise<ArticleIngestResult>;
  get(id: string): Promise<Article | null>;
  /** Newest first (by publishedAt, then id). */
  list(filter?: ArticleListFilter): Promise<Article[]>;
  /**
   * Full-text search of title, summary and body (src/store/sqlite/fts5-query.ts describes the query
   * syntax), best match first, then newest. Rejects with INVALID_INPUT for a malformed query.
   */
  search(query: string, filter?: ArticleListFilter): Promise<ArticleSearchHit[]>;
  /** Records our scorer's results; resolves to the number updated. Rejects with NOT_FOUND for an unknown id. */
  setSentiment(updates: readonly ArticleSentimentUpdate[]): Promise<number>;
}

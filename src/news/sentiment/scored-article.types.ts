/**
 * A scored article as the aggregation sees it: which symbol it is about, when it was published, and what a
 * SentimentScorer made of it. One article about three symbols is three ScoredArticles.
 */
export interface ScoredArticle {
  readonly symbol: string;
  /** Publication time, epoch ms: the only time aggregation looks at (never the time of the event reported). */
  readonly publishedAt: number;
  /** In [-1, 1]. */
  readonly score: number;
  /** In [0, 1]. */
  readonly confidence: number;
  /**
   * False when the article is a near-duplicate of an earlier one (the store's near-duplicate detection decides:
   * `isNovel(article)`); undefined when unknown, in which case aggregation needs an `isNearDuplicate` callback.
   */
  readonly isNovel?: boolean;
}

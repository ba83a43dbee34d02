/**
 * The SentimentScorer port: turns article text into a score and a confidence. The lexicon scorer implements
 * it in-process; a transformer scorer (FinBERT-class model through an ONNX runtime) implements it when the
 * user provides a model. The news pipeline and the CLI's `news score` see only this interface.
 */

/** The text of an article to score. A NewsItem fits (title, summary, body). */
export interface ArticleText {
  readonly title: string;
  readonly summary?: string | null;
  readonly body?: string | null;
}

/** Where a sentence came from. */
export type ArticlePart = 'title' | 'summary' | 'body';

/** A score of some text. */
export interface SentimentScore {
  /** In [-1, 1]: -1 very negative, 0 neutral (or no sentiment found), 1 very positive. */
  readonly score: number;
  /** In [0, 1]: how much evidence backs the score (0: none found); each scorer documents its definition. */
  readonly confidence: number;
}

export interface SentimentScorer {
  /** Short name for logs and reports (`lexicon`, `transformer:finbert`). */
  readonly name: string;
  /** Scores each article, in order. Rejects only on a broken scorer (a model that fails), never on text. */
  scoreArticles(articles: readonly ArticleText[]): Promise<SentimentScore[]>;
}

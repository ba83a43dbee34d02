import { invariant } from '../../core/errors.js';
import type { NewsItem } from '../../news/news-item.types.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import type { SentimentScore, SentimentScorer } from '../../news/sentiment/sentiment-scorer.types.js';
import { SymbolTagger } from '../../news/tagging/symbol-tagger.js';
import type { Article, Store } from '../../store/repositories.types.js';

/** What storing fetched items needs: the store, a tagger over its instruments, and a scorer. */
export interface NewsPipeline {
  readonly store: Store;
  readonly tagger: SymbolTagger;
  readonly scorer: SentimentScorer;
}

/** Counts of one batch stored. */
export interface StoredNews {
  /** New stories. */
  readonly inserted: number;
  /** Stored as near-duplicates of a story already known (same story, another outlet or wording). */
  readonly duplicates: number;
  /** Same canonical URL as a stored article: merged into it. */
  readonly merged: number;
  /** Articles (re)scored after the batch: every new copy, and every article a merge changed. */
  readonly scored: number;
}

/**
 * The pipeline for a store: tagging with the stored instruments (tickers, cashtags, company names) and the
 * finance-aware lexicon scorer.
 */
export async function createNewsPipeline(store: Store): Promise<NewsPipeline> {
  const instruments = await store.instruments.list();
  return { store, tagger: new SymbolTagger(instruments), scorer: new LexiconSentimentScorer() };
}

/**
 * Stores fetched items with de-duplication (canonical URL, near-duplicate titles) and symbol tagging (the
 * repository's ingest, one transaction), then scores what was written: each article the batch created or
 * changed is read back and its stored text (cleaned title, summary and body) scored, so the score matches
 * what search and sentiment later read.
 */
export async function storeNewsItems(
  pipeline: NewsPipeline,
  items: readonly NewsItem[],
): Promise<StoredNews> {
  if (items.length === 0) return { inserted: 0, duplicates: 0, merged: 0, scored: 0 };
  const { store, tagger, scorer } = pipeline;
  const result = await store.articles.ingest(items, { tagger });
  const ids = [...new Set(result.items.map((item) => item.id))];
  const articles: Article[] = [];
  for (const id of ids) {
    const article = await store.articles.get(id);
    if (article !== null) articles.push(article);
  }
  const scores = await scorer.scoreArticles(articles);
  invariant(
    scores.length === articles.length,
    `scorer ${scorer.name} gave ${scores.length} scores for ${articles.length} articles`,
  );
  await store.articles.setSentiment(
    articles.map((article, i) => ({
      id: article.id,
      score: (scores[i] as SentimentScore).score,
      confidence: (scores[i] as SentimentScore).confidence,
    })),
  );
  return {
    inserted: result.inserted,
    duplicates: result.duplicates,
    merged: result.merged,
    scored: articles.length,
  };
}

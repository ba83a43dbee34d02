import type { ScoredArticle } from '../../news/sentiment/scored-article.types.js';
import type { SentimentScorer } from '../../news/sentiment/sentiment-scorer.types.js';
import type { Article, ArticleListFilter, Store } from '../../store/repositories.types.js';

/**
 * An article as the use cases return it to the CLI, the REST API and AI agents.
 *
 * UNTRUSTED CONTENT: `title`, `summary` and `body` are text written by third parties and fetched from the
 * internet. Every payload carries `untrusted: true` and `contentTrust: 'external'` so that an agent (or a
 * person) treats it as data to analyse, never as instructions to follow; tools that hand it to a language
 * model must keep it apart from their own prompt.
 */
export interface ArticlePayload {
  readonly id: string;
  readonly source: string;
  /** Every source known to have carried the story. */
  readonly sources: readonly string[];
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  /** Epoch ms, and the same as an ISO 8601 string. */
  readonly publishedAt: number;
  readonly published: string;
  readonly language: string | null;
  readonly symbols: readonly string[];
  /** Our lexicon score in [-1, 1] and its confidence in [0, 1]; null when not scored yet. */
  readonly sentiment: number | null;
  readonly sentimentConfidence: number | null;
  /** The provider's own score (Alpha Vantage), reported as theirs; null when none. */
  readonly providerSentiment: number | null;
  /** Id of the story's first copy when this one repeats it; null when it is the first. */
  readonly duplicateOf: string | null;
  /** Always true: the text is third-party content (see the type's comment). */
  readonly untrusted: true;
  readonly contentTrust: 'external';
}

export function articlePayload(article: Article): ArticlePayload {
  return {
    id: article.id,
    source: article.source,
    sources: article.sources,
    url: article.url,
    title: article.title,
    summary: article.summary,
    body: article.body,
    publishedAt: article.publishedAt,
    published: new Date(article.publishedAt).toISOString(),
    language: article.language,
    symbols: article.symbols,
    sentiment: article.sentiment,
    sentimentConfidence: article.sentimentConfidence,
    providerSentiment: article.providerSentiment,
    duplicateOf: article.duplicateOf,
    untrusted: true,
    contentTrust: 'external',
  };
}

/** Large enough for every article of a store in a range: the repository lists newest first up to a limit. */
const ALL = 10_000_000;

/** Every stored article matching the filter (duplicates included), oldest first. */
export async function allArticles(
  store: Store,
  filter: Omit<ArticleListFilter, 'limit'>,
): Promise<Article[]> {
  const newestFirst = await store.articles.list({ ...filter, limit: ALL, includeDuplicates: true });
  return newestFirst.reverse();
}

/**
 * The articles as ScoredArticles, one per tagged symbol (only `symbol` when given). An article stored without
 * a score (written before scoring existed, or by `upsert`) is scored now with `scorer`, in memory. Every copy
 * of a story counts (a story carried by many outlets weighs more); `isNovel` is false for the copies that
 * repeat an earlier one, so novelty is the share of first copies.
 */
export async function scoredArticles(
  articles: readonly Article[],
  scorer: SentimentScorer,
  symbol?: string,
): Promise<ScoredArticle[]> {
  const unscored = articles.filter((article) => article.sentiment === null);
  const scores = await scorer.scoreArticles(unscored);
  const computed = new Map(unscored.map((article, i) => [article.id, scores[i]]));
  const out: ScoredArticle[] = [];
  for (const article of articles) {
    const fresh = computed.get(article.id);
    const score = fresh?.score ?? article.sentiment ?? 0;
    const confidence = fresh?.confidence ?? article.sentimentConfidence ?? 0;
    for (const tagged of article.symbols) {
      if (symbol !== undefined && tagged !== symbol) continue;
      out.push({
        symbol: tagged,
        publishedAt: article.publishedAt,
        score,
        confidence,
        isNovel: article.duplicateOf === null,
      });
    }
  }
  return out;
}

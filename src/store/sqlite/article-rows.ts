import { hex32 } from '../../news/dedup/fnv1a64.js';
import type { Article } from '../repositories.types.js';

/** The articles columns read back into an Article, in SELECT form (table alias `a`). */
export const ARTICLE_COLUMNS = `a.id, a.source, a.sources, a.url, a.canonical_url AS canonicalUrl, a.title, a.summary,
  a.body, a.published_at AS publishedAt, a.language, a.symbols, a.sentiment,
  a.sentiment_confidence AS sentimentConfidence, a.provider_sentiment AS providerSentiment,
  a.simhash_high AS simhashHigh, a.simhash_low AS simhashLow, a.duplicate_of AS duplicateOf`;

export interface ArticleRow {
  readonly id: string;
  readonly source: string;
  readonly sources: string;
  readonly url: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly publishedAt: number;
  readonly language: string | null;
  readonly symbols: string;
  readonly sentiment: number | null;
  readonly sentimentConfidence: number | null;
  readonly providerSentiment: number | null;
  readonly simhashHigh: number | null;
  readonly simhashLow: number | null;
  readonly duplicateOf: string | null;
}

export function toArticle(row: ArticleRow): Article {
  const { simhashHigh, simhashLow, ...rest } = row;
  return {
    ...rest,
    sources: JSON.parse(row.sources) as string[],
    symbols: JSON.parse(row.symbols) as string[],
    simhash: simhashHigh === null || simhashLow === null ? null : hex32(simhashHigh) + hex32(simhashLow),
  };
}

import { InvalidInputError, quote } from '../../core/errors.js';
import type { SentimentReading, SentimentSource } from '../../model/sentiment.types.js';
import { groupBySymbol, sortedScoredArticles } from './check-scored-articles.js';
import { decayFactor, nonNegativeOption, positiveOption } from './option-checks.js';
import type { ScoredArticle } from './scored-article.types.js';

export interface StoredSentimentOptions {
  /** Half-life of an article's weight (ms). */
  readonly halfLifeMs: number;
  /** Only articles published in [ts - lookbackMs, ts] count (ms). */
  readonly lookbackMs: number;
  /** Floor of an article's weight, so neutral articles (confidence 0) still count a little (default 0.1). */
  readonly minimumWeight?: number;
  /** Weight of a neutral (0) prior: shrinks readings backed by little or old evidence towards 0 (default 0). */
  readonly neutralPriorWeight?: number;
  readonly name?: string;
}

/** One symbol's articles, columnar and sorted by publication time. */
interface SymbolColumns {
  readonly publishedAt: Float64Array;
  readonly score: Float64Array;
  readonly weight: Float64Array;
  readonly confidence: Float64Array;
}

/**
 * The SentimentSource port over an in-memory list of scored articles (from the store, or a synthetic news
 * stream). `sentimentAt(symbol, ts)` finds the last article published at or before ts by binary search and
 * walks back to ts - lookbackMs: nothing published after ts can be read, whatever the list holds. The
 * reading is the decayed mean Σ w_i 2^(-(ts - t_i) / halfLife) score_i / (Σ w_i 2^(...) + prior), with
 * w_i = max(confidence_i, minimumWeight). The reading's confidence is 1 - Π (1 - c_i 2^(-(ts - t_i) / halfLife)):
 * evidence accumulates over articles (two of confidence 0.5 give 0.75) and fades as they age.
 * O(log n + articles in the lookback) per call.
 */
export class StoredSentimentSource implements SentimentSource {
  readonly name: string;
  private readonly halfLife: number;
  private readonly lookback: number;
  private readonly prior: number;
  private readonly symbols = new Map<string, SymbolColumns>();

  constructor(articles: readonly ScoredArticle[], options: StoredSentimentOptions) {
    this.halfLife = positiveOption('halfLifeMs', options.halfLifeMs);
    this.lookback = nonNegativeOption('lookbackMs', options.lookbackMs);
    this.prior = nonNegativeOption('neutralPriorWeight', options.neutralPriorWeight ?? 0);
    const minimumWeight = nonNegativeOption('minimumWeight', options.minimumWeight ?? 0.1);
    if (minimumWeight === 0 && this.prior === 0) {
      throw new InvalidInputError(
        'minimumWeight "0" with neutralPriorWeight "0" leaves neutral articles (confidence 0) without any weight',
      );
    }
    this.name = options.name ?? 'stored-news';
    for (const [symbol, group] of groupBySymbol(sortedScoredArticles(articles))) {
      this.symbols.set(symbol, {
        publishedAt: Float64Array.from(group, (article) => article.publishedAt),
        score: Float64Array.from(group, (article) => article.score),
        weight: Float64Array.from(group, (article) => Math.max(article.confidence, minimumWeight)),
        confidence: Float64Array.from(group, (article) => article.confidence),
      });
    }
  }

  /** Symbols with at least one article. */
  get symbolNames(): string[] {
    return [...this.symbols.keys()];
  }

  sentimentAt(symbol: string, ts: number): SentimentReading | null {
    if (!Number.isFinite(ts)) throw new InvalidInputError(`sentimentAt ts ${quote(ts)} must be epoch ms`);
    const columns = this.symbols.get(symbol);
    if (columns === undefined) return null;
    const { publishedAt, score, weight, confidence } = columns;
    const last = upperBound(publishedAt, ts) - 1;
    const oldest = ts - this.lookback;
    if (last < 0 || publishedAt[last]! < oldest) return null;
    let numerator = 0;
    let denominator = 0;
    let count = 0;
    let unsupported = 1;
    for (let i = last; i >= 0 && publishedAt[i]! >= oldest; i--) {
      const decay = decayFactor(ts - publishedAt[i]!, this.halfLife);
      const w = weight[i]! * decay;
      unsupported *= 1 - confidence[i]! * decay;
      numerator += w * score[i]!;
      denominator += w;
      count++;
    }
    const total = denominator + this.prior;
    const value = total > 0 ? numerator / total : 0;
    return {
      score: Math.max(-1, Math.min(1, value)),
      articles: count,
      asOf: publishedAt[last]!,
      confidence: 1 - unsupported,
    };
  }
}

/** First index whose value is > x in an ascending array (its length when none). */
export function upperBound(values: Float64Array, x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

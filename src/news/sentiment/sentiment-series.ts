import { InvalidInputError, quote } from '../../core/errors.js';
import { groupBySymbol, resolveNovelty, sortedScoredArticles } from './check-scored-articles.js';
import { decayFactor, finiteOption, nonNegativeOption, positiveOption } from './option-checks.js';
import type { ScoredArticle } from './scored-article.types.js';

export interface SentimentSeriesOptions<T extends ScoredArticle = ScoredArticle> {
  /** Evaluation grid: from, from + step, ... up to and including `to` (epoch ms). */
  readonly from: number;
  readonly to: number;
  readonly step: number;
  /** Half-life of an article's weight in the decayed mean (ms). */
  readonly halfLifeMs: number;
  /** Trailing window (t - windowMs, t] for volume, novelty and the window mean (default: step). */
  readonly windowMs?: number;
  /** Floor of an article's weight, so neutral articles (confidence 0) still count a little (default 0.1). */
  readonly minimumWeight?: number;
  /** Weight of a neutral (0) prior in the decayed mean: shrinks towards 0 as evidence decays (default 0). */
  readonly neutralPriorWeight?: number;
  /** Near-duplicate test for articles without an `isNovel` flag (e.g. src/news/dedup: word-set Jaccard >= 0.6 found via SimHash bands). */
  readonly isNearDuplicate?: (later: T, earlier: T) => boolean;
}

/** Sentiment of one symbol on a time grid, columnar (ARCHITECTURE §6). */
export interface SentimentSeries {
  readonly symbol: string;
  readonly ts: Float64Array;
  /**
   * Decayed mean score of every article published at or before ts[k]; NaN while there is no evidence (before
   * the first article, or once every weight has decayed below the float range, about 1,075 half-lives).
   */
  readonly sentiment: Float64Array;
  /** Σ decayed article weights at ts[k]: how much evidence is behind `sentiment` (falls as news ages). */
  readonly weight: Float64Array;
  /** Articles published in (ts[k] - window, ts[k]]. */
  readonly volume: Float64Array;
  /** Share of those articles that are novel (not near-duplicates of earlier ones); NaN when volume is 0. */
  readonly novelty: Float64Array;
  /** Weighted mean score of the articles in the window (no decay); NaN when volume is 0. */
  readonly windowSentiment: Float64Array;
}

const MAX_POINTS = 10_000_000;

/**
 * The sentiment series of the articles about `symbol` (others in `articles` are ignored). Article i weighs
 * w_i = max(confidence_i, minimumWeight) and, at time t >= publishedAt_i, decays as 2^(-(t - publishedAt_i)
 * / halfLife); sentiment(t) = Σ w_i(t) score_i / (Σ w_i(t) + neutralPriorWeight). Only articles published at
 * or before t count. One merge pass over the sorted articles and the grid: O(articles + points).
 */
export function sentimentSeries<T extends ScoredArticle>(
  articles: readonly T[],
  symbol: string,
  options: SentimentSeriesOptions<T>,
): SentimentSeries {
  const from = finiteOption('from', options.from);
  const to = finiteOption('to', options.to);
  const step = positiveOption('step', options.step);
  const halfLife = positiveOption('halfLifeMs', options.halfLifeMs);
  const windowMs = positiveOption('windowMs', options.windowMs ?? step);
  const minimumWeight = nonNegativeOption('minimumWeight', options.minimumWeight ?? 0.1);
  const prior = nonNegativeOption('neutralPriorWeight', options.neutralPriorWeight ?? 0);
  if (to < from) throw new InvalidInputError(`to ${quote(to)} must be >= from ${quote(from)}`);
  const points = Math.floor((to - from) / step) + 1;
  if (points > MAX_POINTS) {
    throw new InvalidInputError(`grid of ${quote(points)} points (from, to, step) exceeds ${MAX_POINTS}`);
  }

  const sorted = sortedScoredArticles(articles.filter((article) => article.symbol === symbol));
  const novel = resolveNovelty(sorted, windowMs, options.isNearDuplicate);
  const n = sorted.length;
  // Prefix sums over the sorted articles for the window columns.
  const novelPrefix = new Float64Array(n + 1);
  const weightPrefix = new Float64Array(n + 1);
  const weightedPrefix = new Float64Array(n + 1);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const article = sorted[i]!;
    weights[i] = Math.max(article.confidence, minimumWeight);
    novelPrefix[i + 1] = novelPrefix[i]! + novel[i]!;
    weightPrefix[i + 1] = weightPrefix[i]! + weights[i]!;
    weightedPrefix[i + 1] = weightedPrefix[i]! + weights[i]! * article.score;
  }

  const series: SentimentSeries = {
    symbol,
    ts: new Float64Array(points),
    sentiment: new Float64Array(points),
    weight: new Float64Array(points),
    volume: new Float64Array(points),
    novelty: new Float64Array(points),
    windowSentiment: new Float64Array(points),
  };
  let next = 0; // first article not yet added
  let windowStart = 0; // first article inside the window
  let numerator = 0;
  let denominator = 0;
  let reference = Number.NEGATIVE_INFINITY; // time the running sums are decayed to
  for (let k = 0; k < points; k++) {
    const t = from + k * step;
    while (next < n && sorted[next]!.publishedAt <= t) {
      const article = sorted[next]!;
      const factor = decayFactor(article.publishedAt - reference, halfLife);
      numerator = numerator * factor + weights[next]! * article.score;
      denominator = denominator * factor + weights[next]!;
      reference = article.publishedAt;
      next++;
    }
    const factor = decayFactor(t - reference, halfLife);
    numerator *= factor;
    denominator *= factor;
    reference = t;
    while (windowStart < next && sorted[windowStart]!.publishedAt <= t - windowMs) windowStart++;
    const volume = next - windowStart;
    const windowWeight = weightPrefix[next]! - weightPrefix[windowStart]!;
    series.ts[k] = t;
    series.sentiment[k] = denominator + prior > 0 ? numerator / (denominator + prior) : Number.NaN;
    series.weight[k] = denominator;
    series.volume[k] = volume;
    series.novelty[k] = volume > 0 ? (novelPrefix[next]! - novelPrefix[windowStart]!) / volume : Number.NaN;
    series.windowSentiment[k] =
      windowWeight > 0 ? (weightedPrefix[next]! - weightedPrefix[windowStart]!) / windowWeight : Number.NaN;
  }
  return series;
}

/** sentimentSeries for every symbol that has at least one article, keyed by symbol. */
export function sentimentSeriesBySymbol<T extends ScoredArticle>(
  articles: readonly T[],
  options: SentimentSeriesOptions<T>,
): Map<string, SentimentSeries> {
  const result = new Map<string, SentimentSeries>();
  for (const [symbol, group] of groupBySymbol(articles))
    result.set(symbol, sentimentSeries(group, symbol, options));
  return result;
}

import { InvalidInputError, quote } from '../../core/errors.js';
import { integerOption, nonNegativeOption, positiveOption } from './option-checks.js';
import type { ScoredArticle } from './scored-article.types.js';
import { sentimentSeries, type SentimentSeries, type SentimentSeriesOptions } from './sentiment-series.js';

export interface SentimentTrendOptions<T extends ScoredArticle = ScoredArticle> extends Omit<
  SentimentSeriesOptions<T>,
  'halfLifeMs'
> {
  /** Half-lives of the fast and the slow decayed mean (short < long). */
  readonly shortHalfLifeMs: number;
  readonly longHalfLifeMs: number;
  /** Trailing grid points the z-scores compare against (default 20). */
  readonly lookback?: number;
  /** Valid trailing points needed before a z-score is given (default min(lookback, 5), at least 2). */
  readonly minimumHistory?: number;
  /** |z| at or above which a point is a spike (default 3). */
  readonly threshold?: number;
  /** Floors of the trailing standard deviations (defaults 1 article and 0.1 score): see zScores. */
  readonly minimumVolumeDeviation?: number;
  readonly minimumSentimentDeviation?: number;
}

export const SPIKE_KINDS = ['volume', 'sentiment'] as const;
export type SpikeKind = (typeof SPIKE_KINDS)[number];

export interface SentimentSpike {
  readonly ts: number;
  readonly kind: SpikeKind;
  readonly z: number;
  /** The volume or window sentiment at ts. */
  readonly value: number;
}

export interface SentimentTrends {
  readonly symbol: string;
  /** The series with the short half-life (its `sentiment` is the fast decayed mean). */
  readonly short: SentimentSeries;
  /** The slow decayed mean. */
  readonly longSentiment: Float64Array;
  /** Sentiment momentum: fast minus slow decayed mean (> 0: sentiment improving); NaN without evidence. */
  readonly momentum: Float64Array;
  /** z-score of the window's article count against its trailing `lookback` points. */
  readonly volumeZ: Float64Array;
  /** z-score of the window's mean sentiment against its trailing points (NaN where a window is empty). */
  readonly sentimentZ: Float64Array;
  /** Points where volumeZ >= threshold (news bursts) or |sentimentZ| >= threshold (shocks), in time order. */
  readonly spikes: readonly SentimentSpike[];
}

/**
 * Trend detection for one symbol: sentiment momentum (fast minus slow exponentially decayed mean, the
 * MACD idea applied to news) and spikes (z-scores of news volume and of window sentiment against their
 * own trailing window). Set `windowMs` equal to `step` for non-overlapping count buckets.
 */
export function sentimentTrends<T extends ScoredArticle>(
  articles: readonly T[],
  symbol: string,
  options: SentimentTrendOptions<T>,
): SentimentTrends {
  const shortHalfLife = positiveOption('shortHalfLifeMs', options.shortHalfLifeMs);
  const longHalfLife = positiveOption('longHalfLifeMs', options.longHalfLifeMs);
  if (!(longHalfLife > shortHalfLife)) {
    throw new InvalidInputError(
      `longHalfLifeMs ${quote(longHalfLife)} must be > shortHalfLifeMs ${quote(shortHalfLife)}`,
    );
  }
  const lookback = integerOption('lookback', options.lookback ?? 20, 2);
  const minimumHistory = integerOption('minimumHistory', options.minimumHistory ?? Math.min(lookback, 5), 2);
  if (minimumHistory > lookback) {
    throw new InvalidInputError(
      `minimumHistory ${quote(minimumHistory)} must be <= lookback ${quote(lookback)}`,
    );
  }
  const threshold = positiveOption('threshold', options.threshold ?? 3);
  const volumeFloor = nonNegativeOption('minimumVolumeDeviation', options.minimumVolumeDeviation ?? 1);
  const sentimentFloor = nonNegativeOption(
    'minimumSentimentDeviation',
    options.minimumSentimentDeviation ?? 0.1,
  );

  const short = sentimentSeries(articles, symbol, { ...options, halfLifeMs: shortHalfLife });
  const long = sentimentSeries(articles, symbol, { ...options, halfLifeMs: longHalfLife });
  const points = short.ts.length;
  const momentum = new Float64Array(points);
  for (let k = 0; k < points; k++) momentum[k] = short.sentiment[k]! - long.sentiment[k]!;
  const volumeZ = zScores(short.volume, lookback, minimumHistory, volumeFloor);
  const sentimentZ = zScores(short.windowSentiment, lookback, minimumHistory, sentimentFloor);
  const spikes: SentimentSpike[] = [];
  for (let k = 0; k < points; k++) {
    const ts = short.ts[k]!;
    if (volumeZ[k]! >= threshold)
      spikes.push({ ts, kind: 'volume', z: volumeZ[k]!, value: short.volume[k]! });
    if (Math.abs(sentimentZ[k]!) >= threshold) {
      spikes.push({ ts, kind: 'sentiment', z: sentimentZ[k]!, value: short.windowSentiment[k]! });
    }
  }
  return { symbol, short, longSentiment: long.sentiment, momentum, volumeZ, sentimentZ, spikes };
}

/**
 * z_k = (x_k - mean) / max(sd, minimumDeviation) over the valid (non-NaN) values among the `lookback`
 * points before k (x_k itself excluded, so a spike cannot dampen its own score); sd is the sample standard
 * deviation (n - 1). The floor keeps a quiet history (sd 0: no news for days) from turning one article into
 * an infinite z. NaN when x_k is NaN or fewer than `minimumHistory` trailing values are valid.
 */
export function zScores(
  values: Float64Array,
  lookback: number,
  minimumHistory: number,
  minimumDeviation: number,
): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let k = 0; k < values.length; k++) {
    const x = values[k]!;
    if (Number.isNaN(x)) continue;
    let count = 0;
    let sum = 0;
    for (let j = Math.max(0, k - lookback); j < k; j++) {
      const v = values[j]!;
      if (Number.isNaN(v)) continue;
      count++;
      sum += v;
    }
    if (count < minimumHistory) continue;
    const mean = sum / count;
    let squares = 0;
    for (let j = Math.max(0, k - lookback); j < k; j++) {
      const v = values[j]!;
      if (!Number.isNaN(v)) squares += (v - mean) * (v - mean);
    }
    const deviation = Math.sqrt(squares / (count - 1));
    out[k] = (x - mean) / Math.max(deviation, minimumDeviation);
  }
  return out;
}

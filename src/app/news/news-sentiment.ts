import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import { normalizeSymbol } from '../../model/instrument.js';
import type { SentimentReading } from '../../model/sentiment.types.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import { sentimentSeries } from '../../news/sentiment/sentiment-series.js';
import { StoredSentimentSource } from '../../news/sentiment/stored-sentiment-source.js';
import type { Store } from '../../store/repositories.types.js';
import { allArticles, articlePayload, scoredArticles, type ArticlePayload } from './news-articles.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface NewsSentimentRequest {
  readonly symbol: string;
  /** Trailing window (ms): only articles published in (now - window, now] count. Default 7 days. */
  readonly windowMs?: number;
  /** Spacing of the series (ms). Default 1 day for windows of 2 days or more, else 1 hour. */
  readonly stepMs?: number;
  /** Half-life of an article's weight (ms). Default 1 day, or the window when shorter. */
  readonly halfLifeMs?: number;
  /** Latest articles listed with the result (default 10, 0 for none). */
  readonly articles?: number;
}

/** One point of the series; null where there is no evidence (NaN in the domain series). */
export interface SentimentPoint {
  readonly ts: number;
  /** Decayed mean score of the articles published by ts. */
  readonly sentiment: number | null;
  /** Σ decayed article weights: the evidence behind `sentiment`. */
  readonly weight: number;
  /** Articles published in the step ending at ts, the share of them that are first copies, their mean score. */
  readonly volume: number;
  readonly novelty: number | null;
  readonly windowSentiment: number | null;
}

export interface NewsSentimentResult {
  readonly symbol: string;
  readonly asOf: number;
  readonly windowMs: number;
  readonly stepMs: number;
  readonly halfLifeMs: number;
  /** The decayed reading at `asOf` (score, confidence, articles, latest publication); null without news. */
  readonly latest: SentimentReading | null;
  /** Articles (every copy) in the window, the share that are first copies, their weighted mean score. */
  readonly volume: number;
  readonly novelty: number | null;
  readonly windowMean: number | null;
  readonly series: readonly SentimentPoint[];
  /** The latest articles, newest first: third-party text (untrusted, see ArticlePayload). */
  readonly articles: readonly ArticlePayload[];
}

/**
 * News sentiment of one symbol over a trailing window: the latest decayed reading (the same port the
 * strategies read: StoredSentimentSource), the series on a grid ending now, and the window's volume, novelty
 * and mean. Articles the store holds without a score are scored in memory with the lexicon scorer.
 */
export async function newsSentiment(
  store: Store,
  clock: Clock,
  request: NewsSentimentRequest,
): Promise<NewsSentimentResult> {
  const symbol = normalizeSymbol(request.symbol);
  const windowMs = positive('window', request.windowMs ?? 7 * DAY);
  const stepMs = positive('step', request.stepMs ?? (windowMs >= 2 * DAY ? DAY : HOUR));
  if (stepMs > windowMs)
    throw new InvalidInputError(`step ${quote(stepMs)} ms must not exceed the window ${quote(windowMs)} ms`);
  if (windowMs / stepMs > 100_000) {
    throw new InvalidInputError(
      `window ${quote(windowMs)} ms in steps of ${quote(stepMs)} ms gives more than 100000 points`,
    );
  }
  const halfLifeMs = positive('half-life', request.halfLifeMs ?? Math.min(DAY, windowMs));
  const listed = request.articles ?? 10;
  if (!(Number.isInteger(listed) && listed >= 0))
    throw new InvalidInputError(`articles ${quote(listed)} must be an integer >= 0`);
  const now = clock.now();
  const stored = await allArticles(store, { symbol, from: now - windowMs + 1, to: now + 1 });
  const scored = await scoredArticles(stored, new LexiconSentimentScorer(), symbol);
  const first = now - Math.floor(windowMs / stepMs) * stepMs;
  const series = sentimentSeries(scored, symbol, {
    from: first,
    to: now,
    step: stepMs,
    halfLifeMs,
    windowMs: stepMs,
  });
  const whole = sentimentSeries(scored, symbol, { from: now, to: now, step: 1, halfLifeMs, windowMs });
  const latest = new StoredSentimentSource(scored, { halfLifeMs, lookbackMs: windowMs }).sentimentAt(
    symbol,
    now,
  );
  return {
    symbol,
    asOf: now,
    windowMs,
    stepMs,
    halfLifeMs,
    latest,
    volume: whole.volume[0] ?? 0,
    novelty: finiteOrNull(whole.novelty[0]),
    windowMean: finiteOrNull(whole.windowSentiment[0]),
    series: Array.from(series.ts, (ts, k) => ({
      ts,
      sentiment: finiteOrNull(series.sentiment[k]),
      weight: series.weight[k] ?? 0,
      volume: series.volume[k] ?? 0,
      novelty: finiteOrNull(series.novelty[k]),
      windowSentiment: finiteOrNull(series.windowSentiment[k]),
    })),
    articles: (listed === 0 ? [] : stored.slice(-listed).reverse()).map(articlePayload),
  };
}

export function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new InvalidInputError(`${name} ${quote(value)} ms must be > 0`);
  return value;
}

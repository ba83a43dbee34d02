import type { Clock } from '../../core/clock.js';
import { InvalidInputError, quote } from '../../core/errors.js';
import { normalizeSymbol } from '../../model/instrument.js';
import { groupBySymbol } from '../../news/sentiment/check-scored-articles.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import { sentimentTrends, type SpikeKind } from '../../news/sentiment/sentiment-trends.js';
import type { Store } from '../../store/repositories.types.js';
import { allArticles, scoredArticles } from './news-articles.js';
import { finiteOrNull } from './news-sentiment.js';

const DAY = 86_400_000;

export interface NewsTrendsRequest {
  /** Only these symbols (default: every symbol with articles in the window). */
  readonly symbols?: readonly string[];
  /** Trailing window (ms), default 30 days; grid step (ms), default 1 day. */
  readonly windowMs?: number;
  readonly stepMs?: number;
  /** Half-lives of the fast and slow decayed means (ms), default 1 and 7 days. */
  readonly shortHalfLifeMs?: number;
  readonly longHalfLifeMs?: number;
  /** Trailing points a z-score compares against (default 20) and |z| that makes a spike (default 3). */
  readonly lookback?: number;
  readonly threshold?: number;
}

export interface NewsSpike {
  readonly ts: number;
  readonly kind: SpikeKind;
  readonly z: number;
  /** The step's article count (volume) or mean score (sentiment). */
  readonly value: number;
}

export interface SymbolTrend {
  readonly symbol: string;
  /** Articles (every copy) in the window. */
  readonly articles: number;
  /** Fast minus slow decayed mean at the last point: > 0 sentiment improving, < 0 worsening. */
  readonly momentum: number | null;
  readonly shortSentiment: number | null;
  readonly longSentiment: number | null;
  /** Articles in the last step and its z-scores against the trailing steps. */
  readonly volume: number;
  readonly volumeZ: number | null;
  readonly sentimentZ: number | null;
  /** Spikes in the window, newest first. */
  readonly spikes: readonly NewsSpike[];
}

export interface NewsTrendsResult {
  readonly asOf: number;
  readonly windowMs: number;
  readonly stepMs: number;
  /** Strongest momentum first (either sign); symbols without a momentum reading last. */
  readonly symbols: readonly SymbolTrend[];
}

/**
 * Sentiment trends of every symbol in the stored news: momentum (fast minus slow decayed mean of the scores,
 * the MACD idea applied to news) and spikes (news volume or mean score at |z| >= threshold against the
 * trailing steps), on a grid of `stepMs` ending now (src/news/sentiment/sentiment-trends.ts).
 */
export async function newsTrends(
  store: Store,
  clock: Clock,
  request: NewsTrendsRequest = {},
): Promise<NewsTrendsResult> {
  const windowMs = request.windowMs ?? 30 * DAY;
  const stepMs = request.stepMs ?? DAY;
  if (!(windowMs > 0 && stepMs > 0 && stepMs <= windowMs)) {
    throw new InvalidInputError(
      `window ${quote(windowMs)} ms and step ${quote(stepMs)} ms must satisfy 0 < step <= window`,
    );
  }
  if (windowMs / stepMs > 100_000) {
    throw new InvalidInputError(
      `window ${quote(windowMs)} ms in steps of ${quote(stepMs)} ms gives more than 100000 points`,
    );
  }
  const now = clock.now();
  const wanted = request.symbols === undefined ? null : new Set(request.symbols.map(normalizeSymbol));
  const stored = await allArticles(store, { from: now - windowMs + 1, to: now + 1 });
  const scored = (await scoredArticles(stored, new LexiconSentimentScorer())).filter(
    (article) => wanted === null || wanted.has(article.symbol),
  );
  const options = {
    from: now - Math.floor(windowMs / stepMs) * stepMs,
    to: now,
    step: stepMs,
    windowMs: stepMs,
    shortHalfLifeMs: request.shortHalfLifeMs ?? DAY,
    longHalfLifeMs: request.longHalfLifeMs ?? 7 * DAY,
    ...(request.lookback === undefined ? {} : { lookback: request.lookback }),
    ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
  };
  const trends: SymbolTrend[] = [];
  for (const [symbol, articles] of groupBySymbol(scored)) {
    const trend = sentimentTrends(articles, symbol, options);
    const last = trend.short.ts.length - 1;
    trends.push({
      symbol,
      articles: articles.length,
      momentum: finiteOrNull(trend.momentum[last]),
      shortSentiment: finiteOrNull(trend.short.sentiment[last]),
      longSentiment: finiteOrNull(trend.longSentiment[last]),
      volume: trend.short.volume[last] ?? 0,
      volumeZ: finiteOrNull(trend.volumeZ[last]),
      sentimentZ: finiteOrNull(trend.sentimentZ[last]),
      spikes: [...trend.spikes].sort((a, b) => b.ts - a.ts),
    });
  }
  const strength = (trend: SymbolTrend) => (trend.momentum === null ? -1 : Math.abs(trend.momentum));
  trends.sort((a, b) => strength(b) - strength(a) || a.symbol.localeCompare(b.symbol));
  return { asOf: now, windowMs, stepMs, symbols: trends };
}

import { InvalidInputError, quote } from '../../core/errors.js';
import type { BarSeries } from '../../data/bar-series.js';
import { timeframeMs } from '../../model/timeframe.js';
import { LexiconSentimentScorer } from '../../news/sentiment/lexicon-sentiment-scorer.js';
import type { ScoredArticle } from '../../news/sentiment/scored-article.types.js';
import { StoredSentimentSource } from '../../news/sentiment/stored-sentiment-source.js';
import { generateSyntheticNews } from '../../news/synthetic/synthetic-news.js';
import type { Store } from '../../store/repositories.types.js';
import { allArticles, scoredArticles } from './news-articles.js';

const DAY = 86_400_000;

/**
 * Where a backtest's news comes from: the synthetic news stream generated from the backtest's own bars with
 * a stated edge (default seed 42), or the articles in the store (fetched with `news fetch`).
 */
export type BacktestNews =
  { readonly kind: 'synthetic'; readonly edge: number; readonly seed?: number } | { readonly kind: 'store' };

/** The sentiment input of a backtest and what it rests on. */
export interface BacktestSentiment {
  readonly source: StoredSentimentSource;
  /** e.g. `synthetic news (edge 0.6, seed 42)` or `stored news`. */
  readonly description: string;
  /** Scored articles (one per symbol an article is tagged with) the source reads. */
  readonly articles: number;
}

/**
 * The SentimentSource for a backtest (inputs.sentiment of neural-sentiment and enhanced-momentum). Either
 * way the articles' text is scored by the lexicon scorer (synthetic headlines included, so the whole
 * pipeline runs) and read through StoredSentimentSource, which never returns an article published after
 * the decision time. Readings decay with a half-life of one day (or one bar, when longer) and look back
 * three days (or two bars).
 */
export async function loadBacktestSentiment(
  store: Store,
  news: BacktestNews,
  series: readonly BarSeries[],
): Promise<BacktestSentiment> {
  const first = series[0];
  if (first === undefined) throw new InvalidInputError('a news backtest needs at least one series');
  const barMs = timeframeMs(first.timeframe);
  const halfLifeMs = Math.max(DAY, barMs);
  const lookbackMs = Math.max(3 * DAY, 2 * barMs);
  const scorer = new LexiconSentimentScorer();
  let scored: ScoredArticle[];
  let description: string;
  if (news.kind === 'synthetic') {
    if (!(news.edge >= 0 && news.edge <= 1))
      throw new InvalidInputError(`news edge ${quote(news.edge)} must be in [0, 1]`);
    const seed = news.seed ?? 42;
    const articles = generateSyntheticNews(series, { seed, edge: news.edge });
    const scores = await scorer.scoreArticles(articles);
    scored = articles.map((article, i) => ({
      symbol: article.symbols[0] as string,
      publishedAt: article.publishedAt,
      score: scores[i]?.score as number,
      confidence: scores[i]?.confidence as number,
      isNovel: true,
    }));
    description = `synthetic news (edge ${news.edge}, seed ${seed})`;
  } else {
    scored = [];
    for (const s of series) {
      if (s.length === 0) continue;
      const stored = await allArticles(store, {
        symbol: s.symbol,
        from: s.firstTs - lookbackMs,
        to: s.lastTs + barMs,
      });
      scored.push(...(await scoredArticles(stored, scorer, s.symbol)));
    }
    if (scored.length === 0) {
      throw new InvalidInputError(
        `no stored articles about ${series.map((s) => s.symbol).join(', ')} in the backtest period: fetch some first (neural-trader news fetch --symbols ${series.map((s) => s.symbol).join(',')} --from ... --to ...)`,
      );
    }
    description = 'stored news';
  }
  return {
    source: new StoredSentimentSource(scored, { halfLifeMs, lookbackMs, name: description }),
    description,
    articles: scored.length,
  };
}

/**
 * # Synthetic news stream
 *
 * Articles generated over bar series, so news-driven strategies can be run and measured offline with no keys.
 * Reproducible: the same series, seed and options give the same list. Each symbol draws from its own stream
 * (`news/<SYMBOL>`), so adding a symbol leaves the other symbols' articles unchanged.
 *
 * ## Model
 * - Arrivals: on each bar of a symbol an article appears with probability `articlesPerYear / 252` x (bars
 *   per day) (at most one per bar); its tone is neutral with probability `neutralShare`, else positive or
 *   negative with equal odds. The text comes from headline-templates.ts.
 * - Publication time: uniform within the bar's interval [open time, open time + bar length), so a strategy
 *   deciding on bar closes sees it at that bar's close, never earlier.
 * - **Edge**: with probability `edge` a toned article is *informed*: its bar is redrawn (up to 100 times)
 *   until the forward return a reader can earn, from the close of the publication bar to the close
 *   `horizonBars` later, has the tone's sign. Uninformed articles fall on their own random bar. Zero edge:
 *   the news carries no information about returns; one: every toned article is right.
 * The link is the knob a test of a news strategy needs (it profits with an edge and not without); real news'
 * edge is an empirical question.
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeededRng } from '../../core/rng.js';
import type { BarSeries } from '../../data/bar-series.js';
import { randomStream } from '../../data/synthetic/random-streams.js';
import { timeframeMs } from '../../model/timeframe.js';
import type { NewsItem } from '../news-item.types.js';
import { HEADLINE_TEMPLATES, type HeadlineTemplate, type SyntheticTone } from './headline-templates.js';

export interface SyntheticNewsOptions {
  readonly seed: number;
  /** Probability in [0, 1] that a toned article is informed (see the module comment). */
  readonly edge: number;
  /** Bars over which an informed article is right; default 5. */
  readonly horizonBars?: number;
  /** Expected articles per symbol per 252 trading days; default 24. */
  readonly articlesPerYear?: number;
  /** Probability that an article is neutral; default 0.3. */
  readonly neutralShare?: number;
}

/** A generated article with the tone it was written with and whether it was informed (for tests/reports). */
export interface SyntheticArticle extends NewsItem {
  readonly tone: SyntheticTone;
  readonly informed: boolean;
}

const TRADING_DAY_BARS: Readonly<Record<string, number>> = {
  '1m': 390,
  '5m': 78,
  '15m': 26,
  '30m': 13,
  '1h': 7,
  '4h': 2,
  '1d': 1,
  '1w': 0.2,
};
const REDRAWS = 100;

/** Generates the articles of every series, sorted by publication time (then symbol). */
export function generateSyntheticNews(
  series: readonly BarSeries[],
  options: SyntheticNewsOptions,
): SyntheticArticle[] {
  const horizon = options.horizonBars ?? 5;
  const perYear = options.articlesPerYear ?? 24;
  const neutralShare = options.neutralShare ?? 0.3;
  checkUnit('edge', options.edge);
  checkUnit('neutralShare', neutralShare);
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidInputError(`horizonBars ${quote(horizon)} must be a whole number >= 1`);
  }
  if (!(perYear > 0 && perYear <= 252)) {
    throw new InvalidInputError(`articlesPerYear ${quote(perYear)} must be in (0, 252]`);
  }
  const out: SyntheticArticle[] = [];
  for (const s of series) {
    const rng = randomStream(options.seed, `news/${s.symbol}`);
    const barMs = timeframeMs(s.timeframe);
    const probability = Math.min(1, perYear / 252 / (TRADING_DAY_BARS[s.timeframe] ?? 1));
    let sequence = 0;
    for (let bar = 0; bar < s.length; bar++) {
      if (rng.next() >= probability) continue;
      const toneDraw = rng.next();
      const tone: SyntheticTone =
        toneDraw < neutralShare ? 'neutral' : rng.next() < 0.5 ? 'positive' : 'negative';
      const informed = tone !== 'neutral' && rng.next() < options.edge;
      const at = informed ? informedBar(rng, s, tone === 'positive' ? 1 : -1, horizon, bar) : bar;
      const templates = HEADLINE_TEMPLATES[tone];
      const template = templates[rng.int(0, templates.length - 1)] as HeadlineTemplate;
      sequence++;
      out.push({
        source: 'synthetic',
        url: `https://synthetic.neural-trader.invalid/${s.symbol.toLowerCase()}/${options.seed}/${sequence}`,
        title: template.title.replaceAll('{S}', s.symbol),
        summary: template.summary.replaceAll('{S}', s.symbol),
        body: null,
        publishedAt: Math.floor((s.ts[at] as number) + rng.next() * barMs),
        symbols: [s.symbol],
        language: 'en',
        providerSentiment: null,
        tone,
        informed,
      });
    }
  }
  return out.sort(
    (a, b) => a.publishedAt - b.publishedAt || (a.symbols[0] ?? '').localeCompare(b.symbols[0] ?? ''),
  );
}

/** A bar whose forward return over `horizon` bars has the sign `direction` (the drawn bar if none is found). */
function informedBar(
  rng: SeededRng,
  s: BarSeries,
  direction: number,
  horizon: number,
  fallback: number,
): number {
  const last = s.length - 1 - horizon;
  if (last < 0) return fallback;
  for (let attempt = 0; attempt < REDRAWS; attempt++) {
    const bar = rng.int(0, last);
    const forward = (s.close[bar + horizon] as number) - (s.close[bar] as number);
    if (Math.sign(forward) === direction) return bar;
  }
  return fallback;
}

function checkUnit(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new InvalidInputError(`${name} ${quote(value)} must be in [0, 1]`);
}

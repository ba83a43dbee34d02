import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../data/bar-series.js';
import { generateDefaultMarket } from '../../data/synthetic/index.js';
import { generateSyntheticNews } from './synthetic-news.js';

const DAY = 86_400_000;

describe('generateSyntheticNews', () => {
  const series = [...generateDefaultMarket({ days: 400 }).series.values()].slice(0, 6);

  it('is reproducible, sorted by publication, and publishes inside a bar of its symbol', () => {
    const news = generateSyntheticNews(series, { seed: 3, edge: 0.5 });
    expect(generateSyntheticNews(series, { seed: 3, edge: 0.5 })).toEqual(news);
    expect(news.length).toBeGreaterThan(6 * 20);
    for (let k = 1; k < news.length; k++) {
      expect(news[k]!.publishedAt).toBeGreaterThanOrEqual(news[k - 1]!.publishedAt);
    }
    const opens = new Map(series.map((s) => [s.symbol, new Set(Array.from(s.ts))]));
    for (const article of news) {
      const symbol = article.symbols[0] as string;
      expect(article.title).toContain(symbol);
      const open = Math.floor(article.publishedAt / DAY) * DAY;
      expect(opens.get(symbol)?.has(open)).toBe(true);
    }
    expect(new Set(news.map((a) => a.url)).size).toBe(news.length);
  });

  it("keeps a symbol's articles unchanged when other symbols are added", () => {
    const alone = generateSyntheticNews(series.slice(0, 1), { seed: 3, edge: 0.5 });
    const together = generateSyntheticNews(series, { seed: 3, edge: 0.5 });
    const symbol = series[0]!.symbol;
    expect(together.filter((a) => a.symbols[0] === symbol)).toEqual(alone);
  });

  it('makes informed articles point the way the price goes next, and uninformed ones at random', () => {
    const horizon = 5;
    const hitRate = (edge: number) => {
      const news = generateSyntheticNews(series, {
        seed: 9,
        edge,
        horizonBars: horizon,
        articlesPerYear: 120,
      });
      let hits = 0;
      let toned = 0;
      for (const article of news) {
        if (article.tone === 'neutral') continue;
        const s = series.find((x) => x.symbol === article.symbols[0]) as BarSeries;
        const bar = Array.from(s.ts).indexOf(Math.floor(article.publishedAt / DAY) * DAY);
        if (bar + horizon >= s.length) continue;
        const forward = (s.close[bar + horizon] as number) - (s.close[bar] as number);
        toned++;
        if (Math.sign(forward) === (article.tone === 'positive' ? 1 : -1)) hits++;
      }
      return hits / toned;
    };
    expect(hitRate(1)).toBeGreaterThan(0.97);
    const none = hitRate(0);
    expect(none).toBeGreaterThan(0.4);
    expect(none).toBeLessThan(0.62);
  });

  it('refuses out-of-range options, naming them', () => {
    expect(() => generateSyntheticNews(series, { seed: 1, edge: 1.5 })).toThrow(
      'edge "1.5" must be in [0, 1]',
    );
    expect(() => generateSyntheticNews(series, { seed: 1, edge: 0, horizonBars: 0 })).toThrow(
      'horizonBars "0"',
    );
    expect(() => generateSyntheticNews(series, { seed: 1, edge: 0, articlesPerYear: 0 })).toThrow(
      'articlesPerYear "0" must be in (0, 252]',
    );
  });
});

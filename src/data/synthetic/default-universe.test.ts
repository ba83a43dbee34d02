import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../bar-series.js';
import {
  DEFAULT_DAYS,
  DEFAULT_SEED,
  DEFAULT_START,
  DEFAULT_UNIVERSE,
  generateDefaultMarket,
} from './default-universe.js';

describe('DEFAULT_UNIVERSE', () => {
  it('lists the documented 20 symbols by sector', () => {
    const bySector = new Map<string, string[]>();
    for (const symbol of DEFAULT_UNIVERSE.symbols)
      bySector.set(symbol.sector, [...(bySector.get(symbol.sector) ?? []), symbol.symbol]);
    expect(Object.fromEntries(bySector)).toEqual({
      index: ['SPY', 'QQQ', 'IWM'],
      technology: ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'META', 'AMZN'],
      financials: ['JPM', 'BAC', 'GS'],
      energy: ['XOM', 'CVX'],
      healthcare: ['JNJ', 'PFE', 'UNH'],
      'consumer-staples': ['KO', 'PEP', 'WMT'],
    });
  });

  it('gives the index ETFs a high market beta and a low idiosyncratic volatility', () => {
    for (const symbol of DEFAULT_UNIVERSE.symbols.filter((s) => s.sector === 'index')) {
      expect(symbol.beta).toBeGreaterThanOrEqual(1);
      expect(symbol.idiosyncraticVolatility).toBeLessThanOrEqual(0.08);
      expect(symbol.jumps).toBeUndefined();
    }
  });

  it('pairs KO with PEP (half-life 10 days) and XOM with CVX (half-life 20 days)', () => {
    expect(DEFAULT_UNIVERSE.pairs?.map((p) => [p.a, p.b, p.halfLifeDays])).toEqual([
      ['KO', 'PEP', 10],
      ['XOM', 'CVX', 20],
    ]);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_SEED).toBe(42);
    expect(new Date(DEFAULT_START).toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(DEFAULT_DAYS).toBe(756);
  });
});

describe('generateDefaultMarket', () => {
  it('generates three years of daily bars starting near each start price', () => {
    const market = generateDefaultMarket();
    expect(market.seed).toBe(42);
    expect(market.instruments.map((i) => i.symbol)).toEqual(DEFAULT_UNIVERSE.symbols.map((s) => s.symbol));
    for (const spec of DEFAULT_UNIVERSE.symbols) {
      const series = market.series.get(spec.symbol) as BarSeries;
      expect(series.length).toBe(756);
      expect((series.open[0] as number) / spec.startPrice).toBeGreaterThan(0.9);
      expect((series.open[0] as number) / spec.startPrice).toBeLessThan(1.1);
    }
  });

  it('takes overrides for seed, length and timeframe', () => {
    const market = generateDefaultMarket({ seed: 7, days: 2, timeframe: '1m' });
    expect(market.seed).toBe(7);
    expect(market.timeframe).toBe('1m');
    expect(market.series.get('SPY')?.length).toBe(780);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDisclosedTrades } from '../../model/disclosed-trade-schema.js';
import type { DisclosedTrade } from '../../model/disclosure.types.js';
import { BarSeries } from '../bar-series.js';
import { generateDefaultMarket } from './default-universe.js';
import { generateSyntheticDisclosures, yearOf } from './disclosures.js';

const DAY = 86_400_000;
const market = generateDefaultMarket({ days: 600 });
const series = [...market.series.values()];
const bySymbol = new Map(series.map((s) => [s.symbol, s]));

/** Bar index of the bar whose day contains `ms` (daily bars at 00:00 UTC). */
function barOf(s: BarSeries, ms: number): number {
  return s.indexAtOrBefore(ms);
}

/** Share of disclosures whose 20-bar forward return from the publication bar's close has the trade's sign. */
function favourableShare(disclosures: readonly DisclosedTrade[]): number {
  let favourable = 0;
  for (const d of disclosures) {
    const s = bySymbol.get(d.symbol) as BarSeries;
    const p = barOf(s, d.publishedAt);
    const move = (s.close[p + 20] as number) - (s.close[p] as number);
    if ((d.side === 'buy' && move > 0) || (d.side === 'sell' && move < 0)) favourable++;
  }
  return favourable / disclosures.length;
}

describe('generateSyntheticDisclosures', () => {
  const disclosures = generateSyntheticDisclosures(series, { seed: 3, edge: 0.5 });

  it('is reproducible from its seed, and a different seed gives other disclosures', () => {
    expect(generateSyntheticDisclosures(series, { seed: 3, edge: 0.5 })).toEqual(disclosures);
    expect(generateSyntheticDisclosures(series, { seed: 4, edge: 0.5 })).not.toEqual(disclosures);
  });

  it('gives each symbol its own stream: dropping a symbol leaves the others unchanged', () => {
    const withoutSpy = generateSyntheticDisclosures(
      series.filter((s) => s.symbol !== 'SPY'),
      { seed: 3, edge: 0.5 },
    );
    const others = disclosures.filter((d) => d.symbol !== 'SPY');
    expect(withoutSpy.map((d) => [d.symbol, d.publishedAt, d.quantity, d.side])).toEqual(
      others.map((d) => [d.symbol, d.publishedAt, d.quantity, d.side]),
    );
  });

  it('produces valid disclosures, sorted by publication time, at about the requested rate', () => {
    expect(parseDisclosedTrades(disclosures)).toEqual(disclosures);
    for (let i = 1; i < disclosures.length; i++) {
      expect((disclosures[i] as DisclosedTrade).publishedAt).toBeGreaterThanOrEqual(
        (disclosures[i - 1] as DisclosedTrade).publishedAt,
      );
    }
    // 20 symbols x 8 a year x 600 / 252 years = 381 expected (Poisson sd about 20); a few sales are dropped.
    expect(disclosures.length).toBeGreaterThan(300);
    expect(disclosures.length).toBeLessThan(440);
    expect(new Set(disclosures.map((d) => d.accessionNumber)).size).toBe(disclosures.length);
  });

  it('publishes Form 4 trades 1-3 bars and 13F changes 20-31 bars after the transaction, during the day', () => {
    for (const d of disclosures) {
      const s = bySymbol.get(d.symbol) as BarSeries;
      const lag = barOf(s, d.publishedAt) - barOf(s, d.transactionDate);
      if (d.source === 'form4') {
        expect(lag).toBeGreaterThanOrEqual(1);
        expect(lag).toBeLessThanOrEqual(3);
        expect(d.role).not.toBe('institution');
      } else {
        expect(lag).toBeGreaterThanOrEqual(20);
        expect(lag).toBeLessThanOrEqual(31);
        expect(d.role).toBe('institution');
      }
      const timeOfDay = d.publishedAt % DAY;
      expect(timeOfDay).toBeGreaterThanOrEqual(12 * 3_600_000);
      expect(timeOfDay).toBeLessThan(22 * 3_600_000);
      expect(d.price).toBe(s.close[barOf(s, d.transactionDate)]);
    }
  });

  it('keeps each filer stake consistent: the stake after a trade is the previous one plus or minus the trade', () => {
    const stakes = new Map<string, number>();
    const inTradeOrder = [...disclosures].sort(
      (a, b) => a.transactionDate - b.transactionDate || a.publishedAt - b.publishedAt,
    );
    let checked = 0;
    for (const d of inTradeOrder) {
      const key = `${d.symbol}|${d.filer.cik}`;
      const before = stakes.get(key);
      const after = d.sharesOwnedAfter as number;
      expect(after).toBeGreaterThanOrEqual(0);
      if (before !== undefined) {
        expect(after).toBe(before + (d.side === 'buy' ? d.quantity : -d.quantity));
        checked++;
      }
      stakes.set(key, after);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("places informed trades where the follower's forward return has the trade's sign", () => {
    // Reference: a plain loop over closes (favourableShare above). Edge e -> share = e + (1 - e) x about 0.5.
    expect(favourableShare(generateSyntheticDisclosures(series, { seed: 3, edge: 1 }))).toBeGreaterThan(0.99);
    const informed = favourableShare(disclosures);
    expect(informed).toBeGreaterThan(0.65);
    expect(informed).toBeLessThan(0.85);
    const uninformed = favourableShare(generateSyntheticDisclosures(series, { seed: 3, edge: 0 }));
    expect(uninformed).toBeGreaterThan(0.4);
    expect(uninformed).toBeLessThan(0.6);
  });

  it('honours the buy share and the institution share', () => {
    const onlyInsiderBuys = generateSyntheticDisclosures(series, {
      seed: 1,
      edge: 0,
      buyShare: 1,
      institutionShare: 0,
    });
    expect(onlyInsiderBuys.every((d) => d.side === 'buy' && d.source === 'form4')).toBe(true);
  });

  it('refuses non-daily series and options out of range', () => {
    const minute = BarSeries.allocate('AAA', '1m', 10);
    expect(() => generateSyntheticDisclosures([minute], { seed: 1, edge: 0 })).toThrow('need daily bars');
    expect(() => generateSyntheticDisclosures(series, { seed: 1, edge: 1.5 })).toThrow(
      'edge "1.5" must be in [0, 1]',
    );
    expect(() => generateSyntheticDisclosures(series, { seed: 1, edge: 0, horizonBars: 0 })).toThrow(
      'horizonBars "0"',
    );
    expect(() => generateSyntheticDisclosures(series, { seed: 1, edge: 0, disclosuresPerYear: 0 })).toThrow(
      'disclosuresPerYear "0"',
    );
  });

  it('gives nothing for a series too short for the lag and horizon', () => {
    const short = (series[0] as BarSeries).slice(0, 10);
    expect(generateSyntheticDisclosures([short], { seed: 1, edge: 0.5, disclosuresPerYear: 252 })).toEqual(
      [],
    );
  });
});

describe('yearOf', () => {
  it('matches the calendar year around leap days and century boundaries', () => {
    // References: Date.UTC, the platform's own calendar (tests may use Date).
    for (const ms of [
      Date.UTC(2024, 1, 29),
      Date.UTC(1999, 11, 31, 23, 59),
      Date.UTC(2000, 0, 1),
      Date.UTC(2100, 2, 1),
      Date.UTC(1969, 6, 20),
      Date.UTC(2023, 11, 31),
    ]) {
      expect(yearOf(ms)).toBe(new Date(ms).getUTCFullYear());
    }
  });
});

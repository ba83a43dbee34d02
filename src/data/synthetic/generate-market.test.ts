import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { roundToTick } from '../../model/instrument.js';
import { BAR_FIELDS, type BarSeries } from '../bar-series.js';
import { DEFAULT_UNIVERSE, generateDefaultMarket } from './default-universe.js';
import { generateMarket } from './generate-market.js';
import type { MarketSpec, SyntheticMarket } from './market-spec.types.js';

function bytes(column: Float64Array | Uint8Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

function marketHash(market: SyntheticMarket): string {
  const hash = createHash('sha256');
  for (const series of market.series.values())
    for (const field of BAR_FIELDS) hash.update(bytes(series[field]));
  hash.update(bytes(market.regimes));
  return hash.digest('hex');
}

/** Every OHLC rule a bar must satisfy; returns the first broken rule, or null. */
function firstBrokenBar(series: BarSeries, tickSize: number): string | null {
  for (let i = 0; i < series.length; i++) {
    const o = series.open[i] as number;
    const h = series.high[i] as number;
    const l = series.low[i] as number;
    const c = series.close[i] as number;
    const v = series.volume[i] as number;
    const where = `${series.symbol}[${i}] o=${o} h=${h} l=${l} c=${c} v=${v}`;
    if (!(l <= Math.min(o, c) && h >= Math.max(o, c) && l >= tickSize)) return `OHLC order ${where}`;
    if (!(v >= 0 && Number.isInteger(v))) return `volume ${where}`;
    for (const p of [o, h, l, c]) if (roundToTick(p, tickSize) !== p) return `off tick ${where}`;
  }
  return null;
}

const SMALL_SPEC: MarketSpec = {
  sectors: [
    { name: 'tech', volatility: 0.15 },
    { name: 'banks', volatility: 0.15 },
  ],
  symbols: [
    {
      symbol: 'AAA',
      sector: 'tech',
      startPrice: 50,
      beta: 1.1,
      idiosyncraticVolatility: 0.2,
      averageVolume: 1e6,
    },
    {
      symbol: 'BBB',
      sector: 'banks',
      startPrice: 20,
      beta: 0.9,
      idiosyncraticVolatility: 0.15,
      averageVolume: 5e5,
    },
    {
      symbol: 'CCC',
      sector: 'banks',
      startPrice: 80,
      beta: 1,
      idiosyncraticVolatility: 0.1,
      averageVolume: 2e6,
    },
  ],
  pairs: [{ a: 'CCC', b: 'BBB', beta: 1.2, halfLifeDays: 5, spreadVolatility: 0.02 }],
};

describe('generateMarket', () => {
  it('is byte-identical for the same seed, down to a SHA-256 of every column', () => {
    const first = generateDefaultMarket();
    const second = generateDefaultMarket();
    expect([...first.series.keys()]).toEqual([...second.series.keys()]);
    for (const [symbol, series] of first.series) {
      const twin = second.series.get(symbol) as BarSeries;
      for (const field of BAR_FIELDS) expect(bytes(series[field]).equals(bytes(twin[field]))).toBe(true);
    }
    expect(bytes(first.regimes).equals(bytes(second.regimes))).toBe(true);
    expect(marketHash(first)).toBe(marketHash(second));
  });

  it('reproduces the recorded default market exactly (update this hash only when the generator changes on purpose)', () => {
    expect(marketHash(generateDefaultMarket())).toBe(
      'f6175ea7494cb979b44446a159273075636ae2ac57ff1092db8492f71806de4c',
    );
  });

  it('differs for a different seed', () => {
    const a = generateDefaultMarket({ seed: 1 }).series.get('SPY') as BarSeries;
    const b = generateDefaultMarket({ seed: 2 }).series.get('SPY') as BarSeries;
    expect(bytes(a.close).equals(bytes(b.close))).toBe(false);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a.close[i] === b.close[i]) same++;
    expect(same).toBeLessThan(a.length / 10);
  });

  it('keeps OHLC order, whole non-negative volumes and prices on the tick for every daily bar', () => {
    const market = generateDefaultMarket({ days: 2520 });
    for (const series of market.series.values()) expect(firstBrokenBar(series, 0.01)).toBeNull();
  });

  it('keeps the OHLC rules for every 1-minute bar and for a coarse tick', () => {
    const intraday = generateMarket(DEFAULT_UNIVERSE, {
      seed: 3,
      start: Date.UTC(2023, 0, 2),
      days: 5,
      timeframe: '1m',
    });
    for (const series of intraday.series.values()) expect(firstBrokenBar(series, 0.01)).toBeNull();
    const coarse: MarketSpec = {
      ...SMALL_SPEC,
      symbols: SMALL_SPEC.symbols.map((s) => ({ ...s, tickSize: 0.05 })),
    };
    const market = generateMarket(coarse, { seed: 4, start: 0, days: 500, timeframe: '1d' });
    for (const series of market.series.values()) expect(firstBrokenBar(series, 0.05)).toBeNull();
    expect(market.instruments.map((i) => i.tickSize)).toEqual([0.05, 0.05, 0.05]);
  });

  it('puts daily bars at 00:00 UTC on weekdays only', () => {
    const market = generateDefaultMarket();
    const spy = market.series.get('SPY') as BarSeries;
    expect(spy.length).toBe(756);
    expect(spy.timeframe).toBe('1d');
    expect(spy.ts[0]).toBe(Date.UTC(2020, 0, 1));
    const bad = Array.from(spy.ts).filter(
      (t) => t % 86_400_000 !== 0 || [0, 6].includes(new Date(t).getUTCDay()),
    );
    expect(bad).toEqual([]);
    expect(market.regimes.length).toBe(756);
  });

  it('lays 390 consecutive minute bars per weekday with one regime per day', () => {
    const market = generateMarket(SMALL_SPEC, {
      seed: 9,
      start: Date.UTC(2024, 2, 1),
      days: 4,
      timeframe: '1m',
    });
    const series = market.series.get('AAA') as BarSeries;
    expect(series.length).toBe(4 * 390);
    expect(series.timeframe).toBe('1m');
    const days = new Map<number, number[]>();
    for (const t of series.ts) {
      const day = Math.floor(t / 86_400_000);
      days.set(day, [...(days.get(day) ?? []), t]);
    }
    expect([...days.keys()].map((d) => new Date(d * 86_400_000).getUTCDay())).toEqual([5, 1, 2, 3]);
    for (const [day, times] of days) {
      expect(times.length).toBe(390);
      expect(times[0]).toBe(day * 86_400_000 + (14 * 60 + 30) * 60_000);
      expect(times.every((t, k) => t === (times[0] as number) + k * 60_000)).toBe(true);
    }
    for (let d = 0; d < 4; d++) {
      const dayRegimes = market.regimes.subarray(d * 390, (d + 1) * 390);
      expect(dayRegimes.every((r) => r === dayRegimes[0])).toBe(true);
    }
  });

  it('leaves the other symbols unchanged when a symbol and a sector are added', () => {
    const base = generateMarket(SMALL_SPEC, { seed: 5, start: 0, days: 300, timeframe: '1d' });
    const grown = generateMarket(
      {
        ...SMALL_SPEC,
        sectors: [...SMALL_SPEC.sectors, { name: 'oil', volatility: 0.2 }],
        symbols: [
          SMALL_SPEC.symbols[0] as MarketSpec['symbols'][number],
          {
            symbol: 'NEW',
            sector: 'oil',
            startPrice: 10,
            beta: 1,
            idiosyncraticVolatility: 0.3,
            averageVolume: 1e5,
          },
          ...SMALL_SPEC.symbols.slice(1),
        ],
      },
      { seed: 5, start: 0, days: 300, timeframe: '1d' },
    );
    for (const [symbol, series] of base.series) {
      const twin = grown.series.get(symbol) as BarSeries;
      for (const field of BAR_FIELDS)
        expect(bytes(series[field]).equals(bytes(twin[field])), `${symbol}.${field}`).toBe(true);
    }
  });

  it('describes instruments, regimes and pairs, with the half-life in bars of the timeframe', () => {
    const daily = generateMarket(SMALL_SPEC, { seed: 1, start: 0, days: 10, timeframe: '1d' });
    expect(daily.instruments.map((i) => [i.symbol, i.sector, i.assetClass])).toEqual([
      ['AAA', 'tech', 'equity'],
      ['BBB', 'banks', 'equity'],
      ['CCC', 'banks', 'equity'],
    ]);
    expect(daily.regimeNames).toEqual(['bull', 'bear', 'sideways']);
    expect(daily.seed).toBe(1);
    expect(daily.timeframe).toBe('1d');
    const [pair] = daily.pairs;
    expect(pair).toMatchObject({ a: 'CCC', b: 'BBB', beta: 1.2, halfLife: 5, spreadVolatility: 0.02 });
    expect(pair?.phi).toBeCloseTo(Math.exp(-Math.LN2 / 5), 15);
    expect(pair?.alpha).toBeCloseTo(Math.log(80) - 1.2 * Math.log(20), 12);
    const minute = generateMarket(SMALL_SPEC, { seed: 1, start: 0, days: 1, timeframe: '1m' });
    expect(minute.pairs[0]?.halfLife).toBe(5 * 390);
  });

  it('starts in the requested regime and accepts a custom single-regime market', () => {
    const market = generateMarket(
      {
        ...SMALL_SPEC,
        market: {
          regimes: [{ name: 'calm', drift: 0.05, volatility: 0.1 }],
          transitions: [[1]],
          initialRegime: 'calm',
        },
      },
      { seed: 1, start: 0, days: 20, timeframe: '1d' },
    );
    expect(market.regimeNames).toEqual(['calm']);
    expect(market.regimes.every((r) => r === 0)).toBe(true);
  });

  it('refuses bad options with a message that quotes the value', () => {
    const ok = { seed: 1, start: 0, days: 10, timeframe: '1d' } as const;
    expect(() => generateMarket(SMALL_SPEC, { ...ok, days: 0 })).toThrow(
      'days "0" must be an integer in [1, 100000]',
    );
    expect(() => generateMarket(SMALL_SPEC, { ...ok, days: 1e9 })).toThrow(
      'days "1000000000" must be an integer',
    );
    expect(() => generateMarket(SMALL_SPEC, { ...ok, seed: 1.5 })).toThrow('seed "1.5" must be an integer');
    expect(() => generateMarket(SMALL_SPEC, { ...ok, start: Number.NaN })).toThrow(
      'start "NaN" must be epoch ms',
    );
    expect(() => generateMarket(SMALL_SPEC, { ...ok, timeframe: '1h' as never })).toThrow(
      'timeframe "1h" must be "1d" or "1m"',
    );
  });
});

/**
 * The synthetic market has the statistical features it claims, measured on long samples with fixed seeds:
 * sector structure, cointegration at the chosen half-life, regime volatility, GARCH clustering, fat tails,
 * drift, and volume behaviour. Each check has a control that would fail if the feature were missing.
 */
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../bar-series.js';
import { DEFAULT_UNIVERSE, generateDefaultMarket } from './default-universe.js';
import { generateMarket } from './generate-market.js';
import type { MarketFactorSpec, MarketSpec, SymbolSpec } from './market-spec.types.js';

function logReturns(series: BarSeries): Float64Array {
  const out = new Float64Array(series.length - 1);
  for (let i = 1; i < series.length; i++)
    out[i - 1] = Math.log((series.close[i] as number) / (series.close[i - 1] as number));
  return out;
}

function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] as number;
  return sum / xs.length;
}

function stdev(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += ((xs[i] as number) - m) ** 2;
  return Math.sqrt(sum / (xs.length - 1));
}

function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** OLS slope of x_t on x_{t-1} with an intercept: the AR(1) coefficient. */
function ar1(xs: ArrayLike<number>): number {
  return correlationSlope(Array.from(xs).slice(0, -1), Array.from(xs).slice(1));
}

function correlationSlope(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  return sxy / sxx;
}

function autocorrelation(xs: ArrayLike<number>, lag: number): number {
  const values = Array.from(xs);
  return correlation(values.slice(0, -lag), values.slice(lag));
}

function excessKurtosis(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] as number) - m;
    m2 += d * d;
    m4 += d ** 4;
  }
  m2 /= xs.length;
  m4 /= xs.length;
  return m4 / (m2 * m2) - 3;
}

const quietMarket = (overrides: Partial<MarketFactorSpec>): Partial<MarketFactorSpec> => ({
  regimes: [{ name: 'only', drift: 0.05, volatility: 0.2 }],
  transitions: [[1]],
  jumps: { intensity: 0, mean: 0, stdev: 0 },
  shocks: { distribution: 'normal' },
  ...overrides,
});

const marketOnly = (market: Partial<MarketFactorSpec>): MarketSpec => ({
  market,
  sectors: [{ name: 'index', volatility: 0 }],
  symbols: [
    {
      symbol: 'MKT',
      sector: 'index',
      startPrice: 100,
      beta: 1,
      idiosyncraticVolatility: 0,
      averageVolume: 1e6,
    },
  ],
});

describe('default universe statistics', () => {
  const long = generateDefaultMarket({ days: 5040, seed: 11 });
  const returns = new Map([...long.series].map(([symbol, series]) => [symbol, logReturns(series)]));
  const sectorOf = new Map(long.instruments.map((instrument) => [instrument.symbol, instrument.sector]));

  it('correlates stocks of one sector more than stocks of different sectors', () => {
    const symbols = [...returns.keys()].filter((s) => sectorOf.get(s) !== 'index');
    let within = 0;
    let withinCount = 0;
    let across = 0;
    let acrossCount = 0;
    for (let i = 0; i < symbols.length; i++) {
      for (let j = i + 1; j < symbols.length; j++) {
        const a = symbols[i] as string;
        const b = symbols[j] as string;
        const rho = correlation(returns.get(a) as Float64Array, returns.get(b) as Float64Array);
        if (sectorOf.get(a) === sectorOf.get(b)) {
          within += rho;
          withinCount++;
        } else {
          across += rho;
          acrossCount++;
        }
      }
    }
    expect(within / withinCount).toBeGreaterThan(across / acrossCount + 0.15);
    const tech = correlation(returns.get('AAPL') as Float64Array, returns.get('MSFT') as Float64Array);
    const techBank = correlation(returns.get('AAPL') as Float64Array, returns.get('JPM') as Float64Array);
    expect(tech).toBeGreaterThan(techBank + 0.1);
  });

  it('makes each pair spread an AR(1) with phi = exp(-ln 2 / half-life)', () => {
    expect(long.pairs.map((p) => [p.a, p.b, p.halfLife])).toEqual([
      ['KO', 'PEP', 10],
      ['XOM', 'CVX', 20],
    ]);
    for (const pair of long.pairs) {
      const a = long.series.get(pair.a) as BarSeries;
      const b = long.series.get(pair.b) as BarSeries;
      const spread = a.close.map(
        (close, t) => Math.log(close) - pair.alpha - pair.beta * Math.log(b.close[t] as number),
      );
      const phi = ar1(spread);
      expect(Math.abs(phi - Math.exp(-Math.LN2 / pair.halfLife))).toBeLessThan(0.02);
      expect(stdev(spread) / pair.spreadVolatility).toBeGreaterThan(0.8);
      expect(stdev(spread) / pair.spreadVolatility).toBeLessThan(1.2);
    }
    // Control: two stocks that are not a pair have a log ratio close to a random walk.
    const aapl = long.series.get('AAPL') as BarSeries;
    const msft = long.series.get('MSFT') as BarSeries;
    expect(ar1(aapl.close.map((c, t) => Math.log(c / (msft.close[t] as number))))).toBeGreaterThan(0.99);
  });

  it('is more volatile in the bear regime than in bull or sideways', () => {
    const spy = returns.get('SPY') as Float64Array;
    const byRegime = [[], [], []] as number[][];
    for (let t = 1; t < long.regimes.length; t++)
      byRegime[long.regimes[t] as number]?.push(spy[t - 1] as number);
    for (const sample of byRegime) expect(sample.length).toBeGreaterThan(200);
    const [bull, bear, sideways] = byRegime.map(stdev) as [number, number, number];
    expect(bear).toBeGreaterThan(1.6 * bull);
    expect(bear).toBeGreaterThan(1.6 * sideways);
    // Annualised, each regime's SPY vol is near its market vol (15%, 30%, 12%) plus a little idiosyncratic noise.
    expect(bull * Math.sqrt(252)).toBeGreaterThan(0.12);
    expect(bull * Math.sqrt(252)).toBeLessThan(0.2);
  });

  it('trades more volume on bigger moves', () => {
    for (const symbol of ['SPY', 'AAPL', 'KO']) {
      const series = long.series.get(symbol) as BarSeries;
      const moves = (returns.get(symbol) as Float64Array).map(Math.abs);
      const logVolume = series.volume.subarray(1).map(Math.log);
      expect(correlation(moves, logVolume)).toBeGreaterThan(0.25);
    }
  });
});

describe('market factor statistics', () => {
  it('clusters volatility under GARCH: squared returns are autocorrelated, and not without it', () => {
    const options = { seed: 21, start: 0, days: 5000, timeframe: '1d' } as const;
    const clustered = logReturns(
      generateMarket(marketOnly(quietMarket({ garch: { alpha: 0.08, beta: 0.9 } })), options).series.get(
        'MKT',
      ) as BarSeries,
    );
    const flat = logReturns(
      generateMarket(marketOnly(quietMarket({ garch: { alpha: 0, beta: 0 } })), options).series.get(
        'MKT',
      ) as BarSeries,
    );
    const bound = 1 / Math.sqrt(clustered.length);
    const squared = (xs: Float64Array): Float64Array => xs.map((x) => x * x);
    expect(autocorrelation(squared(clustered), 1)).toBeGreaterThan(5 * bound);
    expect(Math.abs(autocorrelation(squared(flat), 1))).toBeLessThan(3 * bound);
    expect(excessKurtosis(clustered)).toBeGreaterThan(0.5); // theory: 1.43 for alpha 0.08, beta 0.9
    expect(Math.abs(excessKurtosis(flat))).toBeLessThan(0.3);
  });

  it('gives fat tails with Student-t shocks and jumps', () => {
    const options = { seed: 22, start: 0, days: 5000, timeframe: '1d' } as const;
    const spec = marketOnly(
      quietMarket({
        garch: { alpha: 0, beta: 0 },
        shocks: { distribution: 'student-t', degreesOfFreedom: 5 },
      }),
    );
    const fat = logReturns(generateMarket(spec, options).series.get('MKT') as BarSeries);
    expect(excessKurtosis(fat)).toBeGreaterThan(2);
    expect(stdev(fat) * Math.sqrt(252)).toBeCloseTo(0.2, 1);
    const jumpy = marketOnly(
      quietMarket({ garch: { alpha: 0, beta: 0 }, jumps: { intensity: 10, mean: -0.03, stdev: 0.03 } }),
    );
    expect(
      excessKurtosis(logReturns(generateMarket(jumpy, options).series.get('MKT') as BarSeries)),
    ).toBeGreaterThan(2);
  });

  it('delivers the expected arithmetic return alpha + beta x drift, Ito and jump compensators included', () => {
    const symbols: SymbolSpec[] = Array.from({ length: 40 }, (_, i) => ({
      symbol: `S${i}`,
      sector: 'flat',
      startPrice: 100,
      beta: 0,
      idiosyncraticVolatility: 0.3,
      alpha: 0.1,
      averageVolume: 1e6,
      jumps: { intensity: 4, mean: -0.05, stdev: 0.05 },
    }));
    const market = generateMarket(
      {
        market: quietMarket({ garch: { alpha: 0, beta: 0 } }),
        sectors: [{ name: 'flat', volatility: 0 }],
        symbols,
      },
      { seed: 23, start: 0, days: 5000, timeframe: '1d' },
    );
    let total = 0;
    let count = 0;
    for (const series of market.series.values()) {
      for (let i = 1; i < series.length; i++) {
        total += (series.close[i] as number) / (series.close[i - 1] as number) - 1;
        count++;
      }
    }
    // Standard error of the annualised mean: about 0.34 / sqrt(40 x 5000 / 252) = 0.012.
    expect((total / count) * 252).toBeGreaterThan(0.1 - 0.04);
    expect((total / count) * 252).toBeLessThan(0.1 + 0.04);
  });
});

describe('intraday bars', () => {
  it('trade a U-shaped volume profile across the session', () => {
    const market = generateMarket(
      { ...DEFAULT_UNIVERSE, symbols: DEFAULT_UNIVERSE.symbols.slice(0, 3), pairs: [] },
      { seed: 31, start: Date.UTC(2024, 0, 1), days: 20, timeframe: '1m' },
    );
    const perMinute = new Float64Array(390);
    for (const series of market.series.values()) {
      for (let i = 0; i < series.length; i++)
        perMinute[i % 390] = (perMinute[i % 390] as number) + (series.volume[i] as number);
    }
    const open = mean(perMinute.subarray(0, 15));
    const midday = mean(perMinute.subarray(180, 210));
    const close = mean(perMinute.subarray(375, 390));
    expect(open).toBeGreaterThan(2 * midday);
    expect(close).toBeGreaterThan(1.5 * midday);
  });

  it('sums a day of minute returns to about the daily volatility', () => {
    const market = generateMarket(marketOnly(quietMarket({ garch: { alpha: 0, beta: 0 } })), {
      seed: 32,
      start: 0,
      days: 250,
      timeframe: '1m',
    });
    const series = market.series.get('MKT') as BarSeries;
    const daily: number[] = [];
    for (let d = 1; d < 250; d++)
      daily.push(Math.log((series.close[d * 390 + 389] as number) / (series.close[d * 390 - 1] as number)));
    expect(stdev(daily) * Math.sqrt(252)).toBeGreaterThan(0.16);
    expect(stdev(daily) * Math.sqrt(252)).toBeLessThan(0.24);
  });
});

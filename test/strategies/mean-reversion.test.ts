import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../../src/backtest/backtest-engine.js';
import { noFees } from '../../src/backtest/exchange/fees.js';
import { noSlippage } from '../../src/backtest/exchange/slippage.js';
import { SeededRng } from '../../src/core/rng.js';
import type { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { meanReversionDefinition } from '../../src/strategies/mean-reversion/definition.js';
import { barsFrom } from '../../src/strategies/pairs/pair-series.fixture.js';
import { expectDeterministic, expectNoLookAhead } from '../helpers/strategy-checks.js';

interface Logged {
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function run(series: BarSeries, params: Record<string, unknown>) {
  const logs: Logged[] = [];
  const strategy = meanReversionDefinition.create(params, { symbols: [series.symbol], timeframe: '1d' });
  const result = runBacktestEngine({
    series: [series],
    strategy,
    startingCash: 100_000,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
    onLog: (message, fields = {}) => logs.push({ message, fields }),
  });
  return { result, logs };
}

/** SMA of the `period` closes ending at index t, by a plain loop (independent of the indicator code). */
function plainSma(closes: readonly number[], t: number, period: number): number {
  let sum = 0;
  for (let k = t - period + 1; k <= t; k++) sum += closes[k] as number;
  return sum / period;
}

describe('mean-reversion on the synthetic universe', () => {
  const market = generateDefaultMarket({ days: 400 });
  const ko = market.series.get('KO');
  if (ko === undefined) throw new Error('the default universe has KO');
  const make = () =>
    meanReversionDefinition.create(
      { percentOfEquity: 50, allowShort: true, regimeFilter: 'adx' },
      { symbols: ['KO'], timeframe: '1d' },
    );

  it('gives the same fills on every run, and trades', () => {
    const result = expectDeterministic(make, [ko]);
    expect(result.fills.length).toBeGreaterThan(0);
  });

  it('makes the same decisions when the future is cut off', () => {
    expectNoLookAhead(make, [ko], [ko.ts[150] as number, ko.ts[260] as number, ko.ts[330] as number]);
  });
});

describe('mean-reversion scenarios', () => {
  it('buys a mean-reverting (Ornstein-Uhlenbeck) series below its mean and sells it at the mean', () => {
    // u_t = 0.85 u_{t−1} + ε_t (half-life −ln 2 / ln 0.85 = 4.3 bars), close = 100 + u.
    const rng = new SeededRng(21);
    let u = 0;
    const closes = Array.from({ length: 750 }, () => {
      u = 0.85 * u + rng.normal();
      return 100 + u;
    });
    const { result, logs } = run(barsFrom('OU', closes), { quantity: 10 });
    const entries = logs.filter((l) => l.message === 'mean-reversion entry');
    const exits = logs.filter((l) => l.message === 'mean-reversion exit');
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const entry of entries) {
      const t = closes.indexOf(entry.fields.close as number);
      const mean = plainSma(closes, t, 20);
      expect(entry.fields.side).toBe('buy');
      expect(entry.fields.mean).toBeCloseTo(mean, 9);
      expect(entry.fields.close as number).toBeLessThan(mean);
    }
    // Most trades end at the mean; the rest at the half-life time stop (the 5% stop-loss is 5σ away here).
    const atMean = exits.filter((l) => l.fields.reason === 'mean');
    expect(atMean.length).toBeGreaterThan(entries.length / 2);
    expect(exits.every((l) => l.fields.reason === 'mean' || l.fields.reason === 'time-stop')).toBe(true);
    for (const exit of atMean) {
      const t = closes.indexOf(exit.fields.close as number);
      expect(exit.fields.close as number).toBeGreaterThanOrEqual(plainSma(closes, t, 20));
    }
    // Long only: every buy opens, every sell closes; fading an OU series pays.
    expect(result.fills.every((f, i) => f.side === (i % 2 === 0 ? 'buy' : 'sell'))).toBe(true);
    expect(result.netPnl).toBeGreaterThan(0);
  });

  it('stands aside in a strong downtrend that a filterless fade keeps buying', () => {
    // log close = ln 100 − 0.004 t − 0.04 ⌊t / 15⌋ + 0.002 ε: a steady fall with a 4% drop every 15 bars,
    // each drop a z-score far below −2 in a 20-bar window.
    const rng = new SeededRng(7);
    const closes = Array.from({ length: 500 }, (_, t) =>
      Math.exp(Math.log(100) - 0.004 * t - 0.04 * Math.floor(t / 15) + 0.002 * rng.normal()),
    );
    const series = barsFrom('FALL', closes);
    const base = { quantity: 10, halfLifeFilter: false };
    const filterless = run(series, { ...base, regimeFilter: 'none' });
    expect(filterless.result.fills.filter((f) => f.side === 'buy').length).toBeGreaterThan(0);
    expect(filterless.result.netPnl).toBeLessThan(0);
    for (const regimeFilter of ['adx', 'slope']) {
      const filtered = run(series, { ...base, regimeFilter });
      expect(filtered.result.fills, regimeFilter).toEqual([]);
    }
  });

  it('the Hurst filter stands aside on a persistent series more than a filterless fade', () => {
    // Increments r_t = 0.6 r_{t−1} + 0.01 ε: persistent (Hurst above 0.5), a trend that keeps going.
    const rng = new SeededRng(7);
    let r = 0;
    let log = Math.log(100);
    const closes = Array.from({ length: 500 }, () => {
      r = 0.6 * r + 0.01 * rng.normal();
      log += r;
      return Math.exp(log);
    });
    const series = barsFrom('PERS', closes);
    const base = { quantity: 10, halfLifeFilter: false };
    const filterless = run(series, { ...base, regimeFilter: 'none' });
    const hurst = run(series, { ...base, regimeFilter: 'hurst' });
    const buys = (fills: readonly { side: string }[]) => fills.filter((f) => f.side === 'buy').length;
    expect(buys(hurst.result.fills)).toBeLessThan(buys(filterless.result.fills));
  });
});

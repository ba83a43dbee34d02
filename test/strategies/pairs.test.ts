import { describe, expect, it } from 'vitest';
import { runBacktestEngine } from '../../src/backtest/backtest-engine.js';
import { noFees } from '../../src/backtest/exchange/fees.js';
import { noSlippage } from '../../src/backtest/exchange/slippage.js';
import type { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { pairsDefinition } from '../../src/strategies/pairs/definition.js';
import { barsFrom, cointegratedPair, randomWalk } from '../../src/strategies/pairs/pair-series.fixture.js';
import type { PairsStrategy } from '../../src/strategies/pairs/strategy.js';
import { expectDeterministic, expectNoLookAhead } from '../helpers/strategy-checks.js';

interface Logged {
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function run(series: readonly BarSeries[], params: Record<string, unknown>) {
  const logs: Logged[] = [];
  const strategy = pairsDefinition.create(params, {
    symbols: series.map((s) => s.symbol),
    timeframe: '1d',
  }) as PairsStrategy;
  const result = runBacktestEngine({
    series,
    strategy,
    startingCash: 1_000_000,
    maxLeverage: 2,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
    onLog: (message, fields = {}) => logs.push({ message, fields }),
  });
  return { strategy, result, logs };
}

describe('pairs on the synthetic universe', () => {
  const market = generateDefaultMarket({ days: 600 });
  const universe = [...market.series.values()];
  const make = (series: readonly BarSeries[]) =>
    pairsDefinition.create({}, { symbols: series.map((s) => s.symbol), timeframe: '1d' });
  const first = universe[0] as BarSeries;

  it('gives the same fills on every run over the 20-symbol universe, and trades', () => {
    const result = expectDeterministic(make, universe, { maxLeverage: 2 });
    expect(result.fills.length).toBeGreaterThan(0);
  });

  it('makes the same decisions when the future is cut off', () => {
    const cuts = [first.ts[300] as number, first.ts[420] as number, first.ts[560] as number];
    expectNoLookAhead(make, universe, cuts, { maxLeverage: 2 });
  });

  it('selects KO/PEP, built cointegrated with β = 1, with a hedge ratio within 5% of 1', () => {
    const symbols = ['KO', 'PEP', 'XOM', 'CVX'];
    const { logs } = run(
      symbols.map((s) => market.series.get(s) as BarSeries),
      {},
    );
    const selected = logs.filter((l) => l.message === 'pairs selected');
    const koPep = selected.find((l) => l.fields.y === 'KO' && l.fields.x === 'PEP');
    expect(koPep).toBeDefined();
    expect(Math.abs((koPep?.fields.hedgeRatio as number) - 1)).toBeLessThan(0.05);
    // Only the constructed pairs are ever selected among these four.
    for (const l of selected)
      expect(['KO/PEP', 'XOM/CVX']).toContain(`${String(l.fields.y)}/${String(l.fields.x)}`);
  });
});

describe('pairs scenarios', () => {
  // y = 10 + 1.5 x + u: u AR(1) with φ = 0.8 (half-life 3.1 bars), shocks 0.5; x a unit-step random walk.
  const { x, y } = cointegratedPair(1000, 11, { noise: 0.5 });
  const pair = [barsFrom('YY', y), barsFrom('XX', x)];

  for (const hedgeMethod of ['kalman', 'rolling-ols'] as const) {
    it(`estimates the hedge ratio of y = 1.5 x + noise within 5% and trades the spread (${hedgeMethod})`, () => {
      const { strategy, result, logs } = run(pair, {
        priceTransform: 'price',
        hedgeMethod,
        hedgeWindow: 200,
      });
      const [state] = strategy.pairs();
      expect(state).toMatchObject({ y: 'YY', x: 'XX' });
      expect(Math.abs((state?.hedgeRatio as number) / 1.5 - 1)).toBeLessThan(0.05);
      // One 252-bar window estimates less precisely (see pair-selection.test.ts): within 10%.
      expect(Math.abs((state?.formationHedgeRatio as number) / 1.5 - 1)).toBeLessThan(0.1);

      const entries = logs.filter((l) => l.message === 'pairs entry');
      const exits = logs.filter((l) => l.message === 'pairs exit');
      expect(entries.length).toBeGreaterThanOrEqual(10);
      for (const entry of entries) {
        const z = entry.fields.zScore as number;
        expect(Math.abs(z)).toBeGreaterThanOrEqual(2); // entryZ
        expect(Math.abs(z)).toBeLessThan(4); // stopZ
        expect(entry.fields.direction).toBe(z < 0 ? 1 : -1);
      }
      // An exit by z happens at the first close past 0 (exitZ): near 0, on the far side of it.
      const byZ = exits.filter((l) => l.fields.reason === 'exit');
      expect(byZ.length).toBeGreaterThan(entries.length / 2);
      for (const exit of byZ) expect(Math.abs(exit.fields.zScore as number)).toBeLessThan(2);
      // Long the spread buys YY and sells XX on the same bar; a mean-reverting spread pays.
      const firstFills = result.fills.slice(0, 2).map((f) => `${f.side} ${f.instrumentId}`);
      expect(firstFills.sort()).toEqual(
        entries[0]?.fields.direction === 1 ? ['buy YY', 'sell XX'] : ['buy XX', 'sell YY'],
      );
      expect(result.fills[0]?.tsEvent).toBe(result.fills[1]?.tsEvent);
      expect(result.netPnl).toBeGreaterThan(0);
    });
  }

  it('does not select two independent random walks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const walks = [barsFrom('AA', randomWalk(600, seed + 50)), barsFrom('BB', randomWalk(600, seed + 90))];
      const { result, logs } = run(walks, { priceTransform: 'price' });
      expect(
        logs.filter((l) => l.message === 'pairs selected'),
        `seed ${seed}`,
      ).toEqual([]);
      expect(result.fills).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../src/data/bar-series.js';
import { generateSyntheticDisclosures } from '../../src/data/synthetic/disclosures.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { zeroDriftSeries } from '../../src/data/synthetic/zero-drift-market.fixture.js';
import type { DisclosedTrade } from '../../src/model/disclosure.types.js';
import { mirrorDefinition } from '../../src/strategies/mirror/definition.js';
import type { StrategyContext } from '../../src/strategies/strategy-context.js';
import { expectDeterministic, expectNoLookAhead, runStrategy } from '../helpers/strategy-checks.js';

const DAY = 86_400_000;

function mirror(series: readonly BarSeries[], disclosures: readonly DisclosedTrade[], params = {}) {
  return mirrorDefinition.create(
    params,
    { symbols: series.map((s) => s.symbol), timeframe: '1d' },
    { disclosures },
  );
}

describe('mirror on the synthetic universe with the synthetic disclosure stream', () => {
  const market = generateDefaultMarket({ days: 500 });
  const series = [...market.series.values()];
  const disclosures = generateSyntheticDisclosures(series, { seed: 7, edge: 0.4 });

  it('trades, and gives the same fills on every run', () => {
    const result = expectDeterministic(() => mirror(series, disclosures), series);
    expect(result.fills.length).toBeGreaterThan(50);
  });

  it('makes the same decisions when the future is cut off', () => {
    const spy = series[0] as BarSeries;
    const cuts = [100, 220, 380].map((i) => spy.ts[i] as number);
    expectNoLookAhead(
      () =>
        mirror(series, disclosures, { roles: ['officer', 'director', 'ten-percent-owner', 'institution'] }),
      series,
      cuts,
    );
  });

  it('enters only at the first bar close at or after a qualifying publication, never before', () => {
    const entries: { symbol: string; at: number }[] = [];
    const strategy = mirror(series, disclosures);
    const inner = strategy.start.bind(strategy);
    strategy.start = (context: StrategyContext) => {
      const recording: StrategyContext = Object.create(context) as StrategyContext;
      recording.submitOrder = (request) => {
        const held = context.position(request.symbol)?.quantity ?? 0;
        if (request.side === 'buy' && held >= 0)
          entries.push({ symbol: request.symbol, at: context.clock.now() });
        return context.submitOrder(request);
      };
      inner(recording);
    };
    runStrategy(() => strategy, series);
    expect(entries.length).toBeGreaterThan(20);
    const qualifying = disclosures.filter(
      (d) => d.side === 'buy' && d.role !== 'institution' && d.value >= 100_000,
    );
    for (const entry of entries) {
      // Daily bars close one day apart: the triggering filing was published within the day before the
      // decision (during the bar that just closed), never after it.
      const published = qualifying.filter((d) => d.symbol === entry.symbol && d.publishedAt <= entry.at);
      expect(
        published.length,
        `${entry.symbol} entry at ${new Date(entry.at).toISOString()}`,
      ).toBeGreaterThan(0);
      const latest = Math.max(...published.map((d) => d.publishedAt));
      expect(entry.at - latest).toBeLessThan(DAY);
    }
  });
});

/** Per-trade returns pooled over seeds, their mean and standard error, and each seed's net P&L. */
function tradeStatistics(edge: number, seeds: readonly number[]) {
  const returns: number[] = [];
  const netPnl: number[] = [];
  for (const seed of seeds) {
    const series = zeroDriftSeries(seed);
    const disclosures = generateSyntheticDisclosures(series, { seed, edge });
    const result = runStrategy(() => mirror(series, disclosures), series);
    for (const trade of result.trades) returns.push(trade.returnPct);
    netPnl.push(result.netPnl);
  }
  const n = returns.length;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { n, mean, standardError: Math.sqrt(variance / n), netPnl };
}

describe('mirror captures the edge of the disclosures, and only that', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

  // Tolerance: trades are independent with mean 0 when edge is 0 (see zero-drift-market.fixture.ts), so by the central
  // limit theorem (about 300 trades) the t-statistic mean / standardError is about normal(0, 1): |t| < 3 fails
  // for 0.3% of seed sets. With edge 0.5 the expected return per trade is about
  // 0.5 x E[R | R > 0] = 0.5 x 0.25 x sqrt(20 / 252) x sqrt(2 / pi) = 2.8% over the 20-bar horizon, some 8
  // standard errors (0.36% here), so t > 3 leaves a wide margin.

  it('earns on average across seeds when the disclosures have an edge', () => {
    const { n, mean, standardError, netPnl } = tradeStatistics(0.5, seeds);
    expect(n).toBeGreaterThan(200);
    expect(mean / standardError).toBeGreaterThan(3);
    expect(netPnl.reduce((a, b) => a + b, 0) / netPnl.length).toBeGreaterThan(0);
  });

  it('earns about nothing when the disclosures carry no information', () => {
    const { n, mean, standardError } = tradeStatistics(0, seeds);
    expect(n).toBeGreaterThan(200);
    expect(Math.abs(mean / standardError)).toBeLessThan(3);
  });
});

/**
 * Strategy suite figures (issues 4 and 5), each against a baseline from the same run:
 * - momentum over 100 symbols × 10 years of daily bars (252,000 bars): target <= 250 ms; baseline: the same
 *   engine and data with a strategy that does nothing (the engine's own share);
 * - `strategies compare` of the five issue-5 strategies on 20 symbols × 10 years (store load included):
 *   target <= 3 s; then each strategy's metrics on the synthetic default universe (3 years, seed 42), the
 *   honest numbers whatever they are.
 */
import { performance } from 'node:perf_hooks';
import { compareStrategies, type StrategyComparison } from '../src/app/compare-strategies.js';
import { runBacktestEngine } from '../src/backtest/backtest-engine.js';
import { noFees } from '../src/backtest/exchange/fees.js';
import { noSlippage } from '../src/backtest/exchange/slippage.js';
import type { BarSeries } from '../src/data/bar-series.js';
import { DEFAULT_UNIVERSE, generateDefaultMarket, generateMarket } from '../src/data/synthetic/index.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { strategyDefinition } from '../src/strategies/registry.js';
import { Strategy } from '../src/strategies/strategy.js';
import type { StrategyContext } from '../src/strategies/strategy-context.js';
import { median, timeMedian } from './stats.js';

const TEN_YEARS = 2520;

// 100 symbols: the default universe's 20 specs five times over, renamed (same sectors and pairs removed).
const hundred = generateMarket(
  {
    sectors: DEFAULT_UNIVERSE.sectors,
    symbols: [1, 2, 3, 4, 5].flatMap((copy) =>
      DEFAULT_UNIVERSE.symbols.map((s) => ({ ...s, symbol: `${s.symbol}${copy}` })),
    ),
  },
  { seed: 7, start: Date.UTC(2010, 0, 1), days: TEN_YEARS, timeframe: '1d' },
);
const hundredSeries = [...hundred.series.values()];

class Idle extends Strategy {
  readonly name = 'idle';
  constructor(private readonly series: readonly BarSeries[]) {
    super();
  }
  override onStart(context: StrategyContext): void {
    for (const s of this.series) context.subscribeBars(s.symbol, '1d');
  }
}

const run = (make: () => Strategy) => (): number =>
  runBacktestEngine({
    series: hundredSeries,
    strategy: make(),
    startingCash: 10_000_000,
    exchange: { fillTiming: 'next-open', fees: noFees, slippage: noSlippage },
  }).fills.length;
const universe = { symbols: hundredSeries.map((s) => s.symbol), timeframe: '1d' as const };
const momentum = (params: Record<string, unknown>) => () =>
  strategyDefinition('momentum').create(params, universe);
let fills = 0;
const idleMs = timeMedian(
  run(() => new Idle(hundredSeries)),
  9,
  3,
);
const tsMs = timeMedian(() => (fills = run(momentum({}))()), 9, 3);
const tsFills = fills;
const csMs = timeMedian(() => (fills = run(momentum({ mode: 'cross-sectional' }))()), 9, 3);
console.log(
  `momentum over 100 symbols × ${TEN_YEARS} daily bars (${(100 * TEN_YEARS).toLocaleString('en-US')} bars):`,
);
console.log('');
console.log('| run | median ms | fills | target |');
console.log('|---|---:|---:|---:|');
console.log(`| baseline: engine with a strategy that does nothing | ${idleMs.toFixed(1)} | 0 | |`);
console.log(`| momentum, time-series mode (defaults) | ${tsMs.toFixed(1)} | ${tsFills} | <= 250 |`);
console.log(`| momentum, cross-sectional mode | ${csMs.toFixed(1)} | ${fills} | <= 250 |`);

// The five issue-5 strategies through the compare use case, with the store.
const FIVE = ['momentum', 'enhanced-momentum', 'mean-reversion', 'pairs', 'mirror'];
const settings = {
  strategies: FIVE,
  params: { 'mean-reversion': { percentOfEquity: 95 } },
  maxLeverage: 2,
  commissionBps: 1,
  slippageBps: 2,
  disclosures: { kind: 'synthetic' as const, edge: 0.3 },
};

async function compareOn(days: number): Promise<{ ms: number; comparison: StrategyComparison }> {
  const store = openSqliteStore({ path: ':memory:' });
  const market = generateDefaultMarket({ days });
  for (const series of market.series.values()) await store.bars.upsertBars(series);
  const symbols = [...market.series.keys()];
  const times: number[] = [];
  let comparison: StrategyComparison | null = null;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    comparison = await compareStrategies(store, { ...settings, data: { kind: 'store', symbols } });
    times.push(performance.now() - start);
  }
  await store.close();
  return { ms: median(times), comparison: comparison as StrategyComparison };
}

const tenYears = await compareOn(TEN_YEARS);
console.log('');
console.log(
  '`strategies compare` of the five strategies, 20 symbols × 10 years of daily bars (median of 3):',
);
console.log('');
console.log('| run | median ms | target |');
console.log('|---|---:|---:|');
console.log(
  `| compare ${FIVE.join(', ')} (load from store, 5 backtests, metrics) | ${tenYears.ms.toFixed(0)} | <= 3000 |`,
);

const threeYears = await compareOn(756);
const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : 'n/a');
const fixed = (x: unknown): string => (typeof x === 'number' ? x.toFixed(2) : 'n/a');
console.log('');
console.log(
  'Each strategy on the synthetic default universe (20 symbols, 756 daily bars from 2020-01-01, seed 42), default ' +
    'parameters (mean-reversion at 95% of equity per symbol), $1M, next-open fills, 1 bp commission, 2 bp slippage, ' +
    'leverage up to 2; mirror on the synthetic disclosure stream with edge 0.3 (not real filings):',
);
console.log('');
console.log(
  '| strategy | mode | total return | ann. return | ann. volatility | Sharpe | Sortino | max drawdown | trades | win rate |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of threeYears.comparison.rows) {
  const m = row.metrics;
  console.log(
    `| ${row.strategy} | ${row.mode} | ${pct(m['totalReturn'])} | ${pct(m['annualizedReturn'])} | ${pct(m['annualizedVolatility'])} | ` +
      `${fixed(m['sharpeRatio'])} | ${fixed(m['sortinoRatio'])} | ${pct(m['maxDrawdown'])} | ${String(m['closedTrades'] ?? 0)} | ${pct(m['winRate'])} |`,
  );
}

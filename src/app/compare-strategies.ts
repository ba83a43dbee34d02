import { simulateOnUniverse } from '../backtest/simulation-config.js';
import { metricsToJson, type BacktestMetrics } from '../backtest/metrics/index.js';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import type { Store } from '../store/repositories.types.js';
import { strategyDefinition } from '../strategies/registry.js';
import {
  loadBacktestSeries,
  loadInstruments,
  loadBacktestInputs,
  type BacktestData,
  type BacktestNews,
  type DisclosureSource,
} from './backtest-data.js';
import { measureBacktest, type MeasuredRun, type SimulationSettings } from './simulate-strategy.js';

/** Metrics a comparison can rank by, and whether larger is better. */
export const RANK_METRICS = {
  sharpeRatio: 'higher',
  sortinoRatio: 'higher',
  calmarRatio: 'higher',
  totalReturn: 'higher',
  annualizedReturn: 'higher',
  profitFactor: 'higher',
  winRate: 'higher',
  maxDrawdown: 'lower',
  annualizedVolatility: 'lower',
} as const satisfies Partial<Record<keyof BacktestMetrics, 'higher' | 'lower'>>;
export type RankMetric = keyof typeof RANK_METRICS;

export interface CompareStrategiesRequest extends Omit<SimulationSettings, 'params' | 'benchmark'> {
  readonly strategies: readonly string[];
  /** Parameters per strategy name (defaults otherwise). */
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly data: BacktestData;
  readonly from?: number;
  readonly to?: number;
  /** Default sharpeRatio. */
  readonly rankBy?: RankMetric;
  /** Disclosed trades for strategies that mirror them. */
  readonly disclosures?: DisclosureSource;
  /** News sentiment for the news-driven strategies (the same input for every strategy compared). */
  readonly news?: BacktestNews;
}

export interface StrategyComparisonRow {
  readonly rank: number;
  readonly strategy: string;
  /** `portfolio`: one run over all symbols; `per-symbol`: one run per symbol, capital split equally. */
  readonly mode: 'portfolio' | 'per-symbol';
  readonly metrics: Record<string, number | string | null>;
  readonly fills: number;
  readonly netPnl: number;
  readonly finalEquity: number;
  /** The error, when the strategy could not run on this data (it is ranked last). */
  readonly error: string | null;
}

export interface StrategyComparison {
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly bars: number;
  readonly rankedBy: RankMetric;
  readonly rows: readonly StrategyComparisonRow[];
}

/**
 * Backtests several strategies on the same bars, period, capital and costs, and ranks them by one metric
 * (NaN and failed runs last). A strategy that trades one symbol at a time, given several, runs once per
 * symbol with an equal share of the capital and is measured on the summed equity curve.
 */
export async function compareStrategies(
  store: Store,
  request: CompareStrategiesRequest,
): Promise<StrategyComparison> {
  if (request.strategies.length === 0) throw new InvalidInputError('give at least one strategy to compare');
  const rankBy = request.rankBy ?? 'sharpeRatio';
  if (!(rankBy in RANK_METRICS)) {
    throw new InvalidInputError(
      `rank metric ${quote(rankBy)} must be one of ${Object.keys(RANK_METRICS).join(', ')}`,
    );
  }
  for (const name of request.strategies) strategyDefinition(name);
  const series = await loadBacktestSeries(store, request.data, request.from, request.to);
  const { inputs } = await loadBacktestInputs(store, request, series);
  const instruments = await loadInstruments(store, series);
  const rows = request.strategies.map((name) =>
    compareOne(name, series, { ...request, inputs, ...(instruments === undefined ? {} : { instruments }) }),
  );
  const sign = RANK_METRICS[rankBy] === 'higher' ? -1 : 1;
  const key = (row: Omit<StrategyComparisonRow, 'rank'>): number => {
    const value = row.metrics[rankBy];
    return row.error === null && typeof value === 'number' ? sign * value : Number.POSITIVE_INFINITY;
  };
  const ranked = [...rows].sort((a, b) => key(a) - key(b) || a.strategy.localeCompare(b.strategy));
  return {
    symbols: series.map((s) => s.symbol),
    timeframe: (series[0] as BarSeries).timeframe,
    bars: Math.max(...series.map((s) => s.length)),
    rankedBy: rankBy,
    rows: ranked.map((row, i) => ({ rank: i + 1, ...row })),
  };
}

/** One strategy's run over a universe: a portfolio run, or one run per symbol summed (see compareStrategies). */
export interface UniverseRun {
  readonly mode: 'portfolio' | 'per-symbol';
  readonly run: MeasuredRun;
  readonly fills: number;
  readonly finalEquity: number;
}

export function backtestOnUniverse(
  name: string,
  series: readonly BarSeries[],
  settings: SimulationSettings,
): UniverseRun {
  const { mode, run, finalEquity, fillReports } = simulateOnUniverse(name, series, settings);
  return { mode, run, fills: fillReports.length, finalEquity };
}

function compareOne(
  name: string,
  series: readonly BarSeries[],
  request: CompareStrategiesRequest,
): Omit<StrategyComparisonRow, 'rank'> {
  const settings: SimulationSettings = { ...request, params: request.params?.[name] ?? {} };
  const cash = request.cash ?? 1_000_000;
  try {
    const { mode, run, fills, finalEquity } = backtestOnUniverse(name, series, settings);
    return row(name, mode, measureBacktest(run, series, cash, settings), fills, finalEquity, cash);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return {
      strategy: name,
      mode: strategyDefinition(name).symbols.max >= series.length ? 'portfolio' : 'per-symbol',
      metrics: {},
      fills: 0,
      netPnl: Number.NaN,
      finalEquity: Number.NaN,
      error: error.message,
    };
  }
}

function row(
  strategy: string,
  mode: 'portfolio' | 'per-symbol',
  metrics: BacktestMetrics,
  fills: number,
  finalEquity: number,
  cash: number,
): Omit<StrategyComparisonRow, 'rank'> {
  return {
    strategy,
    mode,
    metrics: metricsToJson(metrics),
    fills,
    netPnl: finalEquity - cash,
    finalEquity,
    error: null,
  };
}

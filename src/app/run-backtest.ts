import { writeFileSync } from 'node:fs';
import { runId } from '../core/ids.js';
import type { BacktestEngineResult } from '../backtest/backtest-engine.js';
import { metricsToJson, type BacktestMetrics } from '../backtest/metrics/index.js';
import { renderTearsheet } from '../backtest/report/tearsheet-html.js';
import type { BarSeries } from '../data/bar-series.js';
import type { Timeframe } from '../model/timeframe.js';
import type { JsonValue, Store } from '../store/repositories.types.js';
import type { FillTiming } from '../backtest/backtest.types.js';
import {
  loadBacktestSeries,
  loadBenchmarkSeries,
  loadInstruments,
  loadBacktestInputs,
  type BacktestData,
  type BacktestNews,
  type BenchmarkSource,
  type DisclosureSource,
} from './backtest-data.js';
import type { NeuralTrendModel } from './neural-trend-inputs.js';
import { simulateStrategy, type SimulationSettings } from './simulate-strategy.js';

export type { BacktestData } from './backtest-data.js';

export interface RunBacktestRequest extends Omit<SimulationSettings, 'benchmark'> {
  readonly strategy: string;
  readonly data: BacktestData;
  readonly from?: number;
  readonly to?: number;
  /** Benchmark for alpha and beta: a bars file, or a stored symbol (same timeframe as the data). */
  readonly benchmark?: BenchmarkSource;
  /** Disclosed trades for strategies that mirror them. */
  readonly disclosures?: DisclosureSource;
  /** News sentiment for the news-driven strategies: the synthetic stream or the stored articles. */
  readonly news?: BacktestNews;
  /**
   * neural-trend only: the network trained walk-forward (one model per fold, each on bars before its fold)
   * before the run; without it neural-trend uses its drift baseline. `neuralSteps` caps Adam steps per fold.
   */
  readonly neuralModel?: NeuralTrendModel;
  readonly neuralSteps?: number;
  /** Write a self-contained HTML tearsheet here. */
  readonly reportPath?: string;
  /** ISO time stamped on the report and the run (the app layer reads the wall clock; the engine never does). */
  readonly now?: () => number;
}

export interface BacktestSummary {
  readonly runId: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly fillTiming: FillTiming;
  readonly bars: number;
  readonly metrics: Record<string, number | string | null>;
  readonly fills: number;
  /** Orders the risk limits denied. */
  readonly deniedOrders: number;
  readonly netPnl: number;
  readonly finalEquity: number;
  readonly tradesHash: string;
  readonly ambiguousBars: number;
  readonly lookAheadFills: number;
  readonly warnings: readonly string[];
  /** The news the strategy could read (e.g. `synthetic news (edge 0.6, seed 42)`, 480 scored articles). */
  readonly news: { readonly description: string; readonly articles: number } | null;
  /** The walk-forward models neural-trend traded on, e.g. `nhits walk-forward: 12 folds (...)`; else null. */
  readonly neuralModels: string | null;
  readonly trades: BacktestEngineResult['trades'];
}

/**
 * Runs a named strategy over a CSV/JSON-lines file or stored bars, computes the metrics, stores the run
 * (config, metrics, trades and equity curve) and optionally writes the HTML tearsheet. One use case for the
 * CLI, the REST API and the MCP tools alike.
 */
export async function runBacktest(store: Store, request: RunBacktestRequest): Promise<BacktestSummary> {
  const now = request.now ?? Date.now;
  const startedAt = now();
  const series = await loadBacktestSeries(store, request.data, request.from, request.to);
  const first = series[0] as BarSeries;
  const { benchmark: source, disclosures, news, neuralModel, neuralSteps, ...settings } = request;
  const instruments = await loadInstruments(store, series);
  const benchmark =
    source === undefined ? undefined : await loadBenchmarkSeries(store, source, first.timeframe);
  const loaded = await loadBacktestInputs(store, { disclosures, news }, series);
  const neural =
    request.strategy === 'neural-trend' && neuralModel !== undefined
      ? // Loaded on demand: the tensor runtime costs every other backtest ~100 ms of start-up.
        await (
          await import('./neural-trend-inputs.js')
        ).prepareNeuralTrendInputs(series, {
          model: neuralModel,
          params: request.params ?? {},
          ...(neuralSteps === undefined ? {} : { training: { maxSteps: neuralSteps } }),
        })
      : undefined;
  let simulated: ReturnType<typeof simulateStrategy>;
  try {
    simulated = simulateStrategy(request.strategy, series, {
      ...settings,
      inputs: { ...loaded.inputs, ...neural?.inputs },
      ...(instruments === undefined ? {} : { instruments }),
      ...(benchmark === undefined ? {} : { benchmark }),
    });
  } finally {
    neural?.dispose();
  }
  const { params, fillTiming, result, metrics, warnings, riskAudit } = simulated;
  const finishedAt = now();
  const id = `bt-${startedAt}-${result.tradesHash.slice(0, 12)}`;
  const summary: BacktestSummary = {
    runId: id,
    strategy: request.strategy,
    params,
    symbols: series.map((s) => s.symbol),
    timeframe: first.timeframe,
    fillTiming,
    bars: result.equity.ts.length,
    metrics: metricsToJson(metrics),
    fills: result.fills.length,
    deniedOrders: result.deniedOrders,
    netPnl: result.netPnl,
    finalEquity: result.finalEquity,
    tradesHash: result.tradesHash,
    ambiguousBars: result.ambiguities.length,
    lookAheadFills: result.lookAheadFills,
    warnings,
    news: loaded.news,
    neuralModels: neural?.description ?? null,
    trades: result.trades,
  };
  await store.runs.create(
    {
      id: runId(id),
      kind: 'backtest',
      status: 'completed',
      config: toJson({ ...request, now: undefined, inputs: undefined, params }),
      metrics: toJson(summary),
      startedAt,
      finishedAt,
    },
    // The equity curve as raw float64 columns: a million bars would be tens of MB of JSON. Cash and exposure
    // per bar are left out (their summaries are in the metrics): they would double the bytes written.
    { ts: result.equity.ts, equity: result.equity.equity },
  );
  if (riskAudit.length > 0) await store.riskAudit.append(riskAudit);
  if (request.reportPath !== undefined) {
    writeFileSync(
      request.reportPath,
      tearsheet(summary, series, result, metrics, new Date(finishedAt).toISOString()),
    );
  }
  return summary;
}

const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');
const fixed = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function tearsheet(
  summary: BacktestSummary,
  series: readonly BarSeries[],
  result: BacktestEngineResult,
  m: BacktestMetrics,
  generatedAt: string,
): string {
  const first = series[0] as BarSeries;
  return renderTearsheet({
    title: `${summary.strategy} on ${summary.symbols.join(', ')}`,
    subtitle: `fills at ${summary.fillTiming} · run ${summary.runId} · trades hash ${summary.tradesHash.slice(0, 16)}`,
    generatedAt,
    equity: result.equity,
    price: { symbol: first.symbol, ts: first.ts, close: first.close },
    trades: result.trades,
    metrics: [
      { label: 'Net P&L', value: fixed(result.netPnl) },
      { label: 'Total return', value: percent(m.totalReturn) },
      { label: 'Annualized return', value: percent(m.annualizedReturn) },
      { label: 'Annualized volatility', value: percent(m.annualizedVolatility) },
      { label: 'Sharpe (arithmetic)', value: fixed(m.sharpeRatio) },
      { label: 'Sortino', value: fixed(m.sortinoRatio) },
      { label: 'Calmar', value: fixed(m.calmarRatio) },
      { label: 'Max drawdown', value: percent(m.maxDrawdown) },
      { label: 'Trades', value: String(m.closedTrades) },
      { label: 'Win rate', value: percent(m.winRate) },
      { label: 'Profit factor', value: fixed(m.profitFactor) },
      { label: 'Fees', value: fixed(m.fees) },
      { label: 'Slippage', value: fixed(m.slippage) },
      { label: 'Time in market', value: percent(m.timeInMarket) },
    ],
    warnings: summary.warnings,
  });
}

/** Plain JSON for the store: drops undefined, turns non-finite numbers into null. */
function toJson(value: unknown): JsonValue {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  ) as JsonValue;
}

import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidInputError, quote } from '../core/errors.js';
import { runId } from '../core/ids.js';
import { runBacktestEngine, type BacktestEngineResult } from '../backtest/backtest-engine.js';
import type { FillTiming } from '../backtest/backtest.types.js';
import { composeFees, noFees, percentFee, perOrderFee, type FeeModel } from '../backtest/exchange/fees.js';
import { fixedBpsSlippage, noSlippage } from '../backtest/exchange/slippage.js';
import {
  computeBacktestMetrics,
  metricsToJson,
  periodsPerYearFor,
  type BacktestMetrics,
} from '../backtest/metrics/index.js';
import { benchmarkReturns } from '../backtest/metrics/benchmark-returns.js';
import { renderTearsheet } from '../backtest/report/tearsheet-html.js';
import type { BarSeries } from '../data/bar-series.js';
import { parseBars } from '../data/import/parse-bars.js';
import { normalizeSymbol } from '../model/instrument.js';
import type { Timeframe } from '../model/timeframe.js';
import type { JsonValue, Store } from '../store/repositories.types.js';
import { strategyDefinition } from '../strategies/registry.js';

export type BacktestData =
  | { readonly kind: 'file'; readonly path: string; readonly symbol?: string; readonly timeframe?: Timeframe }
  | { readonly kind: 'store'; readonly symbols: readonly string[]; readonly timeframe?: Timeframe };

export interface RunBacktestRequest {
  readonly strategy: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly data: BacktestData;
  readonly from?: number;
  readonly to?: number;
  readonly cash?: number;
  readonly quantity?: number;
  readonly percentEquity?: number;
  readonly commissionPerOrder?: number;
  readonly commissionBps?: number;
  readonly slippageBps?: number;
  readonly fill?: FillTiming;
  /** Benchmark for alpha and beta: a bars file, or a stored symbol (same timeframe as the data). */
  readonly benchmark?:
    { readonly kind: 'file'; readonly path: string } | { readonly kind: 'store'; readonly symbol: string };
  /** Annual risk-free rate as a fraction, for Sharpe, Sortino and alpha (default 0). */
  readonly riskFreeRate?: number;
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
  readonly netPnl: number;
  readonly finalEquity: number;
  readonly tradesHash: string;
  readonly ambiguousBars: number;
  readonly lookAheadFills: number;
  readonly warnings: readonly string[];
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
  const series = (await loadSeries(store, request.data)).map((s) => s.between(request.from, request.to));
  const first = series[0] as BarSeries;
  if (series.some((s) => s.length === 0)) {
    throw new InvalidInputError(
      `no bars in the requested range for ${series
        .filter((s) => s.length === 0)
        .map((s) => s.symbol)
        .join(', ')}`,
    );
  }
  const params = {
    ...(request.quantity === undefined ? {} : { quantity: request.quantity }),
    ...(request.percentEquity === undefined ? {} : { percentOfEquity: request.percentEquity }),
    ...request.params,
  };
  const strategy = strategyDefinition(request.strategy).create(params, {
    symbols: series.map((s) => s.symbol),
    timeframe: first.timeframe,
  });
  const cash = request.cash ?? 1_000_000;
  const fillTiming = request.fill ?? 'next-open';
  const result = runBacktestEngine({
    series,
    strategy,
    startingCash: cash,
    exchange: {
      fillTiming,
      fees: feeModel(request),
      slippage: request.slippageBps === undefined ? noSlippage : fixedBpsSlippage(request.slippageBps),
    },
  });
  const benchmark = request.benchmark === undefined ? undefined : await loadBenchmark(store, request, first);
  const metrics = computeBacktestMetrics({
    equity: result.equity,
    ...(benchmark === undefined ? {} : { benchmarkReturns: benchmarkReturns(benchmark, result.equity.ts) }),
    ...(request.riskFreeRate === undefined ? {} : { riskFreeRate: request.riskFreeRate }),
    trades: result.trades,
    periodsPerYear: periodsPerYearFor(first.timeframe),
    startingEquity: cash,
    startTs: first.firstTs,
    tradedNotional: result.tradedNotional,
    fees: result.fees,
    slippage: result.slippage,
  });
  const warnings = warningsFor(fillTiming, result);
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
    netPnl: result.netPnl,
    finalEquity: result.finalEquity,
    tradesHash: result.tradesHash,
    ambiguousBars: result.ambiguities.length,
    lookAheadFills: result.lookAheadFills,
    warnings,
    trades: result.trades,
  };
  await store.runs.create({
    id: runId(id),
    kind: 'backtest',
    status: 'completed',
    config: toJson({ ...request, now: undefined, params }),
    metrics: toJson({
      ...summary,
      equity: { ts: Array.from(result.equity.ts), equity: Array.from(result.equity.equity) },
    }),
    startedAt,
    finishedAt,
  });
  if (request.reportPath !== undefined) {
    writeFileSync(
      request.reportPath,
      tearsheet(summary, series, result, metrics, new Date(finishedAt).toISOString()),
    );
  }
  return summary;
}

async function loadSeries(store: Store, data: BacktestData): Promise<BarSeries[]> {
  if (data.kind === 'file') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(data.path);
    } catch (error) {
      throw new InvalidInputError(`file ${quote(data.path)} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const parsed = parseBars(bytes, {
      symbol: data.symbol ?? 'DATA',
      timeframe: data.timeframe ?? '1d',
      checkGaps: false,
    });
    if (!parsed.ok) throw parsed.error;
    return [parsed.value.series];
  }
  if (data.symbols.length === 0) throw new InvalidInputError('give --symbols or --data');
  const timeframe = data.timeframe ?? '1d';
  const loaded: BarSeries[] = [];
  for (const raw of data.symbols) {
    const symbol = normalizeSymbol(raw);
    const series = await store.bars.loadBars(symbol, timeframe);
    if (series.length === 0) {
      throw new InvalidInputError(
        `no ${timeframe} bars are stored for ${quote(symbol)}: import a file (neural-trader data import) or generate the synthetic universe (neural-trader data generate)`,
      );
    }
    loaded.push(series);
  }
  return loaded;
}

async function loadBenchmark(store: Store, request: RunBacktestRequest, data: BarSeries): Promise<BarSeries> {
  const source = request.benchmark;
  if (source === undefined) throw new InvalidInputError('no benchmark requested');
  const [series] =
    source.kind === 'file'
      ? await loadSeries(store, {
          kind: 'file',
          path: source.path,
          symbol: 'BENCHMARK',
          timeframe: data.timeframe,
        })
      : await loadSeries(store, { kind: 'store', symbols: [source.symbol], timeframe: data.timeframe });
  return series as BarSeries;
}

function feeModel(request: RunBacktestRequest): FeeModel {
  const models: FeeModel[] = [];
  if (request.commissionPerOrder !== undefined) models.push(perOrderFee(request.commissionPerOrder));
  if (request.commissionBps !== undefined) models.push(percentFee(request.commissionBps / 100));
  if (models.length === 0) return noFees;
  return models.length === 1 ? (models[0] as FeeModel) : composeFees(...models);
}

function warningsFor(fillTiming: FillTiming, result: BacktestEngineResult): string[] {
  const warnings: string[] = [];
  if (fillTiming === 'close') {
    warnings.push(
      `${result.lookAheadFills} fills at the decision bar's own close (--fill close): look-ahead-prone`,
    );
  }
  if (result.ambiguities.length > 0) {
    warnings.push(
      `${result.ambiguities.length} bars where both a stop and a target could have filled; resolved by the intrabar path rule`,
    );
  }
  return warnings;
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

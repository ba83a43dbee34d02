import { InvalidInputError, quote } from '../../core/errors.js';
import type { EquityCurve, TradeRecord } from '../backtest.types.js';
import { annualizedReturn, annualizedVolatility, assertPeriodsPerYear, periodRate } from './annualized.js';
import { capmAlphaBeta } from './capm.js';
import { analyzeDrawdowns } from './drawdown.js';
import { equityReturns } from './equity-returns.js';
import { annualizedTurnover, exposureStatistics } from './exposure.js';
import { calmarRatio, downsideDeviation, sharpeRatio, sortinoRatio } from './risk-adjusted-ratios.js';
import { tradeStatistics } from './trade-statistics.js';

/** Every metric, in report order. Each is a number; see BacktestMetrics for the meaning of each. */
export const BACKTEST_METRIC_NAMES = [
  'bars',
  'periodsPerYear',
  'startingEquity',
  'finalEquity',
  'netProfit',
  'totalReturn',
  'annualizedReturn',
  'annualizedVolatility',
  'riskFreeRate',
  'sharpeRatio',
  'geometricSharpeRatio',
  'sortinoRatio',
  'annualizedDownsideDeviation',
  'calmarRatio',
  'maxDrawdown',
  'maxDrawdownAmount',
  'maxDrawdownPeakTs',
  'maxDrawdownTroughTs',
  'maxDrawdownRecoveryTs',
  'maxDrawdownDurationBars',
  'maxDrawdownDurationMs',
  'longestDrawdownBars',
  'longestDrawdownMs',
  'alpha',
  'annualizedAlpha',
  'beta',
  'closedTrades',
  'openTrades',
  'winningTrades',
  'losingTrades',
  'winRate',
  'grossProfit',
  'grossLoss',
  'profitFactor',
  'expectancy',
  'averageWin',
  'averageLoss',
  'largestWin',
  'largestLoss',
  'averageBarsHeld',
  'timeInMarket',
  'averageGrossExposure',
  'tradedNotional',
  'annualizedTurnover',
  'fees',
  'slippage',
] as const;
export type BacktestMetricName = (typeof BACKTEST_METRIC_NAMES)[number];

/**
 * The metrics of one run, flat, all numbers (NaN where undefined; serialize with metricsToJson). With r_t the
 * simple return of bar t from the starting equity on (see equityReturns), n the bar count and scale the
 * periods per year:
 * - totalReturn = E_last / E_start − 1; netProfit = E_last − E_start; annualizedReturn = Π(1 + r)^(scale/n) − 1
 * - annualizedVolatility = sd(r) × √scale; riskFreeRate is the annual input, rf = (1 + it)^(1/scale) − 1
 * - sharpeRatio (arithmetic) / geometricSharpeRatio, sortinoRatio (annualized, MAR from the annual minimum
 *   acceptable return the same way), annualizedDownsideDeviation (full-n downside deviation × √scale),
 *   calmarRatio: see risk-adjusted-ratios.ts; the maxDrawdown* and longestDrawdown* fields: see drawdown.ts
 * - alpha (per period), annualizedAlpha, beta: see capm.ts; NaN without a benchmark
 * - trade fields: see trade-statistics.ts
 * - timeInMarket, averageGrossExposure, annualizedTurnover: see exposure.ts
 * - tradedNotional, fees, slippage: the inputs, or when absent the sums over the trade records (notional:
 *   entry notional of every trade plus exit notional of the closed ones).
 */
export type BacktestMetrics = { readonly [K in BacktestMetricName]: number };

export interface BacktestMetricsInput {
  readonly equity: EquityCurve;
  readonly trades: readonly TradeRecord[];
  /** Bars per year (see periodsPerYearFor). */
  readonly periodsPerYear: number;
  /** Equity before the first bar: the base of the first return and the first drawdown peak. */
  readonly startingEquity: number;
  /** Time of the starting equity, epoch ms (default: the first bar's ts). Dates a drawdown from the start. */
  readonly startTs?: number;
  /** Annual risk-free rate as a fraction (0.04 = 4 %); default 0. */
  readonly riskFreeRate?: number;
  /** Annual minimum acceptable return for the Sortino ratio; default 0 (PerformanceAnalytics' MAR = 0). */
  readonly minimumAcceptableReturn?: number;
  /** Benchmark simple return per bar, aligned with the equity curve (one per bar). */
  readonly benchmarkReturns?: Float64Array;
  /** Σ |quantity × price| over all fills. */
  readonly tradedNotional?: number;
  /** Total fees paid over all fills. */
  readonly fees?: number;
  /** Total slippage cost over all fills. */
  readonly slippage?: number;
}

export function computeBacktestMetrics(input: BacktestMetricsInput): BacktestMetrics {
  const { equity: curve, trades, periodsPerYear, startingEquity } = input;
  assertPeriodsPerYear(periodsPerYear);
  const n = curve.equity.length;
  if (curve.ts.length !== n || curve.cash.length !== n || curve.grossExposure.length !== n) {
    throw new InvalidInputError(
      `equity curve columns must have one length; got ts ${quote(curve.ts.length)}, equity ${quote(n)}, ` +
        `cash ${quote(curve.cash.length)}, gross exposure ${quote(curve.grossExposure.length)}`,
    );
  }
  const riskFreeRate = input.riskFreeRate ?? 0;
  const riskFree = periodRate(riskFreeRate, periodsPerYear);
  const minimumAcceptable = periodRate(input.minimumAcceptableReturn ?? 0, periodsPerYear);
  const returns = equityReturns(curve.equity, startingEquity);
  const finalEquity: number = n > 0 ? (curve.equity[n - 1] as number) : startingEquity;
  const annualized = annualizedReturn(returns, periodsPerYear);
  const firstTs: number = n > 0 ? (curve.ts[0] as number) : Number.NaN;
  const startTs = input.startTs ?? firstTs;
  const drawdown = analyzeDrawdowns(curve.ts, curve.equity, startingEquity, startTs);
  const capm =
    input.benchmarkReturns === undefined
      ? { alpha: Number.NaN, annualizedAlpha: Number.NaN, beta: Number.NaN }
      : capmAlphaBeta(returns, input.benchmarkReturns, periodsPerYear, riskFree);
  const tradeStats = tradeStatistics(trades);
  const exposure = exposureStatistics(curve.equity, curve.grossExposure);
  const totals = tradeTotals(trades);
  const tradedNotional = input.tradedNotional ?? totals.tradedNotional;
  return {
    bars: n,
    periodsPerYear,
    startingEquity,
    finalEquity,
    netProfit: finalEquity - startingEquity,
    totalReturn: finalEquity / startingEquity - 1,
    annualizedReturn: annualized,
    annualizedVolatility: annualizedVolatility(returns, periodsPerYear),
    riskFreeRate,
    sharpeRatio: sharpeRatio(returns, periodsPerYear, riskFree, 'arithmetic'),
    geometricSharpeRatio: sharpeRatio(returns, periodsPerYear, riskFree, 'geometric'),
    sortinoRatio: sortinoRatio(returns, periodsPerYear, minimumAcceptable),
    annualizedDownsideDeviation: downsideDeviation(returns, minimumAcceptable) * Math.sqrt(periodsPerYear),
    calmarRatio: calmarRatio(annualized, drawdown.maxDrawdown),
    maxDrawdown: drawdown.maxDrawdown,
    maxDrawdownAmount: drawdown.maxDrawdownAmount,
    maxDrawdownPeakTs: drawdown.peakTs,
    maxDrawdownTroughTs: drawdown.troughTs,
    maxDrawdownRecoveryTs: drawdown.recoveryTs,
    maxDrawdownDurationBars: drawdown.durationBars,
    maxDrawdownDurationMs: drawdown.durationMs,
    longestDrawdownBars: drawdown.longestDurationBars,
    longestDrawdownMs: drawdown.longestDurationMs,
    alpha: capm.alpha,
    annualizedAlpha: capm.annualizedAlpha,
    beta: capm.beta,
    ...tradeStats,
    timeInMarket: exposure.timeInMarket,
    averageGrossExposure: exposure.averageGrossExposure,
    tradedNotional,
    annualizedTurnover: annualizedTurnover(tradedNotional, exposure.averageEquity, n, periodsPerYear),
    fees: input.fees ?? totals.fees,
    slippage: input.slippage ?? totals.slippage,
  };
}

/** Fallbacks from the trade records when the fill totals are not given. */
function tradeTotals(trades: readonly TradeRecord[]): {
  readonly tradedNotional: number;
  readonly fees: number;
  readonly slippage: number;
} {
  let tradedNotional = 0;
  let fees = 0;
  let slippage = 0;
  for (const trade of trades) {
    const quantity = Math.abs(trade.quantity);
    tradedNotional += quantity * Math.abs(trade.entryPrice);
    if (!trade.open) tradedNotional += quantity * Math.abs(trade.exitPrice);
    fees += trade.fees;
    slippage += trade.slippage;
  }
  return { tradedNotional, fees, slippage };
}

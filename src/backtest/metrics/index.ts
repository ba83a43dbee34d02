/** Backtest performance metrics, defined as PerformanceAnalytics (R) defines them; pure functions. */
export type { BacktestMetricName, BacktestMetrics, BacktestMetricsInput } from './backtest-metrics.js';
export { BACKTEST_METRIC_NAMES, computeBacktestMetrics } from './backtest-metrics.js';
export type { BacktestMetricsJson, JsonMetricValue } from './metrics-json.js';
export { metricsFromJson, metricsToJson } from './metrics-json.js';
export { equityReturns } from './equity-returns.js';
export { annualizedReturn, annualizedVolatility, periodRate, totalReturn } from './annualized.js';
export type { SharpeMethod } from './risk-adjusted-ratios.js';
export {
  SHARPE_METHODS,
  calmarRatio,
  downsideDeviation,
  sharpeRatio,
  sortinoRatio,
} from './risk-adjusted-ratios.js';
export type { DrawdownSummary } from './drawdown.js';
export { analyzeDrawdowns } from './drawdown.js';
export type { CapmResult } from './capm.js';
export { capmAlphaBeta } from './capm.js';
export type { TradeStatistics } from './trade-statistics.js';
export { tradeStatistics } from './trade-statistics.js';
export type { ExposureStatistics } from './exposure.js';
export { annualizedTurnover, exposureStatistics } from './exposure.js';
export type { MarketCalendar } from './periods-per-year.js';
export { MARKET_CALENDARS, periodsPerYearFor } from './periods-per-year.js';

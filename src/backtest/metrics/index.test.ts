import { describe, expect, it } from 'vitest';
import * as metrics from './index.js';

describe('backtest metrics index', () => {
  it('exports the public API', () => {
    for (const name of [
      'computeBacktestMetrics',
      'metricsToJson',
      'metricsFromJson',
      'equityReturns',
      'totalReturn',
      'annualizedReturn',
      'annualizedVolatility',
      'periodRate',
      'sharpeRatio',
      'sortinoRatio',
      'downsideDeviation',
      'calmarRatio',
      'analyzeDrawdowns',
      'capmAlphaBeta',
      'tradeStatistics',
      'exposureStatistics',
      'annualizedTurnover',
      'periodsPerYearFor',
    ]) {
      expect(typeof (metrics as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(metrics.SHARPE_METHODS).toEqual(['arithmetic', 'geometric']);
    expect(metrics.MARKET_CALENDARS).toEqual(['equity', 'crypto']);
    expect(metrics.BACKTEST_METRIC_NAMES).toContain('sharpeRatio');
  });
});

import { describe, expect, it } from 'vitest';
import * as metrics from './index.js';

describe('risk metrics index', () => {
  it('exports the public API', () => {
    for (const name of [
      'assertConfidence',
      'confidenceKey',
      'tailProbability',
      'normalQuantile',
      'normalDensity',
      'sortedQuantile',
      'sortedTailMean',
      'describeReturns',
      'historicalVar',
      'historicalEs',
      'gaussianVar',
      'gaussianEs',
      'cornishFisherQuantile',
      'modifiedVar',
      'modifiedEs',
      'sampleRiskTables',
      'choleskyFactor',
      'monteCarloVar',
      'gaussianPortfolioVar',
      'portfolioReturns',
      'concentration',
      'applyShockScenario',
      'worstWindows',
      'portfolioRiskProfile',
    ]) {
      expect(typeof (metrics as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(metrics.VAR_METHODS).toEqual(['historical', 'gaussian', 'modified', 'montecarlo']);
    expect(metrics.SHOCK_SOURCES).toEqual(['symbol', 'sector', 'other']);
    expect(metrics.confidenceKey(0.95)).toBe('0.95');
  });
});

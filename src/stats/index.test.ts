import { describe, expect, it } from 'vitest';
import * as stats from './index.js';

describe('stats index', () => {
  it('exports the public API', () => {
    for (const name of [
      'simpleReturns',
      'logReturns',
      'moments',
      'mean',
      'variance',
      'standardDeviation',
      'skewness',
      'excessKurtosis',
      'covarianceMatrix',
      'correlationMatrix',
      'ordinaryLeastSquares',
      'mackinnonPValue',
      'mackinnonCriticalValues',
      'augmentedDickeyFuller',
      'engleGranger',
      'halfLife',
      'hurstExponent',
      'kalmanHedgeRatio',
      'normalCdf',
    ]) {
      expect(typeof (stats as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(stats.AUTOLAG_METHODS).toEqual(['aic', 'bic', 't-stat']);
    expect(stats.MACKINNON_REGRESSIONS).toEqual(['n', 'c', 'ct', 'ctt']);
    expect(stats.MISSING_DATA_POLICIES).toEqual(['pairwise-complete', 'complete-case']);
    expect(stats.HURST_METHODS).toEqual(['variance-of-differences', 'rescaled-range']);
  });
});

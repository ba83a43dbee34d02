import { describe, expect, it } from 'vitest';
import { annualizedTurnover, exposureStatistics } from './exposure.js';

describe('exposureStatistics', () => {
  it('measures time in market and average gross leverage', () => {
    // Exposure / equity per bar: 0, 50/100, 0, 220/110 → mean (0 + 0.5 + 0 + 2) / 4 = 0.625.
    const stats = exposureStatistics(Float64Array.of(100, 100, 90, 110), Float64Array.of(0, 50, 0, 220));
    expect(stats.timeInMarket).toBe(0.5);
    expect(stats.averageGrossExposure).toBe(0.625);
    expect(stats.averageEquity).toBe(100);
  });

  it('is NaN for an empty curve', () => {
    const stats = exposureStatistics(new Float64Array(0), new Float64Array(0));
    expect(stats.timeInMarket).toBeNaN();
    expect(stats.averageGrossExposure).toBeNaN();
    expect(stats.averageEquity).toBeNaN();
  });

  it('refuses an exposure column of another length', () => {
    expect(() => exposureStatistics(Float64Array.of(1, 2), Float64Array.of(0))).toThrow(
      'gross exposure count "1" must equal the equity count 2',
    );
  });
});

describe('annualizedTurnover', () => {
  it('is traded notional over average equity, scaled to a year', () => {
    // 126 daily bars (half a year) trading 300 on an average 100: 3 per half year, 6 a year.
    expect(annualizedTurnover(300, 100, 126, 252)).toBe(6);
    expect(annualizedTurnover(0, 100, 10, 252)).toBe(0);
  });

  it('is NaN without bars or equity', () => {
    expect(annualizedTurnover(100, 100, 0, 252)).toBeNaN();
    expect(annualizedTurnover(100, 0, 10, 252)).toBeNaN();
    expect(annualizedTurnover(100, Number.NaN, 10, 252)).toBeNaN();
  });

  it('refuses a negative traded notional', () => {
    expect(() => annualizedTurnover(-1, 100, 10, 252)).toThrow('traded notional "-1" must be a number >= 0');
  });
});

import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { portfolioRiskProfile, type PortfolioRiskInput } from './portfolio-risk-profile.js';

function input(overrides: Partial<PortfolioRiskInput> = {}): PortfolioRiskInput {
  const rng = new SeededRng(8);
  const market = Float64Array.from({ length: 500 }, () => rng.normal());
  const assetReturns = ['AAA', 'BBB', 'CCC', 'DDD'].map((_, i) =>
    Float64Array.from(market, (m) => 0.0003 + 0.01 * ((0.3 + 0.2 * i) * m + rng.normal())),
  );
  return {
    symbols: ['AAA', 'BBB', 'CCC', 'DDD'],
    assetReturns,
    weights: Float64Array.from([0.4, 0.3, 0.2, 0.1]),
    confidences: [0.95, 0.99],
    methods: ['historical', 'gaussian', 'modified', 'montecarlo'],
    monteCarlo: { paths: 5000, seed: 2 },
    stressWindows: { length: 5, count: 3 },
    ...overrides,
  };
}

describe('portfolioRiskProfile', () => {
  it('reports VaR and ES by every method and confidence, with ES beyond VaR', () => {
    const profile = portfolioRiskProfile(input());
    expect(profile.observations).toBe(500);
    for (const method of ['historical', 'gaussian', 'modified', 'montecarlo'] as const) {
      for (const key of ['0.95', '0.99']) {
        expect(profile.var[method]?.[key]).toBeLessThan(0);
        expect(profile.es[method]![key]!).toBeLessThanOrEqual(profile.var[method]![key]!);
      }
    }
  });

  it('decomposes the sample-covariance Gaussian VaR into components that add up', () => {
    const profile = portfolioRiskProfile(input());
    for (const key of ['0.95', '0.99']) {
      const sumVar = profile.positions.reduce((sum, p) => sum + p.componentVar[key]!, 0);
      const sumEs = profile.positions.reduce((sum, p) => sum + p.componentEs[key]!, 0);
      expect(Math.abs(sumVar - profile.componentTotals[key]!.var)).toBeLessThan(1e-15);
      expect(Math.abs(sumEs - profile.componentTotals[key]!.es)).toBeLessThan(1e-15);
      // Same mean; the spread differs only by σ_sample/σ_population = √(n/(n − 1)) (n = 500).
      let mean = 0;
      for (const r of profile.portfolioReturns) mean += r / 500;
      const ratio = (profile.componentTotals[key]!.var - mean) / (profile.var.gaussian![key]! - mean);
      expect(Math.abs(ratio - Math.sqrt(500 / 499))).toBeLessThan(1e-12);
    }
    expect(profile.positions.map((p) => p.symbol)).toEqual(['AAA', 'BBB', 'CCC', 'DDD']);
  });

  it('includes the holdings correlation matrix and the worst windows when asked', () => {
    const profile = portfolioRiskProfile(input());
    expect(profile.correlation.size).toBe(4);
    expect(profile.correlation.values[0]).toBeCloseTo(1, 12);
    expect(profile.worstWindows).toHaveLength(3);
    expect(profile.worstWindows[0]!.pnl).toBeLessThanOrEqual(profile.worstWindows[1]!.pnl);
    const { stressWindows: _unused, ...withoutStress } = input({ methods: ['historical'] });
    expect(portfolioRiskProfile(withoutStress).worstWindows).toEqual([]);
  });

  it('rejects unknown methods, missing confidences, mismatched symbols and gaps in the returns', () => {
    expect(() => portfolioRiskProfile(input({ methods: ['kernel' as 'historical'] }))).toThrow(
      'VaR method "kernel" must be one of historical, gaussian, modified, montecarlo',
    );
    expect(() => portfolioRiskProfile(input({ confidences: [] }))).toThrow('at least one confidence');
    expect(() => portfolioRiskProfile(input({ confidences: [0.3] }))).toThrow('confidence "0.3"');
    expect(() => portfolioRiskProfile(input({ symbols: ['AAA'] }))).toThrow('"1" symbols but 4 weights');
    const gappy = input();
    gappy.assetReturns[0]![3] = Number.NaN;
    expect(() => portfolioRiskProfile(gappy)).toThrow('returns must be finite; 1 are missing');
  });
});

import { describe, expect, it } from 'vitest';
import { generateDefaultMarket } from '../../data/synthetic/index.js';
import { pairsConfigSchema } from './config.js';
import { cointegratedPair, randomWalk } from './pair-series.fixture.js';
import { qualifies, selectPairs, testPair, type PairTest } from './pair-selection.js';

const config = (params: Record<string, unknown> = {}) =>
  pairsConfigSchema.parse({ symbols: 'A,B', maxPValue: 0.05, priceTransform: 'price', ...params });
const columns = (...series: number[][]) => series.map((values) => Float64Array.from(values));
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('pair selection', () => {
  it('finds a pair built as y = 10 + 1.5 x + AR(1) noise cointegrated, with β near 1.5 and the noise half-life', () => {
    const betas: number[] = [];
    for (const seed of SEEDS) {
      const { x, y } = cointegratedPair(252, seed, { noise: 0.5 });
      const test = testPair(columns(y, x), 0, 1, 1);
      if (test === null) throw new Error('testable');
      expect(qualifies(test, config()), `seed ${seed}`).toBe(true);
      expect(test.pValue).toBeLessThan(0.01);
      // The noise is AR(1) with φ = 0.8: half-life −ln 2 / ln 0.8 = 3.1 bars.
      expect(test.halfLife).toBeGreaterThan(1.5);
      expect(test.halfLife).toBeLessThan(6);
      betas.push(test.hedgeRatio);
    }
    betas.sort((a, b) => a - b);
    const median = ((betas[9] as number) + (betas[10] as number)) / 2;
    expect(Math.abs(median / 1.5 - 1)).toBeLessThan(0.02);
    expect(betas.every((beta) => Math.abs(beta / 1.5 - 1) < 0.1)).toBe(true);
  });

  it('rarely selects two independent random walks (the test size: about maxPValue of the time)', () => {
    // Under H0 (no cointegration) p-values are about uniform, so at maxPValue 0.05 about 1 pair in 20 passes
    // the p-value test by chance; more than 3 in 20 would mean the test over-rejects.
    let selected = 0;
    for (const seed of SEEDS) {
      const test = testPair(columns(randomWalk(252, seed + 500), randomWalk(252, seed + 900)), 0, 1, 1);
      if (test !== null && qualifies(test, config())) selected++;
    }
    expect(selected).toBeLessThanOrEqual(3);
  });

  it('refuses pairs that cannot be traded: a flat series, an exact linear relation', () => {
    const x = randomWalk(100, 3);
    const flat = Array.from({ length: 100 }, () => 50);
    expect(testPair(columns(flat, x), 0, 1, 1)).toBeNull();
    expect(testPair(columns(x, flat), 0, 1, 1)).toBeNull();
    expect(
      testPair(
        columns(
          x.map((v) => 2 * v + 1),
          x,
        ),
        0,
        1,
        1,
      ),
    ).toBeNull();
    // Input the regression refuses (a missing value) is skipped rather than stopping the strategy.
    expect(
      testPair(
        columns(
          x.map((v, t) => (t === 50 ? Number.NaN : v + Math.sin(t))),
          x,
        ),
        0,
        1,
        1,
      ),
    ).toBeNull();
  });

  it('qualifies only p <= maxPValue, β > 0 and a half-life within [minHalfLife, maxHalfLife]', () => {
    const good = { yIndex: 0, xIndex: 1, pValue: 0.01, hedgeRatio: 1.2, halfLife: 10, residualVariance: 1 };
    const c = config({ maxPValue: 0.05, minHalfLife: 2, maxHalfLife: 30 });
    expect(qualifies(good, c)).toBe(true);
    expect(qualifies({ ...good, pValue: 0.06 }, c)).toBe(false);
    expect(qualifies({ ...good, hedgeRatio: -0.5 }, c)).toBe(false);
    expect(qualifies({ ...good, halfLife: 1 }, c)).toBe(false);
    expect(qualifies({ ...good, halfLife: 31 }, c)).toBe(false);
    expect(qualifies({ ...good, halfLife: Infinity }, c)).toBe(false);
  });

  it('ranks by p-value and takes disjoint pairs up to the free slots', () => {
    // A, B and C all follow the same walk (B = 1.5 A + noise, C = 0.8 A + noise), D is independent:
    // (A,B), (A,C), (B,C) all qualify, but a symbol is in at most one pair, so only one of them is taken.
    const { x: a, y: b } = cointegratedPair(252, 7, { noise: 0.5 });
    const c = a.map((value, t) => 5 + 0.8 * value + 0.4 * Math.sin(t));
    const d = randomWalk(252, 99);
    const windows = columns(a, b, c, d);
    const all = [testPair(windows, 0, 1, 1), testPair(windows, 0, 2, 1), testPair(windows, 1, 2, 1)];
    const best = all.reduce((min, t) => ((t?.pValue ?? 1) < (min?.pValue ?? 1) ? t : min));
    const chosen = selectPairs(windows, Uint8Array.of(1, 1, 1, 1), 5, config());
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toEqual(best);
    expect(selectPairs(windows, Uint8Array.of(1, 1, 1, 1), 0, config())).toEqual([]);
  });

  it('tests only free symbols, the earlier one in the universe as y', () => {
    const { x, y } = cointegratedPair(252, 5, { noise: 0.5 });
    const windows = columns(randomWalk(252, 1), y, x);
    const chosen = selectPairs(windows, Uint8Array.of(1, 1, 1), 2, config());
    expect(chosen.map((t) => [t.yIndex, t.xIndex])).toEqual([[1, 2]]);
    expect(selectPairs(windows, Uint8Array.of(1, 0, 1), 2, config())).toEqual([]);
  });

  it('uses an AIC lag search when adfLags is "aic"', () => {
    const { x, y } = cointegratedPair(252, 2, { noise: 0.5 });
    const fixed = testPair(columns(y, x), 0, 1, 1);
    const searched = testPair(columns(y, x), 0, 1, 'aic');
    expect(searched?.hedgeRatio).toBe(fixed?.hedgeRatio); // the same regression
    expect(searched?.pValue).toBeLessThan(0.05);
  });

  it('screens candidates without changing the selection: the same pairs as testing every pair in full', () => {
    const market = generateDefaultMarket({ days: 600 });
    const settings = config({ maxPValue: 0.05, maxPairs: 10, priceTransform: 'log' });
    for (const start of [0, 150, 300]) {
      const windows = [...market.series.values()].map((s) =>
        Float64Array.from(s.close.subarray(start, start + 252), Math.log),
      );
      // Reference: every pair through the full test, ranked by p-value, taken greedily while both are free.
      const qualified: PairTest[] = [];
      for (let i = 0; i < windows.length; i++) {
        for (let j = i + 1; j < windows.length; j++) {
          const test = testPair(windows, i, j, 1);
          if (test !== null && qualifies(test, settings)) qualified.push(test);
        }
      }
      qualified.sort((a, b) => a.pValue - b.pValue || a.halfLife - b.halfLife);
      const used = new Set<number>();
      const reference = qualified.filter((t) => {
        if (used.has(t.yIndex) || used.has(t.xIndex)) return false;
        used.add(t.yIndex);
        used.add(t.xIndex);
        return true;
      });
      const free = new Uint8Array(windows.length).fill(1);
      expect(selectPairs(windows, free, 10, settings)).toEqual(reference.slice(0, 10));
      expect(reference.length).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { DEFAULT_TRANSITIONS } from './market-defaults.js';
import { simulateRegimes, stationaryDistribution } from './regime-chain.js';

describe('stationaryDistribution', () => {
  it('solves pi P = pi for the default chain', () => {
    const pi = stationaryDistribution(DEFAULT_TRANSITIONS);
    expect(pi.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    for (let j = 0; j < 3; j++) {
      let flow = 0;
      for (let i = 0; i < 3; i++) flow += (pi[i] as number) * (DEFAULT_TRANSITIONS[i]?.[j] as number);
      expect(flow).toBeCloseTo(pi[j] as number, 10);
    }
    // Documented shares: bull about 64%, bear about 10%, sideways about 26%.
    expect(Array.from(pi, (p) => Math.round(p * 100))).toEqual([64, 10, 26]);
  });

  it('falls back to one of the stationary laws of a reducible chain', () => {
    expect(
      Array.from(
        stationaryDistribution([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toEqual([0.5, 0.5]);
    const pi = stationaryDistribution([
      [1, 0, 0],
      [0, 0.5, 0.5],
      [0, 0.5, 0.5],
    ]);
    expect(pi.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(pi[1]).toBeCloseTo(pi[2] as number, 12);
  });

  it('converges for a periodic chain', () => {
    expect(
      Array.from(
        stationaryDistribution([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toEqual([0.5, 0.5]);
    const pi = stationaryDistribution([
      [0, 1],
      [0.5, 0.5],
    ]);
    expect(pi[0]).toBeCloseTo(1 / 3, 10);
  });
});

describe('simulateRegimes', () => {
  it('starts in the requested regime and follows the empirical transition frequencies', () => {
    const days = 200_000;
    const path = simulateRegimes(new SeededRng(7), DEFAULT_TRANSITIONS, days, 1);
    expect(path[0]).toBe(1);
    const counts = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
    for (let d = 1; d < days; d++) {
      const row = counts[path[d - 1] as number] as Float64Array;
      row[path[d] as number] = (row[path[d] as number] as number) + 1;
    }
    counts.forEach((row, i) => {
      const total = row.reduce((sum, c) => sum + c, 0);
      row.forEach((c, j) => {
        const p = DEFAULT_TRANSITIONS[i]?.[j] as number;
        const se = Math.sqrt((p * (1 - p)) / total);
        expect(Math.abs(c / total - p)).toBeLessThan(5 * se + 1e-12);
      });
    });
  });

  it('draws the first regime from the stationary distribution when none is given', () => {
    const firsts = [0, 0, 0];
    for (let seed = 0; seed < 3000; seed++) {
      const first = simulateRegimes(new SeededRng(seed), DEFAULT_TRANSITIONS, 1)[0] as number;
      firsts[first] = (firsts[first] as number) + 1;
    }
    expect((firsts[0] as number) / 3000).toBeCloseTo(0.64, 1);
    expect((firsts[1] as number) / 3000).toBeCloseTo(0.1, 1);
  });

  it('returns an empty path for zero days and stays put in an absorbing regime', () => {
    expect(simulateRegimes(new SeededRng(1), DEFAULT_TRANSITIONS, 0).length).toBe(0);
    const stuck = simulateRegimes(
      new SeededRng(1),
      [
        [1, 0],
        [0, 1],
      ],
      100,
      1,
    );
    expect(stuck.every((r) => r === 1)).toBe(true);
  });
});

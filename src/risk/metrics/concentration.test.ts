import { describe, expect, it } from 'vitest';
import { concentration } from './concentration.js';

describe('concentration', () => {
  it('computes gross weights and the Herfindahl index of a long/short book (hand-worked)', () => {
    // |v| = 50, 30, 20 → gross 100, weights 0.5, 0.3, 0.2; H = 0.25 + 0.09 + 0.04 = 0.38;
    // H* = (0.38 − 1/3)/(1 − 1/3) = 0.07; effective positions 1/0.38 = 2.6316; net = 50 − 30 + 20 = 40.
    const report = concentration([
      { symbol: 'AAA', marketValue: 50 },
      { symbol: 'BBB', marketValue: -30 },
      { symbol: 'CCC', marketValue: 20 },
    ]);
    expect(report.weights.map((w) => w.weight)).toEqual([0.5, 0.3, 0.2]);
    expect(report.herfindahlIndex).toBeCloseTo(0.38, 15);
    expect(report.normalizedHerfindahl).toBeCloseTo(0.07, 15);
    expect(report.effectivePositions).toBeCloseTo(1 / 0.38, 14);
    expect(report.largestWeight).toBe(0.5);
    expect(report.topFiveWeight).toBeCloseTo(1, 15);
    expect(report.grossExposure).toBe(100);
    expect(report.netExposure).toBe(40);
  });

  it('spans 1/N for equal weights to 1 for a single position', () => {
    const equal = concentration(Array.from({ length: 8 }, (_, i) => ({ symbol: `S${i}`, marketValue: 10 })));
    expect(equal.herfindahlIndex).toBeCloseTo(1 / 8, 15);
    expect(equal.normalizedHerfindahl).toBeCloseTo(0, 15);
    expect(equal.topFiveWeight).toBeCloseTo(5 / 8, 15);
    const single = concentration([{ symbol: 'ONE', marketValue: 5 }]);
    expect(single.herfindahlIndex).toBe(1);
    expect(single.normalizedHerfindahl).toBe(0);
  });

  it('rejects an empty or all-zero book and non-finite values', () => {
    expect(() => concentration([])).toThrow('at least one non-zero position');
    expect(() => concentration([{ symbol: 'X', marketValue: Number.NaN }])).toThrow(
      'market value "NaN" of "X"',
    );
  });
});

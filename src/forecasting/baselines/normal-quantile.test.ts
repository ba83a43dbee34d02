import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../stats/normal-distribution.js';
import { normalQuantile } from './normal-quantile.js';

describe('normalQuantile', () => {
  it('matches published standard normal critical values', () => {
    // Published quantiles (Abramowitz & Stegun table 26.5; scipy.stats.norm.ppf to 16 digits).
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('inverts the normal CDF across (0, 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
      }),
    );
  });

  it('is antisymmetric about one half', () => {
    for (const p of [0.001, 0.01, 0.2, 0.4])
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });

  it('refuses probabilities outside (0, 1), quoting the value', () => {
    expect(() => normalQuantile(0)).toThrow('probability "0" must be in (0, 1)');
    expect(() => normalQuantile(1)).toThrow('must be in (0, 1)');
    expect(() => normalQuantile(Number.NaN)).toThrow('must be in (0, 1)');
  });
});

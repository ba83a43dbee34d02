import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../stats/normal-distribution.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';

describe('normalQuantile', () => {
  it('gives the published percentage points of the normal distribution', () => {
    // Reference: scipy.special.ndtri (Cephes, an independent algorithm) printed to 17 digits; rounded to 4
    // digits they are the printed normal tables' 1.6449, 1.9600, 2.3263, 3.0902. AS 241 and Cephes differ by a
    // few units in the last place, hence 2e-15.
    const points: [number, number][] = [
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.999, 3.090232306167813],
      [0.5, 0],
    ];
    for (const [p, z] of points) {
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(2e-15 * Math.max(1, z));
      expect(Math.abs(normalQuantile(1 - p) + z)).toBeLessThanOrEqual(2e-15 * Math.max(1, z));
    }
  });

  it('inverts the independent Cephes normal CDF to 1e-14 in all three branches', () => {
    // normalCdf (src/stats) is a port of Cephes ndtr, a separate algorithm. The error of x = Φ⁻¹(p) is
    // (Φ(x) − p)/φ(x) to first order; it must be below 1e-14·max(1, |x|).
    const error = (p: number): number => {
      const x = normalQuantile(p);
      return Math.abs((normalCdf(x) - p) / normalDensity(x)) / Math.max(1, Math.abs(x));
    };
    const ps = [1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 0.001, 0.01, 0.05, 0.074, 0.076, 0.2, 0.5, 0.7, 0.93];
    for (const p of ps) expect(error(p)).toBeLessThan(1e-14);
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.999, noNaN: true }), (p) => {
        expect(error(p)).toBeLessThan(1e-14);
      }),
    );
  });

  it('is increasing and maps the ends of [0, 1] to infinities', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1, noNaN: true }),
        fc.double({ min: 1e-300, max: 1, noNaN: true }),
        (a, b) => {
          if (a < b) expect(normalQuantile(a)).toBeLessThanOrEqual(normalQuantile(b));
        },
      ),
    );
  });
});

describe('normalDensity', () => {
  it('equals e^(−x²/2)/√(2π) at known points', () => {
    // φ(0) = 1/√(2π) = 0.3989422804014327; φ(1) = 0.3989422804014327 × e^(−½) = 0.24197072451914337;
    // φ(−2) = 0.3989422804014327 × e^(−2) = 0.05399096651318806.
    expect(normalDensity(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normalDensity(1)).toBeCloseTo(0.24197072451914337, 16);
    expect(normalDensity(-2)).toBeCloseTo(0.05399096651318806, 16);
  });
});

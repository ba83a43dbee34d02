import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capmAlphaBeta } from './capm.js';

describe('capmAlphaBeta', () => {
  it('matches a hand-worked regression', () => {
    // r = [0.01, 0.02, −0.01, 0.03], b = [0.01, 0.01, −0.02, 0.02]; means 0.0125 and 0.005.
    // dx = [−0.0025, 0.0075, −0.0225, 0.0175], dy = [0.005, 0.005, −0.025, 0.015].
    // Σdx·dy = (−0.125 + 0.375 + 5.625 + 2.625)e-4 = 8.5e-4; Σdy² = (0.25 + 0.25 + 6.25 + 2.25)e-4 = 9e-4.
    // beta = 8.5 / 9 = 0.9444…; alpha = 0.0125 − 0.9444… × 0.005 = 0.0077777…
    const result = capmAlphaBeta(
      Float64Array.of(0.01, 0.02, -0.01, 0.03),
      Float64Array.of(0.01, 0.01, -0.02, 0.02),
      252,
    );
    expect(result.beta).toBeCloseTo(8.5 / 9, 14);
    expect(result.alpha).toBeCloseTo(0.0125 - (8.5 / 9) * 0.005, 15);
    expect(result.annualizedAlpha).toBeCloseTo(Math.pow(1 + 0.0125 - (8.5 / 9) * 0.005, 252) - 1, 10);
  });

  it('recovers alpha + rf and beta of an exact linear relation in excess returns', () => {
    // r = 0.001 + 2b ⇒ r − rf = (0.001 + rf) + 2 (b − rf): beta 2, alpha 0.001 + rf.
    const benchmark = Float64Array.of(0.01, -0.02, 0.015, 0.003, -0.007);
    const strategy = benchmark.map((b) => 0.001 + 2 * b);
    const withoutRiskFree = capmAlphaBeta(strategy, benchmark, 12);
    expect(withoutRiskFree.beta).toBeCloseTo(2, 12);
    expect(withoutRiskFree.alpha).toBeCloseTo(0.001, 14);
    const withRiskFree = capmAlphaBeta(strategy, benchmark, 12, 0.0002);
    expect(withRiskFree.beta).toBeCloseTo(2, 12);
    expect(withRiskFree.alpha).toBeCloseTo(0.0012, 14);
    expect(withRiskFree.annualizedAlpha).toBeCloseTo(Math.pow(1.0012, 12) - 1, 12);
  });

  it('drops pairs with a NaN on either side', () => {
    const full = capmAlphaBeta(
      Float64Array.of(0.01, 0.02, -0.01, 0.03),
      Float64Array.of(0.01, 0.01, -0.02, 0.02),
      252,
    );
    const gappy = capmAlphaBeta(
      Float64Array.of(0.01, Number.NaN, 0.02, -0.01, 0.5, 0.03),
      Float64Array.of(0.01, 0.3, 0.01, -0.02, Number.NaN, 0.02),
      252,
    );
    expect(gappy.beta).toBeCloseTo(full.beta, 14);
    expect(gappy.alpha).toBeCloseTo(full.alpha, 15);
  });

  it('is NaN for a flat benchmark or fewer than two pairs', () => {
    const flat = capmAlphaBeta(Float64Array.of(0.01, 0.02), Float64Array.of(0.01, 0.01), 252);
    expect(flat.beta).toBeNaN();
    expect(flat.alpha).toBeNaN();
    expect(flat.annualizedAlpha).toBeNaN();
    expect(capmAlphaBeta(Float64Array.of(0.01), Float64Array.of(0.02), 252).beta).toBeNaN();
    expect(capmAlphaBeta(new Float64Array(0), new Float64Array(0), 252).beta).toBeNaN();
  });

  it('refuses a benchmark of another length', () => {
    expect(() => capmAlphaBeta(Float64Array.of(0.01, 0.02), Float64Array.of(0.01), 252)).toThrow(
      'benchmark return count "1" must equal the strategy return count 2',
    );
  });

  it('gives beta 1 and alpha 0 against itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (values) => {
          const series = Float64Array.from(values);
          const result = capmAlphaBeta(series, series, 252, 0.0001);
          if (Number.isNaN(result.beta)) return; // a constant series has no variance
          expect(result.beta).toBeCloseTo(1, 9);
          expect(result.alpha).toBeCloseTo(0, 12);
        },
      ),
    );
  });
});

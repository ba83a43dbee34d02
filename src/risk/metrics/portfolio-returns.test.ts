import { describe, expect, it } from 'vitest';
import { portfolioReturns } from './portfolio-returns.js';

describe('portfolioReturns', () => {
  it('weights each period return by the constant weights', () => {
    // t0: 0.6·0.01 + 0.4·(−0.02) = 0.006 − 0.008 = −0.002; t1: 0.6·0.03 + 0.4·0.01 = 0.018 + 0.004 = 0.022
    const out = portfolioReturns(
      [Float64Array.from([0.01, 0.03]), Float64Array.from([-0.02, 0.01])],
      Float64Array.from([0.6, 0.4]),
    );
    expect(out[0]).toBeCloseTo(-0.002, 15);
    expect(out[1]).toBeCloseTo(0.022, 15);
  });

  it('rejects a weight count or series length that does not match', () => {
    expect(() => portfolioReturns([Float64Array.from([0.01])], Float64Array.from([0.5, 0.5]))).toThrow(
      'portfolio has "2" weights but 1 return series',
    );
    expect(() =>
      portfolioReturns(
        [Float64Array.from([0.01]), Float64Array.from([0.01, 0.02])],
        Float64Array.from([0.5, 0.5]),
      ),
    ).toThrow('return series 1 has "2" observations; expected 1');
  });
});

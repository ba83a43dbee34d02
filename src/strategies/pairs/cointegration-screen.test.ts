import { describe, expect, it } from 'vitest';
import { engleGranger } from '../../stats/engle-granger.js';
import { CointegrationScreen } from './cointegration-screen.js';
import { cointegratedPair, randomWalk } from './pair-series.fixture.js';

describe('cointegration screen', () => {
  it('computes the Engle-Granger τ of src/stats (fixed lags) from sums, to rounding', () => {
    for (const lags of [0, 1, 3]) {
      const screen = new CointegrationScreen(252, lags);
      for (let seed = 1; seed <= 10; seed++) {
        const { x, y } = cointegratedPair(252, seed, { noise: 0.5 });
        const pairs = [
          [Float64Array.from(y), Float64Array.from(x)],
          [Float64Array.from(randomWalk(252, seed + 40)), Float64Array.from(randomWalk(252, seed + 80))],
        ] as const;
        for (const [a, b] of pairs) {
          const reference = engleGranger(a, b, { lags }).statistic;
          expect(screen.tau(a, b)).toBeCloseTo(reference, 8);
        }
      }
    }
  });

  it('gives NaN for a flat x', () => {
    const screen = new CointegrationScreen(50, 1);
    expect(screen.tau(Float64Array.from(randomWalk(50, 1)), new Float64Array(50).fill(3))).toBeNaN();
  });
});

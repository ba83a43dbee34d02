import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { covarianceMatrix } from '../../stats/correlation-matrix.js';
import { choleskyFactor } from './cholesky.js';

function product(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += (l[i * n + k] as number) * (l[j * n + k] as number);
      out[i * n + j] = sum;
    }
  return out;
}

describe('choleskyFactor', () => {
  it('factors a hand-worked 2×2 covariance', () => {
    // C = [[4, 2], [2, 5]]: L11 = √4 = 2, L21 = 2/2 = 1, L22 = √(5 − 1²) = 2.
    const l = choleskyFactor({ size: 2, values: Float64Array.from([4, 2, 2, 5]) });
    expect(Array.from(l)).toEqual([2, 0, 1, 2]);
  });

  it('gives L·Lᵀ = C for a sample covariance of 20 correlated assets', () => {
    const rng = new SeededRng(5);
    const market = Float64Array.from({ length: 300 }, () => rng.normal());
    const assets = Array.from({ length: 20 }, () =>
      Float64Array.from(market, (m) => 0.01 * (0.8 * m + rng.normal())),
    );
    const covariance = covarianceMatrix(assets);
    const rebuilt = product(choleskyFactor(covariance), 20);
    for (let i = 0; i < 400; i++) {
      expect(Math.abs((rebuilt[i] as number) - (covariance.values[i] as number))).toBeLessThan(1e-16);
    }
  });

  it('accepts a singular (semi-definite) covariance and rejects an indefinite one', () => {
    // Asset 2 = asset 1: C = [[1, 1], [1, 1]] → L = [[1, 0], [1, 0]].
    expect(Array.from(choleskyFactor({ size: 2, values: Float64Array.from([1, 1, 1, 1]) }))).toEqual([
      1, 0, 1, 0,
    ]);
    expect(() => choleskyFactor({ size: 2, values: Float64Array.from([1, 2, 2, 1]) })).toThrow(
      'not positive semi-definite',
    );
    expect(() => choleskyFactor({ size: 2, values: Float64Array.from([1, 2, 2]) })).toThrow('expected 2×2');
  });
});

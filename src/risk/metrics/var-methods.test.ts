import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { normalCdf } from '../../stats/normal-distribution.js';
import { describeReturns } from './return-sample.js';
import { sampleRiskTables, type SampleVarMethod } from './var-methods.js';

const METHODS: readonly SampleVarMethod[] = ['historical', 'gaussian', 'modified'];

/**
 * Independent plain-loop implementation of PerformanceAnalytics' VaR/ES definitions, written for this test
 * only: its own sort, R type-7 quantile, central moments by loops, and Φ⁻¹ by bisection on the Cephes CDF
 * (src/stats), not AS 241.
 */
function reference(returns: readonly number[], confidence: number): Record<string, number> {
  const n = returns.length;
  const r = [...returns].sort((a, b) => a - b);
  const alpha = 1 - confidence;
  const index = (n - 1) * alpha;
  const lo = Math.floor(index);
  const q = r[lo]! + (index - lo) * (r[Math.min(lo + 1, n - 1)]! - r[lo]!);
  const tail = r.filter((x) => x < q);
  const historicalEs = tail.length > 0 ? tail.reduce((a, b) => a + b, 0) / tail.length : q;
  let m = 0;
  for (const x of returns) m += x / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of returns) {
    m2 += (x - m) ** 2 / n;
    m3 += (x - m) ** 3 / n;
    m4 += (x - m) ** 4 / n;
  }
  const s = m3 / m2 ** 1.5;
  const k = m4 / m2 ** 2 - 3;
  let low = -40;
  let high = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < alpha) low = mid;
    else high = mid;
  }
  const z = (low + high) / 2;
  const pdf = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  const sd = Math.sqrt(m2);
  const h = z + ((z * z - 1) * s) / 6 + ((z ** 3 - 3 * z) * k) / 24 - ((2 * z ** 3 - 5 * z) * s * s) / 36;
  const e =
    pdf(h) *
    (1 +
      (h ** 3 * s) / 6 +
      ((h ** 6 - 9 * h ** 4 + 9 * h ** 2 + 3) * s * s) / 72 +
      ((h ** 4 - 2 * h ** 2 - 1) * k) / 24);
  return {
    historicalVar: q,
    historicalEs,
    gaussianVar: m + z * sd,
    gaussianEs: m - (sd * pdf(z)) / alpha,
    modifiedVar: m + h * sd,
    modifiedEs: m + sd * Math.min(-e / alpha, h),
  };
}

function studentReturns(seed: number, n: number): Float64Array {
  const rng = new SeededRng(seed);
  return Float64Array.from({ length: n }, () => 0.0003 + 0.01 * rng.studentT(4));
}

describe('sampleRiskTables', () => {
  it('nests VaR and ES by method, then by confidence key', () => {
    const tables = sampleRiskTables(describeReturns(studentReturns(1, 100)), ['historical'], [0.95, 0.99]);
    expect(Object.keys(tables.var)).toEqual(['historical']);
    expect(Object.keys(tables.es.historical ?? {})).toEqual(['0.95', '0.99']);
  });

  it('matches an independent plain-loop implementation to 1e-9 on 5 years of daily returns', () => {
    for (const seed of [11, 12, 13]) {
      const returns = studentReturns(seed, 1260);
      const tables = sampleRiskTables(describeReturns(returns), METHODS, [0.9, 0.95, 0.975, 0.99]);
      for (const confidence of [0.9, 0.95, 0.975, 0.99]) {
        const expected = reference(Array.from(returns), confidence);
        const key = String(confidence);
        for (const method of METHODS) {
          expect(Math.abs(tables.var[method]![key]! - expected[`${method}Var`]!)).toBeLessThan(1e-9);
          expect(Math.abs(tables.es[method]![key]! - expected[`${method}Es`]!)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('never reports an ES above its VaR (ES is the larger loss) for any sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 5, maxLength: 80 }),
        fc.double({ min: 0.51, max: 0.999, noNaN: true }),
        (values, confidence) => {
          const sample = describeReturns(Float64Array.from(values));
          const tables = sampleRiskTables(sample, METHODS, [confidence]);
          const key = String(confidence);
          for (const method of METHODS) {
            expect(tables.es[method]![key]!).toBeLessThanOrEqual(tables.var[method]![key]! + 1e-15);
          }
        },
      ),
    );
  });

  it('gives a larger historical and Gaussian loss at a higher confidence for any sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 5, maxLength: 80 }),
        fc.double({ min: 0.51, max: 0.999, noNaN: true }),
        fc.double({ min: 0.51, max: 0.999, noNaN: true }),
        (values, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          const sample = describeReturns(Float64Array.from(values));
          const tables = sampleRiskTables(sample, ['historical', 'gaussian'], [low, high]);
          for (const method of ['historical', 'gaussian'] as const) {
            expect(tables.var[method]![String(high)]!).toBeLessThanOrEqual(
              tables.var[method]![String(low)]! + 1e-15,
            );
            expect(tables.es[method]![String(high)]!).toBeLessThanOrEqual(
              tables.es[method]![String(low)]! + 1e-15,
            );
          }
        },
      ),
    );
  });

  it('gives a larger modified loss at a higher confidence for near-normal samples', () => {
    // The Cornish-Fisher quantile is monotone only for moderate skewness and kurtosis (see modified-var.ts),
    // so this property is stated for normal samples of 250 draws, where |S| and |K| stay small.
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0.8, max: 0.995, noNaN: true }),
        fc.double({ min: 0.8, max: 0.995, noNaN: true }),
        (seed, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          const rng = new SeededRng(seed);
          const sample = describeReturns(Float64Array.from({ length: 250 }, () => 0.01 * rng.normal()));
          const tables = sampleRiskTables(sample, ['modified'], [low, high]);
          expect(tables.var.modified![String(high)]!).toBeLessThanOrEqual(
            tables.var.modified![String(low)]! + 1e-15,
          );
          expect(tables.es.modified![String(high)]!).toBeLessThanOrEqual(
            tables.es.modified![String(low)]! + 1e-15,
          );
        },
      ),
    );
  });
});

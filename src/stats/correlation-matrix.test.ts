import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import type { MissingDataPolicy } from './correlation-matrix.js';
import { correlationMatrix, covarianceMatrix } from './correlation-matrix.js';
import { expectAllClose, readStatsFixture, statsInputs } from './stats-reference.fixture.js';

interface CorrelationCase {
  readonly pairwiseCovariance: number[][];
  readonly pairwiseCorrelation: number[][];
  readonly pairwiseCorrelationMinPeriods10: number[][];
  readonly completeCaseCovariance: number[][];
  readonly completeCaseCorrelation: number[][];
  readonly completeCaseRows: number;
  readonly numpyCovariance?: number[][];
  readonly numpyCovariancePopulation?: number[][];
  readonly numpyCorrelation?: number[][];
}

const { cases } = readStatsFixture<{ cases: Record<string, CorrelationCase> }>('correlation.json');
const inputs = statsInputs().correlation;
const rowsOf = (name: string): Float64Array[] =>
  (inputs[name] as number[][]).map((row) => Float64Array.from(row));

/** Two-pass textbook covariance / correlation of two NaN-free series. */
function naivePair(x: Float64Array, y: Float64Array): { covariance: number; correlation: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < n; t++) {
    sxy += ((x[t] as number) - mx) * ((y[t] as number) - my);
    sxx += ((x[t] as number) - mx) ** 2;
    syy += ((y[t] as number) - my) ** 2;
  }
  return { covariance: sxy / (n - 1), correlation: sxy / Math.sqrt(sxx * syy) };
}

describe('covarianceMatrix and correlationMatrix against numpy and pandas', () => {
  it.each(Object.entries(cases))('matches %s', (name, expected) => {
    const rows = rowsOf(name);
    const check = (policy: MissingDataPolicy, covariance: number[][], correlation: number[][]): void => {
      expectAllClose(
        covarianceMatrix(rows, { missing: policy }).values,
        covariance.flat(),
        1e-12,
        `${policy} cov`,
      );
      expectAllClose(
        correlationMatrix(rows, { missing: policy }).values,
        correlation.flat(),
        1e-12,
        `${policy} corr`,
      );
    };
    check('pairwise-complete', expected.pairwiseCovariance, expected.pairwiseCorrelation);
    check('complete-case', expected.completeCaseCovariance, expected.completeCaseCorrelation);
    expectAllClose(
      correlationMatrix(rows, { minPeriods: 10 }).values,
      expected.pairwiseCorrelationMinPeriods10.flat(),
      1e-12,
      'min_periods=10',
    );
    if (expected.numpyCovariance !== undefined) {
      expectAllClose(covarianceMatrix(rows).values, expected.numpyCovariance.flat(), 1e-12, 'np.cov');
      expectAllClose(
        covarianceMatrix(rows, { ddof: 0 }).values,
        (expected.numpyCovariancePopulation ?? []).flat(),
        1e-12,
        'ddof 0',
      );
      expectAllClose(
        correlationMatrix(rows).values,
        (expected.numpyCorrelation ?? []).flat(),
        1e-12,
        'np.corrcoef',
      );
    }
  });

  it('uses the gaps fixture the way it claims: pandas dropped rows, asset 10 has 5 observations', () => {
    expect(cases['gaps_12x60']?.completeCaseRows).toBeLessThan(60);
    expect(rowsOf('gaps_12x60')[10]?.filter((v) => !Number.isNaN(v))).toHaveLength(5);
  });
});

describe('correlationMatrix', () => {
  it('agrees with a naive two-pass computation for any shape, including blocks and chunks that do not divide it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 2, max: 1500 }),
        fc.integer(),
        (assets, observations, seed) => {
          const rng = new SeededRng(seed);
          const rows = Array.from({ length: assets }, () =>
            Float64Array.from({ length: observations }, () => 50 + rng.normal()),
          );
          const covariance = covarianceMatrix(rows).values;
          const correlation = correlationMatrix(rows).values;
          for (let i = 0; i < assets; i++) {
            for (let j = 0; j < assets; j++) {
              const pair = naivePair(rows[i] as Float64Array, rows[j] as Float64Array);
              expect(Math.abs((covariance[i * assets + j] as number) - pair.covariance)).toBeLessThan(1e-12);
              expect(Math.abs((correlation[i * assets + j] as number) - pair.correlation)).toBeLessThan(
                1e-12,
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads a row-major block the same as an array of rows, symmetric with a unit diagonal', () => {
    const rng = new SeededRng(3);
    const assets = 37;
    const observations = 253;
    const block = Float64Array.from({ length: assets * observations }, () => rng.normal());
    const rows = Array.from({ length: assets }, (_, i) =>
      block.slice(i * observations, (i + 1) * observations),
    );
    const fromBlock = correlationMatrix({ data: block, assets, observations });
    expect(fromBlock.size).toBe(assets);
    expect(fromBlock.values).toEqual(correlationMatrix(rows).values);
    for (let i = 0; i < assets; i++) {
      expect(fromBlock.values[i * assets + i]).toBe(1);
      for (let j = 0; j < assets; j++)
        expect(fromBlock.values[i * assets + j]).toBe(fromBlock.values[j * assets + i]);
    }
    // The same input gives bit-identical output.
    expect(correlationMatrix(rows).values).toEqual(fromBlock.values);
  });

  it('gives NaN for a constant asset and for too few observations', () => {
    const constant = correlationMatrix([Float64Array.of(1, 2, 3), Float64Array.of(5, 5, 5)]).values;
    expect(constant[1]).toBeNaN();
    expect(constant[3]).toBeNaN();
    expect(constant[0]).toBe(1);
    expect(covarianceMatrix([Float64Array.of(4)]).values[0]).toBeNaN();
    expect(covarianceMatrix([Float64Array.of(4)], { ddof: 0 }).values[0]).toBe(0);
    expect(
      correlationMatrix([Float64Array.of(1, Number.NaN), Float64Array.of(Number.NaN, 2)]).values[1],
    ).toBeNaN();
    expect(covarianceMatrix([]).values).toHaveLength(0);
    const none = covarianceMatrix([Float64Array.of(1, Number.NaN), Float64Array.of(Number.NaN, 2)], {
      missing: 'complete-case',
    });
    expect(Array.from(none.values).every(Number.isNaN)).toBe(true);
  });

  it('refuses bad shapes and options with a message that names them', () => {
    expect(() => correlationMatrix([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow(
      /asset 1 has "1" observations; expected 2/,
    );
    expect(() => correlationMatrix({ data: new Float64Array(5), assets: 2, observations: 3 })).toThrow(
      /length "5" must equal/,
    );
    expect(() => correlationMatrix({ data: new Float64Array(0), assets: -1, observations: 0 })).toThrow(
      /shape "-1x0"/,
    );
    expect(() => correlationMatrix([], { missing: 'listwise' as MissingDataPolicy })).toThrow(/"listwise"/);
    expect(() => covarianceMatrix([], { ddof: 2 as 1 })).toThrow(/ddof "2"/);
    expect(() => covarianceMatrix([], { minPeriods: 0 })).toThrow(/minPeriods "0"/);
  });
});

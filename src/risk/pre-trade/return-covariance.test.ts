import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../core/ids.js';
import { alternating, closesFromReturns } from './history.fixture.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { ReturnCovariance } from './return-covariance.js';
import { TestRiskView } from './risk-view.fixture.js';

const A = instrumentId('A');
const B = instrumentId('B');
const C = instrumentId('C');
const NOON = Date.UTC(2024, 0, 2, 12);

/** Sample covariance, two passes, written independently of stats/correlation-matrix.ts. */
function plainCovariance(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += ((x[t] as number) - mx) * ((y[t] as number) - my);
  return sum / (n - 1);
}

describe('ReturnCovariance', () => {
  const returnsA = [0.01, -0.02, 0.015, 0.003, -0.007, 0.012];
  const returnsB = [0.02, -0.01, 0.005, -0.004, 0.011, 0.001];
  const view = () =>
    new TestRiskView({
      now: NOON,
      cash: 0,
      holdings: { A: { quantity: 10, price: 100 } },
      closes: {
        A: closesFromReturns(100, returnsA),
        B: closesFromReturns(50, returnsB),
        C: closesFromReturns(20, [0.01, 0.02, -0.01]),
      },
    });

  it('estimates sample covariances of the last `lookback` simple returns', () => {
    const v = view();
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    const cov = new ReturnCovariance({ lookback: 4, minObservations: 2 });
    cov.ensure(v, snapshot, B);
    const a = cov.indexOf(A);
    const b = cov.indexOf(B);
    expect(cov.covariance(a, a)).toBeCloseTo(plainCovariance(returnsA.slice(-4), returnsA.slice(-4)), 15);
    expect(cov.covariance(a, b)).toBeCloseTo(plainCovariance(returnsA.slice(-4), returnsB.slice(-4)), 15);
    expect(cov.covariance(b, a)).toBe(cov.covariance(a, b));
  });

  it('aligns a shorter series on the tail and pairs only the returns both have', () => {
    const v = view();
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    const cov = new ReturnCovariance({ lookback: 6, minObservations: 3 });
    cov.ensure(v, snapshot, C);
    // C has 3 returns: they pair with A's last 3.
    expect(cov.covariance(cov.indexOf(A), cov.indexOf(C))).toBeCloseTo(
      plainCovariance(returnsA.slice(-3), [0.01, 0.02, -0.01]),
      15,
    );
    const strict = new ReturnCovariance({ lookback: 6, minObservations: 4 });
    strict.ensure(v, snapshot, C);
    expect(strict.covariance(strict.indexOf(A), strict.indexOf(C))).toBeNaN();
  });

  it('estimates once per UTC day unless an instrument joins', () => {
    const v = view();
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    const cov = new ReturnCovariance({ lookback: 6, minObservations: 2 });
    cov.ensure(v, snapshot, null);
    expect(cov.generation).toBe(1);
    v.time = NOON + 3_600_000; // same day
    cov.ensure(v, snapshot, A);
    expect(cov.generation).toBe(1);
    cov.ensure(v, snapshot, B); // B joins
    expect(cov.generation).toBe(2);
    expect(cov.indexOf(C)).toBe(-1);
    v.time = NOON + 86_400_000; // next day
    cov.ensure(v, snapshot, null);
    expect(cov.generation).toBe(3);
    expect(cov.indexOf(B)).toBe(-1); // only held instruments are carried into a new day
  });

  it('gives NaN without enough closes', () => {
    const v = new TestRiskView({
      now: NOON,
      cash: 0,
      holdings: { A: { quantity: 1, price: 1 } },
      closes: { A: new Float64Array([1, 1.1]) },
    });
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    const cov = new ReturnCovariance({ lookback: 10, minObservations: 2 });
    cov.ensure(v, snapshot, B); // B has no closes at all
    expect(cov.covariance(0, 0)).toBeNaN();
    expect(cov.size).toBe(2);
  });

  it('uses alternating returns of exact variance in the VaR fixtures', () => {
    // r, −r, r, −r: mean 0, sample variance 4 r² / 3 (hand-worked, used by portfolio-var-rule.test.ts).
    const v = new TestRiskView({
      now: NOON,
      cash: 0,
      closes: { A: closesFromReturns(100, alternating(0.01, 4)) },
    });
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    const cov = new ReturnCovariance({ lookback: 10, minObservations: 2 });
    cov.ensure(v, snapshot, A);
    expect(cov.covariance(0, 0)).toBeCloseTo((4 * 0.0001) / 3, 15);
  });
});

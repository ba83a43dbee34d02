import { describe, expect, it } from 'vitest';
import { alternating, closesFromReturns } from './history.fixture.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { PortfolioVarRule } from './portfolio-var-rule.js';
import { ReturnCovariance } from './return-covariance.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

/**
 * Hand-worked case. A's returns are ±1%, B's ±2% in step (correlation 1): var_A = 4(0.01)²/3, var_B =
 * 4(0.02)²/3. With perfectly correlated assets σ_p = |Σ x_i σ_i| (x the signed position values), which gives
 * the reference values without the covariance matrix:
 *   σ_A = 0.01·√(4/3) = 0.0115470054, σ_B = 0.0230940108; z = Φ⁻¹(0.95) = 1.6448536270 (R: qnorm(0.95)).
 * Holding 100 A at its last close p_A (≈ 99.98): x_A = 100 p_A, VaR before = z · x_A · σ_A.
 * Buying 50 B at limit 200: d = 10,000, VaR after = z (x_A σ_A + 10,000 σ_B).
 */
const Z95 = 1.6448536269514722;
const SIGMA_A = 0.01 * Math.sqrt(4 / 3);
const SIGMA_B = 0.02 * Math.sqrt(4 / 3);
const closesA = closesFromReturns(100, alternating(0.01, 4));
const closesB = closesFromReturns(200, alternating(0.02, 4));
const priceA = closesA[4] as number;

function setup(
  maxVarFraction: number,
  options: { minObservations?: number; insufficientHistory?: 'allow' | 'deny' } = {},
) {
  // Equity: cash 90,000 + 100 × p_A ≈ 99,998.
  const view = new TestRiskView({
    now: Date.UTC(2024, 0, 2, 15),
    cash: 90_000,
    holdings: { A: { quantity: 100, price: priceA } },
    prices: { B: closesB[4] as number },
    closes: { A: closesA, B: closesB },
  });
  const covariance = new ReturnCovariance({ lookback: 10, minObservations: options.minObservations ?? 2 });
  const rule = new PortfolioVarRule(
    { confidence: 0.95, maxVarFraction, insufficientHistory: options.insufficientHistory ?? 'allow' },
    covariance,
  );
  return { view, rule };
}
const limitOrder = (side: 'buy' | 'sell', quantity: number) =>
  testOrder({ symbol: 'B', side, type: 'limit', quantity, limitPrice: 200 });

describe('PortfolioVarRule', () => {
  const xA = 100 * priceA;
  const varBefore = Z95 * xA * SIGMA_A; // ≈ 189.89
  const varAfter = Z95 * (xA * SIGMA_A + 10_000 * SIGMA_B); // ≈ 569.77
  const equity = 90_000 + xA;

  it('takes z from R qnorm', () => {
    expect(setup(0.01).rule.z).toBeCloseTo(Z95, 14); // within a few ulps
  });

  it('denies an order whose VaR after is above the limit and which adds VaR', () => {
    const { view, rule } = setup(0.005); // limit ≈ 500
    const denied = rule.check(limitOrder('buy', 50), view);
    expect(denied.allowed).toBe(false);
    if (denied.allowed) return;
    expect(denied.rule).toBe('portfolio-var');
    expect(denied.values.varBefore).toBeCloseTo(varBefore, 8);
    expect(denied.values.varAfter).toBeCloseTo(varAfter, 8);
    expect(denied.values.incrementalVar).toBeCloseTo(varAfter - varBefore, 8);
    expect(denied.values.maxVar).toBeCloseTo(0.005 * equity, 8);
    expect(denied.message).toMatch(/^portfolio VaR\(95\.00%\) after the order 569\.7\d+ exceeds max 499\.99/);
  });

  it('allows the same order under a looser limit', () => {
    const { view, rule } = setup(0.006); // limit ≈ 600 > 569.77
    expect(rule.check(limitOrder('buy', 50), view).allowed).toBe(true);
  });

  it('allows an order that lowers VaR even above the limit (a hedge)', () => {
    // Short 40 B: σ_p = |x_A σ_A − 8,000 σ_B| = |115.45 − 184.75| = 69.3 < 115.45: VaR falls.
    const { view, rule } = setup(0.0001); // limit ≈ 10, far below both
    expect(rule.check(limitOrder('sell', 40), view).allowed).toBe(true);
    expect(rule.portfolioVar(view, refreshed(view))).toBeCloseTo(varBefore, 8);
  });

  it('follows the insufficient-history policy', () => {
    const allow = setup(0.0001, { minObservations: 60 });
    expect(allow.rule.check(limitOrder('buy', 50), allow.view).allowed).toBe(true);
    const deny = setup(0.0001, { minObservations: 60, insufficientHistory: 'deny' });
    expect(deny.rule.check(limitOrder('buy', 50), deny.view)).toMatchObject({
      allowed: false,
      message: 'not enough return history to measure the VaR of an order in B',
    });
  });

  it('lets exposure-reducing orders pass and denies unpriced ones', () => {
    const { view, rule } = setup(0.0001);
    expect(
      rule.check(testOrder({ symbol: 'A', side: 'sell', type: 'market', quantity: 50 }), view).allowed,
    ).toBe(true);
    expect(
      rule.check(testOrder({ symbol: 'Q', side: 'buy', type: 'market', quantity: 1 }), view).allowed,
    ).toBe(false);
  });

  it('recomputes the portfolio figures when a position changes', () => {
    const { view, rule } = setup(0.005);
    const snapshot = refreshed(view);
    expect(rule.portfolioVar(view, snapshot)).toBeCloseTo(varBefore, 8);
    view.hold('A', { quantity: 200, price: priceA });
    snapshot.refresh(view);
    expect(rule.portfolioVar(view, snapshot)).toBeCloseTo(2 * varBefore, 8);
  });
});

function refreshed(view: TestRiskView): PortfolioSnapshot {
  const snapshot = new PortfolioSnapshot();
  snapshot.refresh(view);
  return snapshot;
}

import { describe, expect, it } from 'vitest';
import { CorrelationRule } from './correlation-rule.js';
import { alternating, closesFromReturns } from './history.fixture.js';
import { ReturnCovariance } from './return-covariance.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

// A: ±1%; B: ±2% in step with A (correlation +1); C: ∓1% against A (correlation −1); D: too short a history.
function setup(insufficientHistory: 'allow' | 'deny' = 'allow') {
  const view = new TestRiskView({
    now: Date.UTC(2024, 0, 2, 15),
    cash: 10_000,
    holdings: { A: { quantity: 10, price: 100 } },
    prices: { B: 50, C: 20, D: 5 },
    closes: {
      A: closesFromReturns(100, alternating(0.01, 6)),
      B: closesFromReturns(50, alternating(0.02, 6)),
      C: closesFromReturns(20, alternating(-0.01, 6)),
      D: closesFromReturns(5, [0.01]),
    },
  });
  const rule = new CorrelationRule(
    { maxCorrelation: 0.8, insufficientHistory },
    new ReturnCovariance({ lookback: 10, minObservations: 3 }),
  );
  return { view, rule };
}
const order = (symbol: string, side: 'buy' | 'sell') =>
  testOrder({ symbol, side, type: 'market', quantity: 1 });

describe('CorrelationRule', () => {
  it('denies a new long that moves with a long holding', () => {
    const { view, rule } = setup();
    const denied = rule.check(order('B', 'buy'), view);
    expect(denied).toMatchObject({
      allowed: false,
      rule: 'correlation',
      message: 'new long position in B has directional correlation 1 with the position in A, above max 0.8',
      values: { heldInstrumentId: 'A', maxCorrelation: 0.8 },
    });
    expect(denied.allowed ? 0 : denied.values.correlation).toBeCloseTo(1, 12);
  });

  it('allows a new position that hedges a holding, and denies its mirror image', () => {
    const { view, rule } = setup();
    expect(rule.check(order('B', 'sell'), view).allowed).toBe(true); // short B against long A: −1
    expect(rule.check(order('C', 'buy'), view).allowed).toBe(true); // long C, anti-correlated: −1
    expect(rule.check(order('C', 'sell'), view).allowed).toBe(false); // short C: (−1)(−1) = +1
  });

  it('lets orders in instruments already held pass', () => {
    const { view, rule } = setup();
    expect(rule.check(order('A', 'buy'), view).allowed).toBe(true);
  });

  it('follows the insufficient-history policy', () => {
    expect(setup('allow').rule.check(order('D', 'buy'), setup('allow').view).allowed).toBe(true);
    const { view, rule } = setup('deny');
    expect(rule.check(order('D', 'buy'), view)).toMatchObject({
      allowed: false,
      message: 'not enough return history to correlate D with A',
    });
  });

  it('has nothing to compare against with no holdings', () => {
    const { rule } = setup();
    expect(rule.check(order('B', 'buy'), new TestRiskView({ cash: 1_000, prices: { B: 50 } })).allowed).toBe(
      true,
    );
  });
});

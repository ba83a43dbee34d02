import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order } from '../model/order.types.js';
import { TestRiskView, testOrder } from './pre-trade/risk-view.fixture.js';
import { fromPreset } from './presets.js';
import { RiskEngine } from './risk-engine.js';

const SYMBOLS = ['A', 'B', 'C', 'D'] as const;
const PURPOSES = ['strategy', 'auto-reduce', 'kill-switch'] as const;

/** A portfolio (integer positions, prices), some working orders, and one order to check. */
const scenario = fc.record({
  positions: fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 4, maxLength: 4 }),
  prices: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 4, maxLength: 4 }),
  cash: fc.integer({ min: -100_000, max: 1_000_000 }),
  working: fc.array(
    fc.record({
      symbol: fc.constantFrom(...SYMBOLS),
      sell: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 300 }),
    }),
    { maxLength: 4 },
  ),
  order: fc.record({
    symbol: fc.constantFrom(...SYMBOLS),
    sell: fc.boolean(),
    quantity: fc.integer({ min: 1, max: 1_000 }),
    limitOffset: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
  }),
  purpose: fc.constantFrom(...PURPOSES),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { view: TestRiskView; order: Order; held: number; pending: number } {
  const holdings: Record<string, { quantity: number; price: number }> = {};
  SYMBOLS.forEach(
    (symbol, i) => (holdings[symbol] = { quantity: s.positions[i] as number, price: s.prices[i] as number }),
  );
  const view = new TestRiskView({ now: Date.UTC(2024, 0, 2, 15), cash: s.cash, holdings });
  view.orders = s.working.map((w) => ({
    ...testOrder({ symbol: w.symbol, side: w.sell ? 'sell' : 'buy', type: 'market', quantity: w.quantity }),
    status: 'accepted' as const,
  }));
  const index = SYMBOLS.indexOf(s.order.symbol);
  const price = s.prices[index] as number;
  const side = s.order.sell ? 'sell' : 'buy';
  const order =
    s.order.limitOffset === undefined
      ? testOrder({ symbol: s.order.symbol, side, type: 'market', quantity: s.order.quantity })
      : testOrder({
          symbol: s.order.symbol,
          side,
          type: 'limit',
          quantity: s.order.quantity,
          limitPrice: price + s.order.limitOffset * 0.01,
        });
  const sign = s.order.sell ? -1 : 1;
  const pending = s.working
    .filter((w) => w.symbol === s.order.symbol && w.sell === s.order.sell)
    .reduce((sum, w) => sum + sign * w.quantity, 0);
  return { view, order, held: s.positions[index] as number, pending };
}

describe('RiskEngine trading-state invariants', () => {
  it('in halted lets nothing pass but kill-switch orders that reduce their position', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { view, order, held } = build(s);
        const engine = new RiskEngine(fromPreset('aggressive'));
        engine.engageKillSwitch({ flatten: true, operator: 'property', reason: 'test' }, view);
        const decision = engine.check(order, view, { purpose: s.purpose });
        const signed = order.side === 'buy' ? order.quantity : -order.quantity;
        const closes =
          held !== 0 && Math.sign(signed) === -Math.sign(held) && order.quantity <= Math.abs(held);
        expect(decision.allowed).toBe(s.purpose === 'kill-switch' && closes);
      }),
      { numRuns: 500 },
    );
  });

  it('in reducing never lets an order increase |position|, alone or with the working orders', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { view, order, held, pending } = build(s);
        const engine = new RiskEngine({
          ...fromPreset('aggressive'),
          dailyLoss: { maxLossAmount: 1, onBreach: 'reducing' },
        });
        engine.observe(1_000, 0);
        engine.observe(0, 1);
        expect(engine.state).toBe('reducing');
        const decision = engine.check(order, view, {
          purpose: s.purpose === 'kill-switch' ? 'strategy' : s.purpose,
        });
        if (!decision.allowed) return;
        const signed = order.side === 'buy' ? order.quantity : -order.quantity;
        expect(Math.abs(held + signed)).toBeLessThanOrEqual(Math.abs(held));
        expect(Math.abs(held + pending + signed)).toBeLessThanOrEqual(Math.abs(held));
        expect(Math.sign(held + pending + signed) * Math.sign(held)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('in active never blocks an order that reduces exposure on loss, drawdown or leverage grounds', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { view, order } = build(s);
        const engine = new RiskEngine({
          leverage: { maxGross: 0.01, maxNet: 0.01 },
          dailyLoss: { maxLossAmount: 1, onBreach: 'none' },
          drawdown: { maxDrawdown: 0.01, onBreach: 'none' },
          maxPosition: { maxQuantity: 1 },
        });
        engine.observe(1e9, 0);
        engine.observe(1, 1);
        const decision = engine.check(order, view);
        const { held, pending } = build(s);
        const signed = order.side === 'buy' ? order.quantity : -order.quantity;
        const reduces =
          held !== 0 &&
          Math.sign(signed) === -Math.sign(held) &&
          Math.abs(pending) + order.quantity <= Math.abs(held);
        if (reduces) expect(decision).toEqual({ allowed: true });
        else expect(decision.allowed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

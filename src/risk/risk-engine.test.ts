import { describe, expect, it } from 'vitest';
import { DAY_MS } from './state/equity-tracker.js';
import { RiskAuditBuffer } from './state/risk-audit-buffer.js';
import { RiskEngine } from './risk-engine.js';
import { TestRiskView, testOrder } from './pre-trade/risk-view.fixture.js';
import type { RiskConfigInput } from './pre-trade/risk-config.js';

const DAY = 19_800 * DAY_MS; // 2024-03-18 00:00 UTC
const buy = (symbol: string, quantity: number) =>
  testOrder({ symbol, side: 'buy', type: 'market', quantity });
const sell = (symbol: string, quantity: number) =>
  testOrder({ symbol, side: 'sell', type: 'market', quantity });

function setup(config: RiskConfigInput) {
  const audit = new RiskAuditBuffer();
  const engine = new RiskEngine(config, { audit });
  // Cash 90,000 + 100 AAPL at 100 → equity 100,000.
  const view = new TestRiskView({
    now: DAY + 15 * 3_600_000,
    cash: 90_000,
    holdings: { AAPL: { quantity: 100, price: 100 } },
    prices: { MSFT: 50 },
  });
  return { audit, engine, view };
}

describe('RiskEngine', () => {
  it('validates its configuration', () => {
    expect(() => new RiskEngine({ leverage: { maxGross: -1 } })).toThrow(
      /risk config leverage\.maxGross "-1"/,
    );
  });

  it('runs the rules in a fixed order and returns the first denial', () => {
    const { engine, view, audit } = setup({
      lotTick: true,
      maxOrderNotional: { maxNotional: 1_000 },
      maxPosition: { maxQuantity: 5 },
    });
    expect(engine.ruleNames).toEqual(['lot-tick', 'max-order-notional', 'max-position']);
    // 1.5 shares of MSFT: wrong lot and, at 50, notional 75 (fine) → lot-tick.
    expect(engine.check(buy('MSFT', 1.5), view)).toMatchObject({ allowed: false, rule: 'lot-tick' });
    // 100 shares: whole lots, notional 5,000 > 1,000 and position 100 > 5 → max-order-notional comes first.
    const order = buy('MSFT', 100);
    expect(engine.check(order, view)).toMatchObject({ allowed: false, rule: 'max-order-notional' });
    expect(engine.check(buy('MSFT', 5), view)).toEqual({ allowed: true });
    expect(audit.drain()).toEqual([
      expect.objectContaining({ kind: 'denial', rule: 'lot-tick', purpose: 'strategy' }),
      {
        kind: 'denial',
        ts: view.now(),
        rule: 'max-order-notional',
        message: 'order notional 5000 exceeds max 1000',
        values: { quantity: 100, referencePrice: 50, notional: 5_000, maxNotional: 1_000 },
        orderId: order.id,
        clientOrderId: order.clientOrderId,
        instrumentId: 'MSFT',
        strategyId: null,
        side: 'buy',
        quantity: 100,
        purpose: 'strategy',
      },
    ]);
  });

  it('lists every rule of a full configuration in check order', () => {
    const engine = new RiskEngine({
      lotTick: true,
      priceBand: { maxDeviation: 0.1 },
      minNotional: { minNotional: 1 },
      maxOrderNotional: { maxNotional: 1 },
      orderRate: { maxOrders: 1, windowMs: 1 },
      shortSale: { shortable: [] },
      maxPosition: { maxQuantity: 1 },
      sectorConcentration: { maxEquityFraction: 1 },
      leverage: { maxGross: 1 },
      dailyLoss: { maxLossFraction: 0.1 },
      drawdown: { maxDrawdown: 0.1 },
      correlation: { maxCorrelation: 0.9 },
      portfolioVar: { maxVarFraction: 0.1 },
    });
    expect(engine.ruleNames).toEqual([
      'lot-tick',
      'price-band',
      'min-notional',
      'max-order-notional',
      'order-rate',
      'short-sale',
      'max-position',
      'sector-concentration',
      'leverage',
      'daily-loss',
      'max-drawdown',
      'correlation',
      'portfolio-var',
    ]);
  });

  it('counts only accepted orders against the order rate', () => {
    const { engine, view } = setup({
      maxOrderNotional: { maxNotional: 1_000 },
      orderRate: { maxOrders: 1, windowMs: 60_000 },
    });
    expect(engine.check(buy('MSFT', 100), view).allowed).toBe(false); // denied by notional: not counted
    expect(engine.check(buy('MSFT', 1), view).allowed).toBe(true);
    expect(engine.check(buy('MSFT', 1), view)).toMatchObject({ allowed: false, rule: 'order-rate' });
  });

  it('moves to the configured state when a daily loss breach begins, once', () => {
    const { engine, audit } = setup({ dailyLoss: { maxLossFraction: 0.02, onBreach: 'reducing' } });
    expect(engine.observe(100_000, DAY + 1_000)).toEqual({ transitions: [], violations: [] });
    // 100,000 → 97,000: 3% > 2%.
    const result = engine.observe(97_000, DAY + 2_000);
    expect(result.violations).toEqual([
      {
        rule: 'daily-loss',
        key: 'daily-loss',
        message: 'daily loss 3.00% (3000) exceeds max 2.00% of start-of-day equity 100000',
        values: {
          loss: 3_000,
          lossFraction: 0.03,
          startOfDayEquity: 100_000,
          equity: 97_000,
          maxLossFraction: 0.02,
        },
        instrumentId: null,
      },
    ]);
    expect(result.transitions).toEqual([
      {
        from: 'active',
        to: 'reducing',
        cause: 'breach',
        rule: 'daily-loss',
        operator: null,
        reason: 'daily loss 3.00% (3000) exceeds max 2.00% of start-of-day equity 100000',
        ts: DAY + 2_000,
      },
    ]);
    expect(engine.state).toBe('reducing');
    expect(engine.observe(96_000, DAY + 3_000)).toEqual({ transitions: [], violations: [] }); // still the same breach
    expect(audit.drain().map((e) => e.kind)).toEqual(['violation', 'transition']);
    // The next day starts from 96,000; the state stays reducing until an operator resumes.
    expect(engine.observe(96_000, DAY + DAY_MS + 1_000)).toEqual({ transitions: [], violations: [] });
    expect(engine.state).toBe('reducing');
  });

  it('in reducing lets only exposure-reducing orders pass', () => {
    const { engine, view } = setup({ dailyLoss: { maxLossAmount: 1_000, onBreach: 'reducing' } });
    engine.observe(100_000, DAY);
    engine.observe(98_000, DAY + 1);
    expect(engine.check(buy('AAPL', 1), view)).toEqual({
      allowed: false,
      rule: 'trading-state',
      message:
        'trading is reducing: only orders that reduce exposure may pass; this one takes the position in AAPL from 100 to 101',
      values: { state: 'reducing', positionBefore: 100, positionAfter: 101 },
    });
    expect(engine.check(sell('AAPL', 100), view).allowed).toBe(true);
    expect(engine.check(sell('AAPL', 101), view).allowed).toBe(false);
  });

  it('halts on a drawdown breach and lets nothing but kill-switch orders pass', () => {
    const { engine, view } = setup({
      drawdown: { maxDrawdown: 0.1 },
      dailyLoss: { maxLossFraction: 0.5, onBreach: 'none' },
    });
    engine.observe(120_000, DAY);
    expect(engine.observe(100_000, DAY + 1).transitions[0]).toMatchObject({
      to: 'halted',
      rule: 'max-drawdown',
    }); // 16.7%
    expect(engine.check(sell('AAPL', 10), view)).toMatchObject({ allowed: false, rule: 'trading-state' });
    expect(engine.check(sell('AAPL', 100), view, { purpose: 'kill-switch' })).toEqual({ allowed: true });
    expect(engine.check(sell('AAPL', 101), view, { purpose: 'kill-switch' })).toMatchObject({
      allowed: false,
      rule: 'kill-switch',
      message: 'kill-switch order sell 101 AAPL does not reduce the position 100',
    });
  });

  it('records a breach without a transition when onBreach is none', () => {
    const { engine, audit } = setup({ dailyLoss: { maxLossAmount: 10, onBreach: 'none' } });
    engine.observe(100, DAY);
    expect(engine.observe(50, DAY + 1)).toMatchObject({
      transitions: [],
      violations: [{ rule: 'daily-loss' }],
    });
    expect(engine.state).toBe('active');
    expect(audit.drain().map((e) => e.kind)).toEqual(['violation']);
  });

  it('engages the kill switch: halted, a plan, and an audit trail; resumes only by an operator', () => {
    const { engine, view, audit } = setup({});
    const working = { ...buy('MSFT', 10), status: 'accepted' as const };
    view.orders = [working];
    const plan = engine.engageKillSwitch(
      { flatten: true, operator: 'alice', reason: 'exchange outage' },
      view,
    );
    expect(plan).toEqual({
      cancel: [working.id],
      flatten: [{ instrumentId: 'AAPL', side: 'sell', quantity: 100 }],
    });
    expect(engine.state).toBe('halted');
    // The flatten order passes although the open buy is still working (it is being canceled).
    expect(engine.check(sell('AAPL', 100), view, { purpose: 'kill-switch' }).allowed).toBe(true);
    expect(engine.check(buy('MSFT', 1), view)).toMatchObject({ allowed: false, rule: 'trading-state' });
    expect(() => engine.resume('alice', '', view.now())).toThrow(/reason "" must be a non-empty explanation/);
    expect(engine.resume('bob', 'venue back up', view.now() + 1)).toMatchObject({
      from: 'halted',
      to: 'active',
      operator: 'bob',
    });
    expect(engine.resume('bob', 'again', view.now() + 2)).toBeNull();
    expect(audit.drain()).toEqual([
      {
        kind: 'kill-switch',
        ts: view.now(),
        operator: 'alice',
        reason: 'exchange outage',
        flatten: true,
        cancel: [working.id],
        flattenOrders: [{ instrumentId: 'AAPL', side: 'sell', quantity: 100 }],
      },
      {
        kind: 'transition',
        from: 'active',
        to: 'halted',
        cause: 'kill-switch',
        rule: null,
        operator: 'alice',
        reason: 'exchange outage',
        ts: view.now(),
      },
      expect.objectContaining({ kind: 'denial', rule: 'trading-state' }),
      {
        kind: 'transition',
        from: 'halted',
        to: 'active',
        cause: 'operator',
        rule: null,
        operator: 'bob',
        reason: 'venue back up',
        ts: view.now() + 1,
      },
    ]);
    expect(() => engine.engageKillSwitch({ flatten: false, operator: '', reason: 'x' }, view)).toThrow(
      /operator/,
    );
  });

  it('monitors limits, audits breaches once, and proposes reductions that pass the check', () => {
    const { engine, view, audit } = setup({ maxPosition: { maxNotional: 6_000 }, autoReduce: true });
    const first = engine.evaluate(view);
    expect(first.violations.map((v) => v.key)).toEqual(['max-position:AAPL']); // 100 × 100 = 10,000 > 6,000
    expect(first.reduceOrders).toEqual([
      { instrumentId: 'AAPL', side: 'sell', quantity: 40, rule: 'max-position' },
    ]);
    expect(engine.evaluate(view).started).toEqual([]);
    expect(audit.drain()).toEqual([
      expect.objectContaining({ kind: 'violation', key: 'max-position:AAPL', ts: view.now() }),
    ]);
    expect(engine.check(sell('AAPL', 40), view, { purpose: 'auto-reduce' }).allowed).toBe(true);
    // Halted: nothing would pass, so nothing is proposed.
    engine.engageKillSwitch({ flatten: false, operator: 'ops', reason: 'test' }, view);
    expect(engine.evaluate(view).reduceOrders).toEqual([]);
  });

  it('proposes no reductions when autoReduce is off', () => {
    const { engine, view } = setup({ maxPosition: { maxNotional: 6_000 } });
    expect(engine.evaluate(view)).toMatchObject({ reduceOrders: [], violations: [{ rule: 'max-position' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { planReductions } from './auto-reduce.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { parseRiskConfig, type RiskConfigInput } from './risk-config.js';
import { TestRiskView, testOrder } from './risk-view.fixture.js';

function plan(v: TestRiskView, config: RiskConfigInput) {
  const snapshot = new PortfolioSnapshot();
  snapshot.refresh(v);
  return planReductions(v, snapshot, parseRiskConfig(config));
}

// Cash 50,000; AAPL 300 × 100 = 30,000; MSFT 125 × 200 = 25,000 (lots of 10); XOM 100 × 50 = 5,000.
// Equity 110,000, gross 60,000.
const view = () =>
  new TestRiskView({
    cash: 50_000,
    holdings: {
      AAPL: { quantity: 300, price: 100 },
      MSFT: { quantity: 125, price: 200 },
      XOM: { quantity: 100, price: 50 },
    },
    instruments: [{ symbol: 'MSFT', lotSize: 10 }],
  });

describe('planReductions', () => {
  it('cuts each position to its limit, largest excess first, in whole lots', () => {
    // AAPL excess 10,000 → 100 shares; MSFT excess 5,000 → 25 shares → 3 lots of 10 = 30.
    expect(plan(view(), { maxPosition: { maxNotional: 20_000 } })).toEqual([
      { instrumentId: 'AAPL', side: 'sell', quantity: 100, rule: 'max-position' },
      { instrumentId: 'MSFT', side: 'sell', quantity: 30, rule: 'max-position' },
    ]);
  });

  it('buys back a short above its limit', () => {
    const v = new TestRiskView({ cash: 80_000, holdings: { TSLA: { quantity: -300, price: 100 } } });
    expect(plan(v, { maxPosition: { maxNotional: 20_000 } })).toEqual([
      { instrumentId: 'TSLA', side: 'buy', quantity: 100, rule: 'max-position' },
    ]);
  });

  it('counts open reducing orders as done', () => {
    const v = view();
    v.orders = [
      { ...testOrder({ symbol: 'AAPL', side: 'sell', type: 'market', quantity: 60 }), status: 'accepted' },
    ];
    // AAPL's excess is now 4,000, below MSFT's 5,000: MSFT comes first.
    expect(plan(v, { maxPosition: { maxNotional: 20_000 } })).toContainEqual({
      instrumentId: 'AAPL',
      side: 'sell',
      quantity: 40, // 300 − 60 = 240 left; 240 − 200 = 40
      rule: 'max-position',
    });
  });

  it('cuts the largest positions first to bring gross leverage down, seeing earlier cuts', () => {
    // After the position cuts: AAPL 20,000 + MSFT 95 × 200 = 19,000 + XOM 5,000 = 44,000 gross.
    // maxGross 0.35 × 110,000 = 38,500 → 5,500 more from the largest (AAPL, 55 shares): AAPL 155 in all.
    expect(plan(view(), { maxPosition: { maxNotional: 20_000 }, leverage: { maxGross: 0.35 } })).toEqual([
      { instrumentId: 'AAPL', side: 'sell', quantity: 155, rule: 'max-position' },
      { instrumentId: 'MSFT', side: 'sell', quantity: 30, rule: 'max-position' },
    ]);
  });

  it('closes whole positions when the excess needs it', () => {
    // Cash −50,000; A 600 × 100, B 400 × 100, C −100 × 100 → equity 40,000, gross 110,000, max 40,000:
    // excess 70,000 = all of A (60,000) then 100 B (10,000).
    const v = new TestRiskView({
      cash: -50_000,
      holdings: {
        A: { quantity: 600, price: 100 },
        B: { quantity: 400, price: 100 },
        C: { quantity: -100, price: 100 },
      },
    });
    expect(plan(v, { leverage: { maxGross: 1 } })).toEqual([
      { instrumentId: 'A', side: 'sell', quantity: 600, rule: 'max-gross-leverage' },
      { instrumentId: 'B', side: 'sell', quantity: 100, rule: 'max-gross-leverage' },
    ]);
  });

  it('cuts the dominant side to bring net leverage down', () => {
    // A 100 × 100, B 50 × 100, C −20 × 100, cash 0 → equity 13,000 = net; max 0.5 → 6,500 excess from A.
    const v = new TestRiskView({
      cash: 0,
      holdings: {
        A: { quantity: 100, price: 100 },
        B: { quantity: 50, price: 100 },
        C: { quantity: -20, price: 100 },
      },
    });
    expect(plan(v, { leverage: { maxNet: 0.5 } })).toEqual([
      { instrumentId: 'A', side: 'sell', quantity: 65, rule: 'max-net-leverage' },
    ]);
  });

  it('cuts the largest positions of a concentrated sector', () => {
    // Technology 30,000 of equity 90,000, limit 30% = 27,000 → 3,000 from A (30 shares).
    const v = new TestRiskView({
      cash: 50_000,
      holdings: {
        A: { quantity: 200, price: 100 },
        B: { quantity: 100, price: 100 },
        C: { quantity: 100, price: 100 },
      },
      instruments: [
        { symbol: 'A', sector: 'Technology' },
        { symbol: 'B', sector: 'Technology' },
        { symbol: 'C', sector: 'Energy' },
      ],
    });
    expect(plan(v, { sectorConcentration: { maxEquityFraction: 0.3 } })).toEqual([
      { instrumentId: 'A', side: 'sell', quantity: 30, rule: 'sector-concentration' },
    ]);
  });

  it('proposes nothing within limits', () => {
    expect(plan(view(), { maxPosition: { maxNotional: 1e6 }, leverage: { maxGross: 2, maxNet: 2 } })).toEqual(
      [],
    );
  });
});

import { describe, expect, it } from 'vitest';
import { alternating, closesFromReturns } from './history.fixture.js';
import { LimitMonitor } from './limit-monitor.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { PortfolioVarRule } from './portfolio-var-rule.js';
import { ReturnCovariance } from './return-covariance.js';
import { parseRiskConfig } from './risk-config.js';
import { TestRiskView } from './risk-view.fixture.js';

// Cash 20,000; AAPL 600 × 100 = 60,000 and MSFT 100 × 200 = 20,000 (Technology); XOM −100 × 50 = −5,000
// (Energy). Equity 95,000; gross 85,000 (0.895); net 75,000 (0.789).
const view = () =>
  new TestRiskView({
    cash: 20_000,
    holdings: {
      AAPL: { quantity: 600, price: 100 },
      MSFT: { quantity: 100, price: 200 },
      XOM: { quantity: -100, price: 50 },
    },
    instruments: [
      { symbol: 'AAPL', sector: 'Technology' },
      { symbol: 'MSFT', sector: 'Technology' },
      { symbol: 'XOM', sector: 'Energy' },
    ],
  });
const config = parseRiskConfig({
  maxPosition: { maxQuantity: 500, maxEquityFraction: 0.2 }, // 19,000 of notional
  leverage: { maxGross: 1, maxNet: 0.5 },
  sectorConcentration: { maxEquityFraction: 0.3 }, // 28,500
});
function evaluate(monitor: LimitMonitor, v: TestRiskView) {
  const snapshot = new PortfolioSnapshot();
  snapshot.refresh(v);
  return monitor.evaluate(v, snapshot);
}

describe('LimitMonitor', () => {
  it('reports every limit the market pushed the portfolio over', () => {
    const { violations } = evaluate(new LimitMonitor(config, null), view());
    expect(violations.map((v) => [v.key, v.message])).toEqual([
      ['max-position:AAPL', 'position 600 in AAPL exceeds max quantity 500'],
      ['max-position:MSFT', 'position notional 20000 in MSFT exceeds max 19000'],
      [
        'sector-concentration:Technology',
        'sector Technology exposure 80000 exceeds max 28500 (30.00% of equity)',
      ],
      ['max-net-leverage', 'net leverage 0.789474 exceeds max 0.5'],
    ]);
    expect(violations[0]?.instrumentId).toBe('AAPL');
  });

  it('reports a breach as started once, and again after it cleared', () => {
    const monitor = new LimitMonitor(config, null);
    const v = view();
    expect(evaluate(monitor, v).started).toHaveLength(4);
    expect(evaluate(monitor, v).started).toEqual([]);
    // Sell 450 AAPL at 100: cash 65,000, AAPL 15,000, equity still 95,000: within every position limit.
    v.hold('AAPL', { quantity: 150, price: 100 });
    v.cash = 65_000;
    expect(evaluate(monitor, v).violations.map((x) => x.key)).toEqual([
      'max-position:MSFT',
      'sector-concentration:Technology',
    ]);
    v.hold('AAPL', { quantity: 600, price: 100 });
    v.cash = 20_000;
    // AAPL's position breach and the net leverage breach (30,000 / 95,000 had cleared it) start again.
    expect(evaluate(monitor, v).started.map((x) => x.key)).toEqual(['max-position:AAPL', 'max-net-leverage']);
  });

  it('reports gross leverage, and any exposure with equity at or below zero', () => {
    const tight = parseRiskConfig({ leverage: { maxGross: 0.5 } });
    expect(evaluate(new LimitMonitor(tight, null), view()).violations[0]?.values).toEqual({
      grossLeverage: 85_000 / 95_000,
      maxGross: 0.5,
      grossExposure: 85_000,
      equity: 95_000,
    });
    const broke = new TestRiskView({ cash: -10_000, holdings: { AAPL: { quantity: 50, price: 100 } } });
    expect(evaluate(new LimitMonitor(tight, null), broke).violations[0]?.message).toBe(
      'equity -5000 is not positive with gross exposure 5000',
    );
    expect(evaluate(new LimitMonitor(tight, null), new TestRiskView({ cash: -1 })).violations).toEqual([]);
  });

  it('reports portfolio VaR above its limit', () => {
    // 100 A with ±1% returns: VaR = 1.6449 × 100 p × 0.01 √(4/3) ≈ 190 > 0.1% of equity ≈ 100.
    const closes = closesFromReturns(100, alternating(0.01, 4));
    const v = new TestRiskView({
      cash: 90_000,
      holdings: { A: { quantity: 100, price: closes[4] as number } },
      closes: { A: closes },
    });
    const varConfig = parseRiskConfig({
      portfolioVar: { maxVarFraction: 0.001 },
      history: { lookback: 10, minObservations: 2 },
    });
    const rule = new PortfolioVarRule(
      { confidence: 0.95, maxVarFraction: 0.001, insufficientHistory: 'allow' },
      new ReturnCovariance(varConfig.history),
    );
    const [violation] = evaluate(new LimitMonitor(varConfig, rule), v).violations;
    expect(violation?.key).toBe('portfolio-var');
    expect(violation?.values.var).toBeCloseTo(
      1.6448536269514722 * 100 * (closes[4] as number) * 0.01 * Math.sqrt(4 / 3),
      8,
    );
  });
});

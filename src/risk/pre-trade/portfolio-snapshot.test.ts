import { describe, expect, it } from 'vitest';
import { instrumentId } from '../../core/ids.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import { TestRiskView } from './risk-view.fixture.js';

const view = () =>
  new TestRiskView({
    cash: 10_000,
    holdings: {
      AAPL: { quantity: 100, price: 150 },
      MSFT: { quantity: -20, price: 300 },
      XOM: { quantity: 0, price: 100 },
    },
    instruments: [
      { symbol: 'AAPL', sector: 'Technology' },
      { symbol: 'MSFT', sector: 'Technology' },
    ],
  });

describe('PortfolioSnapshot', () => {
  it('sums gross, net and sector exposure over held positions', () => {
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(view());
    // gross = 100 × 150 + 20 × 300 = 21,000; net = 15,000 − 6,000 = 9,000; equity = 10,000 + 9,000.
    expect(snapshot).toMatchObject({
      count: 2,
      grossExposure: 21_000,
      netExposure: 9_000,
      equity: 19_000,
      cash: 10_000,
    });
    expect(snapshot.sectorExposure('Technology')).toBe(21_000);
    expect(snapshot.quantityOf(instrumentId('MSFT'))).toBe(-20);
    expect(snapshot.quantityOf(instrumentId('XOM'))).toBe(0); // flat positions are not held
    expect(snapshot.slotOf(instrumentId('XOM'))).toBe(-1);
  });

  it('rebuilds only when the view changed', () => {
    const v = view();
    const snapshot = new PortfolioSnapshot();
    expect(snapshot.refresh(v)).toBe(true);
    expect(snapshot.refresh(v)).toBe(false);
    v.setPrice('AAPL', 151);
    expect(snapshot.refresh(v)).toBe(true);
    expect(snapshot.grossExposure).toBe(21_100);
    v.hold('MSFT', { quantity: -10, price: 300 }); // a new position object, as after a fill
    expect(snapshot.refresh(v)).toBe(true);
    expect(snapshot.netExposure).toBe(15_100 - 3_000);
    v.time += 1; // time alone changes nothing a rule reads
    expect(snapshot.refresh(v)).toBe(false);
    expect(snapshot.version).toBe(3);
  });

  it('catches a price swap that leaves equity and gross unchanged', () => {
    // Two longs of 100: one up 1, the other down 1 → same equity and gross, different prices.
    const v = new TestRiskView({
      cash: 0,
      holdings: { A: { quantity: 100, price: 10 }, B: { quantity: 100, price: 11 } },
    });
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    v.setPrice('A', 11);
    v.setPrice('B', 10);
    expect(snapshot.refresh(v)).toBe(true);
    expect(snapshot.prices[snapshot.slotOf(instrumentId('A'))]).toBe(11);
  });

  it('values a position without a last price at its entry price', () => {
    const v = new TestRiskView({ cash: 0, holdings: { A: { quantity: 2, price: 10, averagePrice: 8 } } });
    v.clearPrice('A');
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    expect(snapshot.grossExposure).toBe(16); // 2 × 8
  });

  it('nets positions a view lists per strategy', () => {
    const v = view();
    v.addStrategyPosition('AAPL', -30);
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    expect(snapshot.quantityOf(instrumentId('AAPL'))).toBe(70); // 100 − 30
    expect(snapshot.grossExposure).toBe(70 * 150 + 20 * 300);
  });

  it('prefers configured sectors', () => {
    const snapshot = new PortfolioSnapshot(new Map([['AAPL', 'Hardware']]));
    snapshot.refresh(view());
    expect(snapshot.sectorExposure('Hardware')).toBe(15_000);
    expect(snapshot.sectorExposure('Technology')).toBe(6_000);
  });

  it('grows past its initial capacity: 40 instruments in 12 sectors', () => {
    const holdings: Record<string, { quantity: number; price: number }> = {};
    const instruments = [];
    for (let i = 0; i < 40; i++) {
      holdings[`I${i}`] = { quantity: i % 2 === 0 ? 10 : -10, price: 10 + i };
      instruments.push({ symbol: `I${i}`, sector: `Sector${i % 12}` });
    }
    const v = new TestRiskView({ cash: 0, holdings, instruments });
    const snapshot = new PortfolioSnapshot();
    snapshot.refresh(v);
    expect(snapshot.count).toBe(40);
    // Sector 3 holds I3, I15, I27, I39: 10 × (13 + 25 + 37 + 49) = 1,240 (gross).
    expect(snapshot.sectorExposure('Sector3')).toBe(1_240);
    expect(snapshot.sectors()).toHaveLength(12);
    expect(snapshot.sectorExposure('Nowhere')).toBe(0);
    // Σ |q| p = 10 × Σ (10 + i) over i < 40 = 10 × (400 + 780) = 11,800.
    expect(snapshot.grossExposure).toBe(11_800);
    expect(snapshot.quantityOf(instrumentId('I39'))).toBe(-10);
  });
});

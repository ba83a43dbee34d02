import { describe, expect, it } from 'vitest';
import { applyShockScenario } from './shock-scenario.js';

const book = [
  { symbol: 'AAPL', sector: 'tech', marketValue: 10_000 },
  { symbol: 'MSFT', sector: 'tech', marketValue: 5_000 },
  { symbol: 'XOM', sector: 'energy', marketValue: -4_000 },
  { symbol: 'GLD', marketValue: 1_000 },
];

describe('applyShockScenario', () => {
  it('applies the symbol shock, else the sector shock, else the other shock', () => {
    // AAPL −30% (symbol) → −3,000; MSFT −20% (tech) → −1,000; XOM short, energy +10% → −400;
    // GLD other +5% → +50. Total −4,350 on gross 20,000 → −0.2175.
    const result = applyShockScenario(book, {
      name: 'tech crash',
      symbolShocks: { AAPL: -0.3 },
      sectorShocks: { tech: -0.2, energy: 0.1 },
      otherShock: 0.05,
    });
    expect(result.positions.map((p) => [p.symbol, p.source, p.pnl])).toEqual([
      ['AAPL', 'symbol', -3000],
      ['MSFT', 'sector', -1000],
      ['XOM', 'sector', -400],
      ['GLD', 'other', 50],
    ]);
    expect(result.pnl).toBeCloseTo(-4350, 9);
    expect(result.pnlFraction).toBeCloseTo(-0.2175, 12);
  });

  it('leaves unlisted holdings untouched and ignores inherited keys such as "constructor"', () => {
    const result = applyShockScenario([{ symbol: 'constructor', marketValue: 100 }], {
      name: 'empty',
      symbolShocks: {},
    });
    expect(result.pnl).toBe(0);
    expect(result.positions[0]?.source).toBe('other');
  });

  it('rejects a shock below −100%', () => {
    expect(() => applyShockScenario(book, { name: 'bad', sectorShocks: { tech: -1.5 } })).toThrow(
      'scenario "bad": sector tech shock "-1.5" must be a number >= -1',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../model/timeframe.js';
import { periodsPerYearFor } from './periods-per-year.js';
import type { MarketCalendar } from './periods-per-year.js';

describe('periodsPerYearFor', () => {
  it('uses 252 sessions of 390 minutes for equities', () => {
    const expected: Record<Timeframe, number> = {
      '1m': 252 * 390,
      '5m': 252 * 78,
      '15m': 252 * 26,
      '30m': 252 * 13,
      '1h': 252 * 6.5,
      '4h': (252 * 6.5) / 4,
      '1d': 252,
      '1w': 52,
    };
    for (const [timeframe, periods] of Object.entries(expected)) {
      expect(periodsPerYearFor(timeframe as Timeframe)).toBe(periods);
    }
    expect(periodsPerYearFor('1h')).toBe(1638);
  });

  it('uses 365 days of 24 hours for crypto', () => {
    expect(periodsPerYearFor('1m', 'crypto')).toBe(525_600);
    expect(periodsPerYearFor('1h', 'crypto')).toBe(8760);
    expect(periodsPerYearFor('4h', 'crypto')).toBe(2190);
    expect(periodsPerYearFor('1d', 'crypto')).toBe(365);
    expect(periodsPerYearFor('1w', 'crypto')).toBe(52);
  });

  it('refuses an unknown calendar or timeframe', () => {
    expect(() => periodsPerYearFor('1d', 'forex' as MarketCalendar)).toThrow(
      'market calendar "forex" must be one of equity, crypto',
    );
    expect(() => periodsPerYearFor('2h' as Timeframe)).toThrow('timeframe "2h" has no annualization scale');
  });
});

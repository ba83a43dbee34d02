import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annualizationOf, momentumConfigSchema, tradedSymbols } from './config.js';

describe('momentum config', () => {
  it('fills the documented defaults', () => {
    const config = momentumConfigSchema.parse({ symbols: ['SPY'] });
    expect(config).toMatchObject({
      mode: 'time-series',
      lookback: 252,
      skip: 21,
      trendPeriod: 200,
      adxPeriod: 14,
      adxThreshold: 20,
      volatilityPeriod: 60,
      targetVolatility: 0.15,
      maxVolatilityScale: 1,
      atrPeriod: 14,
      atrMultiple: 3,
      allowShort: false,
      rebalanceEvery: 21,
      topN: 5,
      weighting: 'equal',
      rankBy: 'return',
      fractional: false,
    });
    expect(annualizationOf(config)).toBe(252);
    expect(annualizationOf({ timeframe: '1h', barsPerYear: undefined })).toBe(1638); // 252 × 6.5
    expect(annualizationOf({ timeframe: '1d', barsPerYear: 365 })).toBe(365);
  });

  it('reads a symbol list from a string (CLI) and upper-cases it; symbol alone wins', () => {
    expect(momentumConfigSchema.parse({ symbols: 'spy; qqq|iwm aapl' }).symbols).toEqual([
      'SPY',
      'QQQ',
      'IWM',
      'AAPL',
    ]);
    const single = momentumConfigSchema.parse({ symbols: ['SPY', 'QQQ'], symbol: 'msft' });
    expect(tradedSymbols(single)).toEqual(['MSFT']);
  });

  it('refuses inconsistent parameters, naming the field', () => {
    const problem = (params: Record<string, unknown>): string => {
      const result = momentumConfigSchema.safeParse({ symbols: ['SPY', 'QQQ', 'IWM'], ...params });
      if (result.success) return 'accepted';
      return `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
    };
    expect(problem({ skip: 252 })).toBe('skip: skip must be shorter than lookback');
    expect(problem({ trendPeriod: 1 })).toBe('trendPeriod: trendPeriod must be 0 (off) or >= 2');
    expect(problem({ exitThreshold: 1 })).toBe('exitThreshold: exitThreshold must not exceed entryThreshold');
    expect(problem({ quantity: 1, percentOfEquity: 50 })).toBe(
      'quantity: give quantity or percentOfEquity, not both',
    );
    expect(problem({ symbols: ['SPY', 'spy'] })).toBe('symbols: symbols must be distinct');
    expect(problem({ mode: 'cross-sectional', topN: 3 })).toMatch(
      /^topN: cross-sectional mode ranks more symbols/,
    );
    expect(problem({ mode: 'cross-sectional', topN: 1, allowShort: true })).toBe('accepted'); // 1 long + 1 short < 3
    expect(problem({ mode: 'cross-sectional', topN: 2, allowShort: true })).toMatch(/^topN:/); // 2 + 2 >= 3
    expect(problem({ mode: 'cross-sectional', topN: 2 })).toBe('accepted');
    expect(problem({ lookback: 1 })).toMatch(/^lookback:/);
    expect(problem({ speed: 3 })).toMatch(/speed|Unrecognized/);
    expect(momentumConfigSchema.safeParse({}).error?.issues[0]?.message).toBe('give symbol or symbols');
  });

  it('describes every parameter in its JSON Schema, with defaults and ranges', () => {
    const schema = z.toJSONSchema(momentumConfigSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<
        string,
        { description?: string; default?: unknown; minimum?: number; maximum?: number }
      >;
    };
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.description, name).toBeTruthy();
    }
    expect(schema.properties['lookback']).toMatchObject({ default: 252, minimum: 2, maximum: 5000 });
    expect(schema.properties['atrMultiple']).toMatchObject({ default: 3, minimum: 0, maximum: 50 });
  });
});

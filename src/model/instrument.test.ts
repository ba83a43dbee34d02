import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { createInstrument, normalizeSymbol, roundToLot, roundToTick } from './instrument.js';

describe('normalizeSymbol', () => {
  it('trims and upper-cases symbols', () => {
    expect(normalizeSymbol('  aapl ')).toBe('AAPL');
    expect(normalizeSymbol('btc/usd')).toBe('BTC/USD');
    expect(normalizeSymbol('BRK.B')).toBe('BRK.B');
  });

  it('refuses empty, too long or oddly spelled symbols, quoting the input', () => {
    expect(() => normalizeSymbol('')).toThrow(InvalidInputError);
    expect(() => normalizeSymbol('-ABC')).toThrow(/^symbol "-ABC" must be 1-32 characters/);
    expect(() => normalizeSymbol('A'.repeat(33))).toThrow(InvalidInputError);
    expect(() => normalizeSymbol('AA PL')).toThrow(InvalidInputError);
  });
});

describe('createInstrument', () => {
  it('fills in equity defaults', () => {
    expect(createInstrument({ symbol: 'msft' })).toEqual({
      id: 'MSFT',
      symbol: 'MSFT',
      assetClass: 'equity',
      tickSize: 0.01,
      lotSize: 1,
      currency: 'USD',
      sector: null,
      name: null,
    });
  });

  it('keeps given fields and upper-cases the currency', () => {
    const btc = createInstrument({
      symbol: 'BTC/USD',
      assetClass: 'crypto',
      tickSize: 0.5,
      lotSize: 0.0001,
      currency: 'usdt',
    });
    expect(btc).toMatchObject({ assetClass: 'crypto', tickSize: 0.5, lotSize: 0.0001, currency: 'USDT' });
  });

  it('refuses a tick or lot size that is not finite and > 0', () => {
    expect(() => createInstrument({ symbol: 'A', tickSize: 0 })).toThrow('tickSize "0" must be > 0');
    expect(() => createInstrument({ symbol: 'A', lotSize: -1 })).toThrow('lotSize "-1" must be > 0');
    expect(() => createInstrument({ symbol: 'A', tickSize: Number.POSITIVE_INFINITY })).toThrow(
      InvalidInputError,
    );
  });

  it('refuses a currency that is not an ISO-like code', () => {
    expect(() => createInstrument({ symbol: 'A', currency: 'dollar' })).toThrow(
      'currency "dollar" must be an ISO code',
    );
  });
});

describe('rounding', () => {
  it('rounds prices to the nearest tick without float noise', () => {
    expect(roundToTick(10.123, 0.01)).toBe(10.12);
    expect(roundToTick(10.127, 0.01)).toBe(10.13);
    expect(roundToTick(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundToTick(101.3, 0.25)).toBe(101.25);
  });

  it('rounds quantities down to whole lots, keeping the sign', () => {
    expect(roundToLot(157, 10)).toBe(150);
    expect(roundToLot(-157, 10)).toBe(-150);
    expect(roundToLot(0.3, 0.1)).toBe(0.3);
    expect(roundToLot(1.23456, 0.001)).toBe(1.234);
    expect(roundToLot(0.5, 1)).toBe(0);
  });
});

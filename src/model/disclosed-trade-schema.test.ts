import { describe, expect, it } from 'vitest';
import { compareByPublication, parseDisclosedTrade, parseDisclosedTrades } from './disclosed-trade-schema.js';
import type { DisclosedTrade } from './disclosure.types.js';

const raw = {
  filer: { name: ' Jane Doe ', cik: '42' },
  role: 'officer',
  symbol: 'brk.b',
  side: 'buy',
  quantity: 3,
  price: 400.1,
  value: 1200.3,
  transactionDate: Date.UTC(2024, 0, 2),
  publishedAt: Date.UTC(2024, 0, 3, 21),
  source: 'form4',
  accessionNumber: '0000000042-24-000001',
};

describe('parseDisclosedTrade', () => {
  it('normalises the CIK to 10 digits, the symbol to upper case and defaults the stake to unknown', () => {
    expect(parseDisclosedTrade(raw)).toEqual({
      ...raw,
      filer: { name: 'Jane Doe', cik: '0000000042' },
      symbol: 'BRK.B',
      sharesOwnedAfter: null,
    });
  });

  it('names the field, quotes the value and says what was expected', () => {
    expect(() => parseDisclosedTrade({ ...raw, filer: { name: 'x', cik: '12a' } })).toThrow(
      'disclosure filer.cik "12a": CIK must be 1 to 10 digits',
    );
    expect(() => parseDisclosedTrade({ ...raw, price: Number.POSITIVE_INFINITY }, 'row 3')).toThrow(
      'row 3 price "Infinity": price must be a finite number > 0',
    );
    expect(() => parseDisclosedTrade({ ...raw, accessionNumber: '42-1' })).toThrow(
      'accessionNumber "42-1": accession number must look like 0001234567-24-000123',
    );
    expect(() => parseDisclosedTrade({ ...raw, publishedAt: raw.transactionDate - 1 })).toThrow(
      'publishedAt must not be before transactionDate',
    );
    expect(() => parseDisclosedTrade({ ...raw, transactionDate: 1.5 })).toThrow('whole epoch ms');
    expect(() => parseDisclosedTrade({ ...raw, sharesOwnedAfter: -1 })).toThrow(
      'sharesOwnedAfter must be >= 0',
    );
    expect(() => parseDisclosedTrade('nope')).toThrow('disclosure "nope"');
  });

  it('accepts value within 0.5% of quantity x price and refuses more', () => {
    // 3 x 400.1 = 1200.3; 0.5% of 1206 is 6.03 >= 5.7
    expect(parseDisclosedTrade({ ...raw, value: 1206 }).value).toBe(1206);
    expect(() => parseDisclosedTrade({ ...raw, value: 1300 })).toThrow('value must equal quantity x price');
  });
});

describe('parseDisclosedTrades', () => {
  it('refuses a non-list and reports the index of a bad item', () => {
    expect(() => parseDisclosedTrades({})).toThrow('disclosures must be a list of disclosed trades');
    expect(() => parseDisclosedTrades([raw, { ...raw, side: 'hold' }])).toThrow('disclosures[1] side "hold"');
  });
});

describe('compareByPublication', () => {
  it('orders by publication time, then accession number, then symbol', () => {
    const a = parseDisclosedTrade(raw);
    const later: DisclosedTrade = { ...a, publishedAt: a.publishedAt + 1 };
    const otherFiling: DisclosedTrade = { ...a, accessionNumber: '0000000042-24-000002' };
    const otherSymbol: DisclosedTrade = { ...a, symbol: 'ZZZ' };
    expect([later, otherSymbol, otherFiling, a].sort(compareByPublication)).toEqual([
      a,
      otherSymbol,
      otherFiling,
      later,
    ]);
    expect(compareByPublication(a, { ...a })).toBe(0);
  });
});

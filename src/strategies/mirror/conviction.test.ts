import { describe, expect, it } from 'vitest';
import type { DisclosedTrade } from '../../model/disclosure.types.js';
import { ClusterWindow } from './cluster-window.js';
import { conviction, stakeShare } from './conviction.js';

const trade = (overrides: Partial<DisclosedTrade>): DisclosedTrade => ({
  filer: { name: 'A', cik: '0000000001' },
  role: 'officer',
  symbol: 'AAA',
  side: 'buy',
  quantity: 1000,
  price: 10,
  value: 10_000,
  transactionDate: 0,
  publishedAt: 0,
  source: 'form4',
  accessionNumber: '0000000001-24-000001',
  sharesOwnedAfter: null,
  ...overrides,
});

const parameters = { valueScale: 10_000, clusterWeight: 0.5, maxConviction: 3 };

describe('stakeShare', () => {
  it('is the bought quantity over the stake after a buy', () => {
    expect(stakeShare(trade({ quantity: 1000, sharesOwnedAfter: 4000 }))).toBe(0.25); // 1000 / 4000
    expect(stakeShare(trade({ quantity: 1000, sharesOwnedAfter: 1000 }))).toBe(1); // a new position
  });

  it('is the sold quantity over the stake before a sale', () => {
    expect(stakeShare(trade({ side: 'sell', quantity: 1000, sharesOwnedAfter: 3000 }))).toBe(0.25); // 1000 / 4000
    expect(stakeShare(trade({ side: 'sell', quantity: 1000, sharesOwnedAfter: 0 }))).toBe(1); // sold out
  });

  it('is 0 when the stake is unknown or empty', () => {
    expect(stakeShare(trade({ sharesOwnedAfter: null }))).toBe(0);
    expect(stakeShare(trade({ sharesOwnedAfter: 0 }))).toBe(0);
  });
});

describe('conviction', () => {
  it('multiplies the size, stake and cluster factors', () => {
    // sqrt(40,000 / 10,000) = 2; stake 1000 / 4000 = 0.25 -> 1.25; 2 filers -> 1 + 0.5 = 1.5; 2 x 1.25 x 1.5 = 3.75 -> capped 3
    const t = trade({ value: 40_000, quantity: 4000, sharesOwnedAfter: 16_000 });
    expect(conviction(t, 1, parameters)).toBeCloseTo(2.5, 12); // 2 x 1.25 x 1
    expect(conviction(t, 2, parameters)).toBe(3); // 3.75 capped
    expect(conviction(trade({ value: 2_500 }), 1, parameters)).toBeCloseTo(0.5, 12); // sqrt(0.25)
  });
});

describe('ClusterWindow', () => {
  it('counts distinct filers within the window, the new one included', () => {
    const window = new ClusterWindow(10);
    expect(window.add('a', 0)).toBe(1);
    expect(window.add('a', 5)).toBe(1); // the same filer twice
    expect(window.add('b', 10)).toBe(2); // 0 is still inside [0, 10]
    expect(window.add('c', 16)).toBe(2); // a@0 and a@5 expired: b, c
    expect(window.add('d', 100)).toBe(1);
  });

  it('keeps counting right after compacting a long history', () => {
    const window = new ClusterWindow(1);
    for (let t = 0; t < 500; t++) expect(window.add(`f${t % 3}`, t * 10)).toBe(1);
    expect(window.add('x', 4990)).toBe(2);
  });
});

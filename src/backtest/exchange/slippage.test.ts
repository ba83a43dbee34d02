import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import {
  fixedBpsSlippage,
  noSlippage,
  percentSlippage,
  squareRootImpactSlippage,
  volumeShareSlippage,
  type SlippageInput,
} from './slippage.js';
import { bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

const buy: SlippageInput = { side: 'buy', price: 100, quantity: 100, barVolume: 10_000 };
const sell: SlippageInput = { ...buy, side: 'sell' };

describe('slippage models', () => {
  it('worsens the price by a fixed number of basis points, against the taker', () => {
    expect(fixedBpsSlippage(10).slippedPrice(buy)).toBeCloseTo(100.1, 12);
    expect(fixedBpsSlippage(10).slippedPrice(sell)).toBeCloseTo(99.9, 12);
    expect(noSlippage.slippedPrice(buy)).toBe(100);
  });

  it('worsens the price by a percentage', () => {
    expect(percentSlippage(1).slippedPrice(buy)).toBeCloseTo(101, 12);
    expect(percentSlippage(1).slippedPrice(sell)).toBeCloseTo(99, 12);
  });

  it('volume share: impact × share² (share 0.01 → 0.1 × 0.0001)', () => {
    expect(volumeShareSlippage().slippedPrice(buy)).toBeCloseTo(100 * (1 + 0.1 * 0.0001), 12);
    expect(volumeShareSlippage(0.2).slippedPrice({ ...sell, barVolume: 0 })).toBeCloseTo(80, 12);
  });

  it('square root: coefficient × sqrt(quantity / volume)', () => {
    // sqrt(100 / 10_000) = 0.1 → 0.05 × 0.1 = 0.5%.
    expect(squareRootImpactSlippage(0.05).slippedPrice(buy)).toBeCloseTo(100.5, 12);
    expect(squareRootImpactSlippage(0.05).slippedPrice(sell)).toBeCloseTo(99.5, 12);
  });

  it('refuses negative coefficients', () => {
    expect(() => fixedBpsSlippage(-1)).toThrow(InvalidInputError);
    expect(() => percentSlippage(-1)).toThrow('slippage percent "-1" must be a finite number >= 0');
    expect(() => volumeShareSlippage(-1)).toThrow(InvalidInputError);
    expect(() => squareRootImpactSlippage(Number.NaN)).toThrow(InvalidInputError);
  });
});

describe('SimulatedExchange slippage', () => {
  it('slips a market buy and records the cost against the reference price', () => {
    const { exchange, fills } = makeExchange({ slippage: fixedBpsSlippage(10) });
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100 }));
    expect(fills()[0]?.price).toBeCloseTo(100.1, 12);
    expect(exchange.fillReports[0]).toMatchObject({ referencePrice: 100, liquidity: 'taker' });
    expect(exchange.fillReports[0]?.slippageCost).toBeCloseTo(10, 9);
  });

  it('clamps slippage to the bar range', () => {
    const { exchange, fills } = makeExchange({ slippage: percentSlippage(5) });
    exchange.submit(makeOrder({ type: 'market', side: 'sell' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 98, c: 100 }));
    expect(fills()).toMatchObject([{ price: 98 }]);
    expect(exchange.fillReports[0]?.slippageCost).toBe(200);
  });

  it('never slips a taker limit fill through its limit', () => {
    const { exchange, fills } = makeExchange({ slippage: percentSlippage(5) });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99 }), closeOf(0));
    exchange.processBar(bar(1, { o: 97, h: 102, l: 96, c: 100 }));
    expect(fills()).toMatchObject([{ price: 99, liquidity: 'taker' }]);
  });

  it('leaves maker fills unslipped', () => {
    const { exchange, fills } = makeExchange({ slippage: percentSlippage(5) });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 98, c: 100 }));
    expect(fills()).toMatchObject([{ price: 99, liquidity: 'maker' }]);
    expect(exchange.fillReports[0]?.slippageCost).toBe(0);
  });

  it('slips by the square-root impact of the fill against the bar volume', () => {
    const { exchange, fills } = makeExchange({ slippage: squareRootImpactSlippage(0.1) });
    exchange.submit(makeOrder({ type: 'market', quantity: 400 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 103, l: 99, c: 100, v: 40_000 }));
    // sqrt(400 / 40_000) = 0.1 → 1% → 101.
    expect(fills()[0]?.price).toBeCloseTo(101, 12);
  });
});

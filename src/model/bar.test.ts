import { describe, expect, it } from 'vitest';
import { instrumentId } from '../core/ids.js';
import { midPrice, type Quote } from './bar.js';

describe('midPrice', () => {
  it('is the average of bid and ask', () => {
    const quote: Quote = {
      instrumentId: instrumentId('AAPL'),
      tsEvent: 1,
      tsInit: 2,
      bidPrice: 99.5,
      askPrice: 100.25,
      bidSize: 300,
      askSize: 200,
    };
    expect(midPrice(quote)).toBe(99.875);
  });
});

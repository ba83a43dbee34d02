import { describe, expect, it } from 'vitest';
import { AAA, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

/** Golden scenarios, next-open timing: each order is decided on bar 0 and submitted at its close. */
describe('SimulatedExchange order types', () => {
  it('fills a market order at the next bar open, never on the decision bar', () => {
    const { exchange, fills, types } = makeExchange();
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    expect(types()).toEqual(['OrderAccepted']);
    exchange.processBar(bar(1, { o: 101, h: 102, l: 100, c: 101.5 }));
    expect(fills()).toMatchObject([
      { price: 101, quantity: 100, liquidity: 'taker', tsEvent: bar(1, { o: 1, h: 1, l: 1, c: 1 }).tsEvent },
    ]);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('fills a limit buy where the path reaches the limit, as maker', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99 }), closeOf(0));
    // high is nearer: 100 → 101 → 98 → 100; the limit is touched on the way down.
    exchange.processBar(bar(1, { o: 100, h: 101, l: 98, c: 100 }));
    expect(fills()).toMatchObject([{ price: 99, liquidity: 'maker', tsEvent: closeOf(1) }]);
  });

  it('fills a limit buy at the open when the open is already through the limit, as taker on arrival', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99 }), closeOf(0));
    exchange.processBar(bar(1, { o: 97, h: 98, l: 96, c: 97 }));
    expect(fills()).toMatchObject([{ price: 97, liquidity: 'taker' }]);
  });

  it('counts a resting limit filled at a later open gap as maker', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', side: 'sell', limitPrice: 105 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    expect(fills()).toEqual([]);
    exchange.processBar(bar(2, { o: 106, h: 107, l: 105.5, c: 106 }));
    expect(fills()).toMatchObject([{ price: 106, liquidity: 'maker' }]);
  });

  it('fills a stop buy at the stop when the path rises through it', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop', stopPrice: 102 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 103, l: 99, c: 101 }));
    expect(fills()).toMatchObject([{ price: 102, liquidity: 'taker' }]);
  });

  it('fills a stop buy that gaps through at the open, not at the stop', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop', stopPrice: 102 }), closeOf(0));
    exchange.processBar(bar(1, { o: 104, h: 105, l: 103, c: 104 }));
    expect(fills()).toMatchObject([{ price: 104 }]);
  });

  it('fills a stop sell that gaps down at the open', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop', side: 'sell', stopPrice: 95 }), closeOf(0));
    exchange.processBar(bar(1, { o: 93, h: 96, l: 92, c: 95 }));
    expect(fills()).toMatchObject([{ price: 93, side: 'sell' }]);
  });

  it('fills a stop_limit at the trigger when the trigger price is within the limit', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop_limit', stopPrice: 102, limitPrice: 102.5 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    expect(fills()).toMatchObject([{ price: 102, liquidity: 'taker' }]);
  });

  it('triggers a stop_limit on a gap above its limit and fills when the path comes back to the limit', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop_limit', stopPrice: 102, limitPrice: 102.5 }), closeOf(0));
    // high nearer: 104 → 105 → 102 → 103.
    exchange.processBar(bar(1, { o: 104, h: 105, l: 102, c: 103 }));
    expect(fills()).toMatchObject([{ price: 102.5, liquidity: 'maker' }]);
  });

  it('keeps a triggered stop_limit working until a later bar reaches its limit', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'stop_limit', stopPrice: 102, limitPrice: 102.5 }), closeOf(0));
    exchange.processBar(bar(1, { o: 104, h: 105, l: 103, c: 104 }));
    expect(fills()).toEqual([]);
    // Below the stop now, but the order has triggered: it is a limit order.
    exchange.processBar(bar(2, { o: 101, h: 101.5, l: 100, c: 101 }));
    expect(fills()).toMatchObject([{ price: 101, liquidity: 'maker' }]);
  });

  it('trails a sell stop behind the highest price along the path (trailPrice)', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'trailing_stop', side: 'sell', trailPrice: 2 }), closeOf(0));
    // 100 → 99 → 105 → 104: the mark rises to 105, the stop to 103, not touched.
    exchange.processBar(bar(1, { o: 100, h: 105, l: 99, c: 104 }));
    expect(fills()).toEqual([]);
    // 104 → 104.5 → 100 → 101: the stop at 103 is touched on the way down.
    exchange.processBar(bar(2, { o: 104, h: 104.5, l: 100, c: 101 }));
    expect(fills()).toMatchObject([{ price: 103, side: 'sell' }]);
  });

  it('fills a trailing stop at the open when the bar gaps through the trailed level', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'trailing_stop', side: 'sell', trailPrice: 2 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 105, l: 99, c: 104 }));
    exchange.processBar(bar(2, { o: 101, h: 102, l: 100, c: 101 }));
    expect(fills()).toMatchObject([{ price: 101 }]);
  });

  it('trails a buy stop above the lowest price by a percentage (trailPercent)', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'trailing_stop', side: 'buy', trailPercent: 10 }), closeOf(0));
    // 100 → 101 → 90 → 95: mark 90, level 99; the rise to 95 does not reach it.
    exchange.processBar(bar(1, { o: 100, h: 101, l: 90, c: 95 }));
    expect(fills()).toEqual([]);
    // 95 → 94 → 100 → 98: mark 90 stays (94 > 90); 99 is touched on the rise.
    exchange.processBar(bar(2, { o: 95, h: 100, l: 94, c: 98 }));
    expect(fills()).toMatchObject([{ side: 'buy' }]);
    expect(fills()[0]?.price).toBeCloseTo(99, 12);
  });

  it('keeps an unreached order working across bars', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 90, timeInForce: 'gtc' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 95, c: 100 }));
    expect(fills()).toEqual([]);
    expect(exchange.openOrders(AAA).map((order) => order.status)).toEqual(['accepted']);
  });
});

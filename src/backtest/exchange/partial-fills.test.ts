import { describe, expect, it } from 'vitest';
import { orderId } from '../../core/ids.js';
import { createInstrument } from '../../model/instrument.js';
import { AAA, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

describe('SimulatedExchange partial fills', () => {
  it('takes at most maxParticipation of each bar volume and keeps the remainder working', () => {
    const { exchange, filled } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    for (let index = 1; index <= 5; index += 1) {
      exchange.processBar(
        bar(index, { o: 100 + index, h: 101 + index, l: 99 + index, c: 100 + index, v: 300 }),
      );
    }
    expect(filled().map((event) => [event.fill.quantity, event.fill.price, event.status])).toEqual([
      [30, 101, 'partially_filled'],
      [30, 102, 'partially_filled'],
      [30, 103, 'partially_filled'],
      [10, 104, 'filled'],
    ]);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('rounds the participation cap down to whole lots of a known instrument', () => {
    const instruments = new Map([[AAA, createInstrument({ symbol: 'AAA', lotSize: 10 })]]);
    const { exchange, fills } = makeExchange({ maxParticipation: 0.1, instruments });
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 250 }));
    expect(fills()).toMatchObject([{ quantity: 20 }]);
  });

  it('does not fill on a bar without volume under a participation cap', () => {
    const { exchange, fills } = makeExchange({ maxParticipation: 0.5 });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 101 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 0 }));
    expect(fills()).toEqual([]);
    exchange.processBar(bar(2, { o: 100, h: 101, l: 99, c: 100, v: 1000 }));
    expect(fills()).toMatchObject([{ quantity: 100, price: 100, liquidity: 'maker' }]);
  });

  it('fills the remainder of a triggered stop as a market order at the next open', () => {
    const { exchange, fills } = makeExchange({ maxParticipation: 0.5 });
    exchange.submit(makeOrder({ type: 'stop', side: 'sell', stopPrice: 95 }), closeOf(0));
    exchange.processBar(bar(1, { o: 96, h: 96.5, l: 94, c: 94.5, v: 120 }));
    exchange.processBar(bar(2, { o: 97, h: 98, l: 96, c: 97, v: 120 }));
    expect(fills().map((fill) => [fill.quantity, fill.price])).toEqual([
      [60, 95],
      [40, 97],
    ]);
  });

  it('never fills more than the order quantity when a replace lowers it', () => {
    const { exchange, fills, events } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 101 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 600 }));
    const replaced = exchange.replace(orderId('O1'), { quantity: 70 }, closeOf(1));
    expect(replaced.ok && replaced.value.quantity).toBe(70);
    expect(events.at(-1)).toMatchObject({ type: 'OrderUpdated', quantity: 70, limitPrice: 101 });
    exchange.processBar(bar(2, { o: 100, h: 101, l: 99, c: 100, v: 600 }));
    expect(fills().map((fill) => fill.quantity)).toEqual([60, 10]);
  });
});

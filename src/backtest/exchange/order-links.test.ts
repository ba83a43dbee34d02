import { describe, expect, it } from 'vitest';
import { orderId } from '../../core/ids.js';
import type { OrderCanceled, OrderInitialized } from '../../model/events.types.js';
import { AAA, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

const bracket = {
  type: 'market',
  orderClass: 'bracket',
  takeProfitPrice: 110,
  stopLossPrice: 95,
  timeInForce: 'gtc',
} as const;

describe('SimulatedExchange order classes', () => {
  it('activates the take-profit and stop-loss legs of a bracket when its entry fills', () => {
    const { exchange, events, fills } = makeExchange();
    exchange.submit(makeOrder(bracket, 'B'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    expect(fills()).toMatchObject([{ orderId: 'B', price: 100 }]);
    const legs = events.filter((event): event is OrderInitialized => event.type === 'OrderInitialized');
    expect(legs.map((event) => event.order)).toMatchObject([
      {
        id: 'B.take-profit',
        side: 'sell',
        type: 'limit',
        limitPrice: 110,
        quantity: 100,
        parentId: 'B',
        timeInForce: 'gtc',
        reduceOnly: true,
      },
      { id: 'B.stop-loss', side: 'sell', type: 'stop', stopPrice: 95, quantity: 100, parentId: 'B' },
    ]);
    expect(exchange.openOrders(AAA).map((order) => order.id)).toEqual(['B.take-profit', 'B.stop-loss']);
    // 103 → 102 → 111 → 108: the target is reached, the stop is canceled.
    exchange.processBar(bar(2, { o: 103, h: 111, l: 102, c: 108 }));
    expect(fills().map((fill) => [fill.orderId, fill.price])).toEqual([
      ['B', 100],
      ['B.take-profit', 110],
    ]);
    const canceled = events.at(-1) as OrderCanceled;
    expect(canceled).toMatchObject({
      type: 'OrderCanceled',
      orderId: 'B.stop-loss',
      reason: 'oco: the other leg filled',
    });
    expect(exchange.openOrders()).toEqual([]);
    expect(exchange.ambiguousBars).toBe(0);
  });

  it('resolves a bar reaching both legs by the path rule and records it as ambiguous', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder(bracket, 'B'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    // 103: high 111 is 8 away, low 94 is 9 away → high first: the target fills.
    exchange.processBar(bar(2, { o: 103, h: 111, l: 94, c: 100 }));
    expect(fills().at(-1)).toMatchObject({ orderId: 'B.take-profit', price: 110 });
    expect(exchange.ambiguousBars).toBe(1);
    expect(exchange.ambiguities).toEqual([
      {
        orderIds: ['B.take-profit', 'B.stop-loss'],
        fillId: 'F2',
        ts: bar(2, { o: 1, h: 1, l: 1, c: 1 }).tsEvent,
        chosen: 'target',
        side: 'sell',
        quantity: 100,
        price: 110,
        alternativePrice: 95,
        alternativePnlChange: -1500,
      },
    ]);
  });

  it('chooses the stop when the low is nearer and reports the better alternative', () => {
    const { exchange } = makeExchange();
    exchange.submit(makeOrder(bracket, 'B'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    exchange.processBar(bar(2, { o: 100, h: 111, l: 94, c: 100 }));
    expect(exchange.ambiguities[0]).toMatchObject({
      chosen: 'stop',
      price: 95,
      alternativePrice: 110,
      alternativePnlChange: 1500,
    });
  });

  it('lets the legs of an entry filled mid-bar trade on the rest of that bar only', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(
      makeOrder(
        { type: 'limit', limitPrice: 99, orderClass: 'bracket', takeProfitPrice: 103, stopLossPrice: 97 },
        'B',
      ),
      closeOf(0),
    );
    // 100 → 98.5 → 104 → 103: entry at 99 on the way down, then the target at 103; the stop is never reached.
    exchange.processBar(bar(1, { o: 100, h: 104, l: 98.5, c: 103 }));
    expect(fills().map((fill) => [fill.orderId, fill.price, fill.liquidity])).toEqual([
      ['B', 99, 'maker'],
      ['B.take-profit', 103, 'maker'],
    ]);
    expect(exchange.ambiguousBars).toBe(0);
  });

  it('fills an oco stop that the open gaps through, without ambiguity', () => {
    const { exchange, fills, events } = makeExchange();
    const oco = makeOrder(
      {
        type: 'limit',
        side: 'sell',
        limitPrice: 110,
        orderClass: 'oco',
        takeProfitPrice: 110,
        stopLossPrice: 95,
      },
      'X',
    );
    exchange.submit(oco, closeOf(0));
    expect(events.map((event) => event.type)).toEqual(['OrderAccepted', 'OrderInitialized', 'OrderAccepted']);
    exchange.processBar(bar(1, { o: 94, h: 111, l: 93, c: 100 }));
    expect(fills()).toMatchObject([{ orderId: 'X.stop-loss', price: 94, side: 'sell' }]);
    expect((events.at(-1) as OrderCanceled).orderId).toBe('X');
    expect(exchange.ambiguousBars).toBe(0);
  });

  it('rejects an oco order whose limit is not its take-profit price', () => {
    const { exchange, events } = makeExchange();
    const oco = makeOrder(
      {
        type: 'limit',
        side: 'sell',
        limitPrice: 109,
        orderClass: 'oco',
        takeProfitPrice: 110,
        stopLossPrice: 95,
      },
      'X',
    );
    expect(exchange.submit(oco, closeOf(0)).status).toBe('rejected');
    expect(events).toMatchObject([
      {
        type: 'OrderRejected',
        reason:
          'limitPrice "109" must equal takeProfitPrice "110" on an oco order: the order is its own take-profit leg',
      },
    ]);
  });

  it('rejects an oco order that is not a limit order', () => {
    const { exchange } = makeExchange();
    const oco = makeOrder(
      {
        type: 'stop',
        side: 'sell',
        stopPrice: 100,
        orderClass: 'oco',
        takeProfitPrice: 110,
        stopLossPrice: 95,
      },
      'X',
    );
    expect(exchange.submit(oco, closeOf(0)).reason).toBe(
      'an oco order must be a limit order (its own take-profit leg), got type "stop"',
    );
  });

  it('starts the single exit leg of an oto order once the entry fills', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(
      makeOrder({ type: 'limit', limitPrice: 100, orderClass: 'oto', stopLossPrice: 97 }, 'T'),
      closeOf(0),
    );
    exchange.processBar(bar(1, { o: 101, h: 101.5, l: 99.5, c: 100 }));
    expect(exchange.openOrders().map((order) => [order.id, order.type, order.stopPrice])).toEqual([
      ['T.stop-loss', 'stop', 97],
    ]);
    exchange.processBar(bar(2, { o: 99, h: 99.5, l: 96, c: 96.5 }));
    expect(fills().at(-1)).toMatchObject({ orderId: 'T.stop-loss', price: 97 });
  });

  it('cancels both legs of an oco pair when one is canceled', () => {
    const { exchange, events } = makeExchange();
    exchange.submit(makeOrder(bracket, 'B'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103 }));
    expect(exchange.cancel(orderId('B.stop-loss'), closeOf(1)).ok).toBe(true);
    expect(events.slice(-2)).toMatchObject([
      { type: 'OrderCanceled', orderId: 'B.stop-loss', reason: 'canceled by request' },
      { type: 'OrderCanceled', orderId: 'B.take-profit', reason: 'oco: the other leg was canceled' },
    ]);
    expect(exchange.openOrders()).toEqual([]);
  });

  it('protects the filled part of a bracket entry canceled after a partial fill', () => {
    const { exchange, events } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ ...bracket, timeInForce: 'day' }, 'B'), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 104, l: 99, c: 103, v: 400 }));
    exchange.cancel(orderId('B'), closeOf(1));
    expect(exchange.openOrders().map((order) => [order.id, order.quantity])).toEqual([
      ['B.take-profit', 40],
      ['B.stop-loss', 40],
    ]);
    expect(events.find((event) => event.type === 'OrderCanceled')).toMatchObject({ orderId: 'B' });
  });

  it('starts the legs of a partially filled day entry when it expires, on the bar that expires it', () => {
    const { exchange, fills } = makeExchange({ maxParticipation: 0.5 });
    exchange.submit(
      makeOrder({ ...bracket, type: 'limit', limitPrice: 100, timeInForce: 'day' }, 'B'),
      closeOf(0),
    );
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 100 }));
    expect(fills()).toMatchObject([{ orderId: 'B', quantity: 50 }]);
    // The next UTC day: the entry expires, its legs start for 50 and the stop is hit on this bar.
    exchange.processBar(bar(24, { o: 96, h: 96, l: 94, c: 95, v: 100 }));
    expect(fills().at(-1)).toMatchObject({ orderId: 'B.stop-loss', quantity: 50, price: 95 });
  });

  it('lets one oco leg trade alone while its amended sibling waits for the latency', () => {
    const { exchange, fills } = makeExchange({ latencyMs: 2 * 3_600_000 });
    const oco = makeOrder(
      {
        type: 'limit',
        side: 'sell',
        limitPrice: 110,
        orderClass: 'oco',
        takeProfitPrice: 110,
        stopLossPrice: 95,
        timeInForce: 'gtc',
      },
      'X',
    );
    exchange.submit(oco, closeOf(0));
    exchange.processBar(bar(2, { o: 100, h: 101, l: 99, c: 100 }));
    exchange.replace(orderId('X.stop-loss'), { stopPrice: 96 }, closeOf(2));
    // The amended stop is eligible from bar 5; bar 3 reaches 94 but only the target (untouched) trades.
    exchange.processBar(bar(3, { o: 99, h: 100, l: 94, c: 97 }));
    expect(fills()).toEqual([]);
    exchange.processBar(bar(5, { o: 97, h: 97.5, l: 95.5, c: 96 }));
    expect(fills()).toMatchObject([{ orderId: 'X.stop-loss', price: 96 }]);
  });
});

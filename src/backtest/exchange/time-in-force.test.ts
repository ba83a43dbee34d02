import { describe, expect, it } from 'vitest';
import type { OrderCanceled, OrderExpired } from '../../model/events.types.js';
import { DAY, HOUR, T0, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

describe('SimulatedExchange time in force', () => {
  it('expires a day order when the first bar of a later UTC day arrives, before matching it', () => {
    const { exchange, fills, events } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 90 }), closeOf(0));
    for (let index = 1; index < 24; index += 1)
      exchange.processBar(bar(index, { o: 100, h: 101, l: 95, c: 100 }));
    expect(exchange.openOrders()).toHaveLength(1);
    // Bar 24 starts the next UTC day and would touch 90.
    exchange.processBar(bar(24, { o: 100, h: 100, l: 85, c: 90 }));
    expect(fills()).toEqual([]);
    const expired = events.at(-1) as OrderExpired;
    expect(expired).toMatchObject({ type: 'OrderExpired', tsEvent: T0 + DAY });
  });

  it('lets a day order placed at a daily close work the next session', () => {
    const { exchange, fills } = makeExchange();
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100 }, DAY));
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 95 }), closeOf(0, DAY));
    exchange.processBar(bar(1, { o: 99, h: 100, l: 94, c: 96 }, DAY));
    expect(fills()).toMatchObject([{ price: 95 }]);
  });

  it('keeps a gtc order across days until it fills', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 95, timeInForce: 'gtc' }), closeOf(0, DAY));
    exchange.processBar(bar(1, { o: 99, h: 100, l: 96, c: 97 }, DAY));
    exchange.processBar(bar(2, { o: 99, h: 100, l: 96, c: 97 }, DAY));
    exchange.processBar(bar(3, { o: 96, h: 97, l: 94, c: 95 }, DAY));
    expect(fills()).toMatchObject([{ price: 95, tsEvent: T0 + 4 * DAY }]);
  });

  it('fills what an ioc order can take at arrival and cancels the rest', () => {
    const { exchange, fills, events } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'market', timeInForce: 'ioc' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 600 }));
    expect(fills()).toMatchObject([{ quantity: 60, price: 100 }]);
    const canceled = events.at(-1) as OrderCanceled;
    expect(canceled.type).toBe('OrderCanceled');
    expect(canceled.reason).toBe('ioc order not filled at the open; remainder 40 canceled');
  });

  it('cancels an ioc limit not marketable at arrival even if the bar later reaches it', () => {
    const { exchange, fills, types } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99, timeInForce: 'ioc' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 100.5, l: 98, c: 99 }));
    expect(fills()).toEqual([]);
    expect(types()).toEqual(['OrderAccepted', 'OrderCanceled']);
  });

  it('cancels a fok order the participation cap cannot fill in full, without a fill', () => {
    const { exchange, fills, events } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'market', timeInForce: 'fok' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 999 }));
    expect(fills()).toEqual([]);
    expect((events.at(-1) as OrderCanceled).reason).toBe(
      'fok order could not fill 100 in full (the bar allows 99.9); remainder 100 canceled',
    );
  });

  it('fills a fok order in full when the bar allows it', () => {
    const { exchange, fills } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 101, timeInForce: 'fok' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 1000 }));
    expect(fills()).toMatchObject([{ quantity: 100, price: 100 }]);
  });

  it('evaluates ioc at the close under next-close timing', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'next-close' });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99, timeInForce: 'ioc' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 100.5, l: 98, c: 98.5 }));
    expect(fills()).toMatchObject([{ price: 98.5, tsEvent: closeOf(1) }]);
  });

  it('fills an opg market order at the next open', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'next-close' });
    exchange.submit(makeOrder({ type: 'market', timeInForce: 'opg' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100.5 }));
    expect(fills()).toMatchObject([{ price: 100, tsEvent: T0 + HOUR }]);
  });

  it('expires an opg limit the open does not satisfy, even if the bar reaches it later', () => {
    const { exchange, fills, types } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99, timeInForce: 'opg' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 100, l: 98, c: 99 }));
    expect(fills()).toEqual([]);
    expect(types()).toEqual(['OrderAccepted', 'OrderExpired']);
  });

  it('fills a cls market order at the close of its first bar', () => {
    const { exchange, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'market', timeInForce: 'cls' }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100.5 }));
    expect(fills()).toMatchObject([{ price: 100.5, tsEvent: closeOf(1) }]);
  });

  it('expires a cls limit the close does not satisfy', () => {
    const { exchange, fills, types } = makeExchange();
    exchange.submit(
      makeOrder({ type: 'limit', side: 'sell', limitPrice: 101, timeInForce: 'cls' }),
      closeOf(0),
    );
    exchange.processBar(bar(1, { o: 100, h: 102, l: 99, c: 100.5 }));
    expect(fills()).toEqual([]);
    expect(types()).toEqual(['OrderAccepted', 'OrderExpired']);
  });
});

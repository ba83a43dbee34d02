import { describe, expect, it } from 'vitest';
import { IllegalStateError, InvalidInputError, NotFoundError } from '../../core/errors.js';
import { instrumentId, orderId } from '../../core/ids.js';
import { acceptOrder } from '../../model/order.js';
import { createInstrument } from '../../model/instrument.js';
import { AAA, T0, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';

describe('SimulatedExchange cancel, replace and validation', () => {
  it('cancels a working order and refuses to cancel it twice', () => {
    const { exchange, events } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 90 }), closeOf(0));
    const canceled = exchange.cancel(orderId('O1'), closeOf(0));
    expect(canceled.ok && canceled.value.status).toBe('canceled');
    expect(events.at(-1)).toMatchObject({ type: 'OrderCanceled', reason: 'canceled by request' });
    const again = exchange.cancel(orderId('O1'), closeOf(0));
    expect(!again.ok && again.error).toBeInstanceOf(NotFoundError);
    expect(!again.ok && again.error.message).toBe(
      'order "O1" is no longer working at the simulated exchange',
    );
    const unknown = exchange.cancel(orderId('nope'), closeOf(0));
    expect(!unknown.ok && unknown.error.message).toBe('order "nope" is unknown at the simulated exchange');
  });

  it('amends a limit in place and matches the new price from then on', () => {
    const { exchange, fills, events } = makeExchange();
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 90 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 95, c: 100 }));
    exchange.replace(orderId('O1'), { limitPrice: 96 }, closeOf(1));
    expect(events.at(-1)).toMatchObject({ type: 'OrderUpdated', orderId: 'O1', limitPrice: 96 });
    exchange.processBar(bar(2, { o: 100, h: 101, l: 95, c: 100 }));
    expect(fills()).toMatchObject([{ price: 96 }]);
  });

  it('rejects an invalid replace and keeps the order unchanged', () => {
    const { exchange, events } = makeExchange({ maxParticipation: 0.1 });
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 101 }), closeOf(0));
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100, v: 500 }));
    const result = exchange.replace(orderId('O1'), { quantity: 50 }, closeOf(1));
    expect(!result.ok && result.error).toBeInstanceOf(InvalidInputError);
    expect(events.at(-1)).toMatchObject({
      type: 'OrderReplaceRejected',
      reason: 'quantity "50" must be above the filled quantity "50"',
    });
    expect(exchange.openOrders()[0]?.quantity).toBe(100);
    expect(exchange.replace(orderId('nope'), { quantity: 5 }, closeOf(1)).ok).toBe(false);
  });

  it('rejects a duplicate order id and an unknown instrument', () => {
    const instruments = new Map([[AAA, createInstrument({ symbol: 'AAA' })]]);
    const { exchange, events } = makeExchange({ instruments });
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    expect(exchange.submit(makeOrder({ type: 'market' }), closeOf(0)).reason).toBe(
      'order id "O1" was already submitted',
    );
    const other = { ...makeOrder({ type: 'market' }, 'O2'), instrumentId: instrumentId('BBB') };
    expect(exchange.submit(other, closeOf(0)).status).toBe('rejected');
    expect(events.map((event) => event.type)).toEqual(['OrderAccepted', 'OrderRejected', 'OrderRejected']);
  });

  it('accepts a pending_new order and refuses one already accepted', () => {
    const { exchange } = makeExchange();
    const pending = { ...makeOrder({ type: 'market' }), status: 'pending_new' as const };
    expect(exchange.submit(pending, closeOf(0)).status).toBe('accepted');
    expect(() => exchange.submit(acceptOrder(makeOrder({ type: 'market' }, 'O2'), T0), closeOf(0))).toThrow(
      IllegalStateError,
    );
  });

  it('refuses malformed and out-of-order bars', () => {
    const { exchange } = makeExchange();
    expect(() => exchange.processBar(bar(0, { o: 100, h: 99, l: 98, c: 99 }))).toThrow(
      /must satisfy 0 < low/,
    );
    expect(() => exchange.processBar(bar(0, { o: Number.NaN, h: 99, l: 98, c: 99 }))).toThrow(
      'bar open "NaN" of "AAA" must be finite',
    );
    expect(() => exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100, v: -1 }))).toThrow(/volume/);
    expect(() =>
      exchange.processBar({ ...bar(0, { o: 100, h: 101, l: 99, c: 100 }), tsClose: T0 - 1 }),
    ).toThrow(/tsClose/);
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100 }));
    expect(() => exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100 }))).toThrow(
      /must be after the previous bar/,
    );
  });

  it('refuses a config with a participation outside (0, 1], a negative latency or an unknown timing', () => {
    expect(() => makeExchange({ maxParticipation: 0 })).toThrow('maxParticipation "0" must be in (0, 1]');
    expect(() => makeExchange({ maxParticipation: 1.5 })).toThrow(InvalidInputError);
    expect(() => makeExchange({ latencyMs: -1 })).toThrow('latencyMs "-1" must be a finite number >= 0');
    expect(() => makeExchange({ fillTiming: 'soon' as 'close' })).toThrow(/fillTiming "soon" must be one of/);
  });

  it('refuses to process a bar from inside an event handler', () => {
    const { exchange, events } = makeExchange();
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    let thrown: unknown = null;
    events.push = (...items) => {
      if (items.some((event) => event.type === 'OrderFilled')) {
        try {
          exchange.processBar(bar(5, { o: 100, h: 101, l: 99, c: 100 }));
        } catch (error) {
          thrown = error;
        }
      }
      return 0;
    };
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100 }));
    expect(thrown).toBeInstanceOf(IllegalStateError);
  });
});

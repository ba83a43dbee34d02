import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { noFees } from './fees.js';
import { HOUR, T0, bar, closeOf, makeExchange, makeOrder } from './exchange.fixture.js';
import { SimulatedExchange } from './simulated-exchange.js';
import { noSlippage } from './slippage.js';

describe('SimulatedExchange fill timing', () => {
  it('next-open: fills a market order decided on bar t at bar t+1 open', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'next-open' });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    exchange.processBar(bar(1, { o: 102, h: 103, l: 101, c: 102.5 }));
    expect(fills()).toMatchObject([{ price: 102, tsEvent: T0 + HOUR }]);
    expect(exchange.lookAheadFills).toBe(0);
  });

  it('next-close: fills a market order at bar t+1 close', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'next-close' });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    exchange.processBar(bar(1, { o: 102, h: 103, l: 101, c: 102.5 }));
    expect(fills()).toMatchObject([{ price: 102.5, tsEvent: closeOf(1) }]);
  });

  it('close: fills a market order at once at the decision bar close and counts it as look-ahead', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'close' });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    expect(fills()).toMatchObject([{ price: 100.5, tsEvent: closeOf(0) }]);
    expect(exchange.lookAheadFills).toBe(1);
    expect(exchange.fillReports[0]).toMatchObject({ sameBarClose: true, barTsEvent: T0 });
  });

  it('close: evaluates a limit at the decision close and lets it work from the next bar', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'close' });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'limit', limitPrice: 99.5 }), closeOf(0));
    expect(fills()).toEqual([]);
    exchange.processBar(bar(1, { o: 100, h: 100.5, l: 99, c: 99.8 }));
    expect(fills()).toMatchObject([{ price: 99.5 }]);
    expect(exchange.fillReports[0]?.sameBarClose).toBe(false);
  });

  it('close: without a bar seen yet, a market order fills at the next close', () => {
    const { exchange, fills } = makeExchange({ fillTiming: 'close' });
    exchange.submit(makeOrder({ type: 'market' }), T0);
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    expect(fills()).toMatchObject([{ price: 100.5 }]);
    expect(exchange.lookAheadFills).toBe(0);
  });

  it('close: clamps slippage to the decision bar range', () => {
    const { exchange, fills } = makeExchange({
      fillTiming: 'close',
      slippage: { name: 'huge', slippedPrice: (input) => input.price * 2 },
    });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    expect(fills()).toMatchObject([{ price: 101 }]);
  });

  it('refuses latency with close timing', () => {
    expect(
      () =>
        new SimulatedExchange(
          { fillTiming: 'close', slippage: noSlippage, fees: noFees, latencyMs: 5 },
          () => undefined,
          {
            nextFillId: () => {
              throw new Error('unused');
            },
          },
        ),
    ).toThrow(InvalidInputError);
  });

  it('latency: an order is eligible only for bars opening at or after submission + latency', () => {
    const { exchange, fills } = makeExchange({ latencyMs: 30 * 60_000 });
    exchange.processBar(bar(0, { o: 100, h: 101, l: 99, c: 100.5 }));
    exchange.submit(makeOrder({ type: 'market' }), closeOf(0));
    exchange.processBar(bar(1, { o: 102, h: 103, l: 101, c: 102.5 }));
    expect(fills()).toEqual([]);
    exchange.processBar(bar(2, { o: 104, h: 105, l: 103, c: 104.5 }));
    expect(fills()).toMatchObject([{ price: 104, tsEvent: T0 + 2 * HOUR }]);
  });

  it('never evaluates an order submitted from an event handler on the bar being processed', () => {
    const { exchange, events, fills } = makeExchange();
    exchange.submit(makeOrder({ type: 'market' }, 'first'), closeOf(0));
    let submitted = false;
    const original = events.push.bind(events);
    events.push = (...items) => {
      const count = original(...items);
      if (!submitted && items.some((event) => event.type === 'OrderFilled')) {
        submitted = true;
        exchange.submit(makeOrder({ type: 'market' }, 'second'), T0);
      }
      return count;
    };
    exchange.processBar(bar(1, { o: 100, h: 101, l: 99, c: 100 }));
    expect(fills().map((fill) => fill.orderId)).toEqual(['first']);
    exchange.processBar(bar(2, { o: 103, h: 104, l: 102, c: 103 }));
    expect(fills().map((fill) => [fill.orderId, fill.price])).toEqual([
      ['first', 100],
      ['second', 103],
    ]);
  });
});

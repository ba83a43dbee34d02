import { describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId, orderId } from '../../core/ids.js';
import { BarSeries } from '../../data/bar-series.js';
import type { BrokerOrderRequest } from '../../engine/execution-client.types.js';
import { PaperBroker, type PaperBrokerOptions } from './paper-broker.js';
import type { PaperTradeUpdate } from './order-journal.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 2, 4, 14, 30);
let ids = 0;

/** X trades at 50 with ranges 49-51 and volume 100 a bar; the replay starts at bar 2 of 10. */
function broker(options: Partial<PaperBrokerOptions> = {}): PaperBroker {
  const bars = Array.from({ length: 10 }, (_, i) => ({
    tsEvent: T0 + i * MINUTE,
    open: 50,
    high: 51,
    low: 49,
    close: 50,
    volume: 100,
  }));
  return new PaperBroker({
    series: [BarSeries.fromBars('X', '1m', bars)],
    startingCash: 10_000,
    startAt: T0 + 2 * MINUTE,
    newId: () => `id-${++ids}`,
    ...options,
  });
}

function request(fields: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest {
  return {
    instrumentId: instrumentId('X'),
    side: 'buy',
    type: 'market',
    quantity: 10,
    clientOrderId: clientOrderId(`c-${++ids}`),
    ...fields,
  };
}

describe('PaperVenue', () => {
  it('reserves buying power for working orders and needs none to reduce a position', () => {
    const { venue } = broker();
    venue.submit(request({ type: 'limit', limitPrice: 45, quantity: 150, timeInForce: 'gtc' })); // reserves 6,750
    expect(() => venue.submit(request({ quantity: 70 }))).toThrow(/needs 3500.00, 3250.00 is available/);
    venue.submit(request({ quantity: 60 })); // 3,000 at 50
    expect(venue.book.position(instrumentId('X'))?.quantity).toBe(60);
    // Selling what is held adds no exposure; selling beyond it opens a short that does.
    expect(venue.submit(request({ side: 'sell', quantity: 60 })).status).toBe('filled');
    expect(() => venue.submit(request({ side: 'sell', quantity: 200 }))).toThrow(/insufficient buying power/);
  });

  it('records an order the exchange refuses as rejected and throws why', () => {
    const { venue } = broker();
    // An oco order must be a limit at its take-profit: the exchange refuses this one.
    const refused = request({
      side: 'sell',
      type: 'limit',
      limitPrice: 55,
      orderClass: 'oco',
      takeProfitPrice: 56,
      stopLossPrice: 45,
    });
    expect(() => venue.submit(refused)).toThrow(
      /order rejected: limitPrice "55" must equal takeProfitPrice "56"/,
    );
    expect(venue.getByClientId(refused.clientOrderId)?.status).toBe('rejected');
  });

  it('keeps the fills of a partly filled order on the original and the rest on the replacement', async () => {
    const paper = broker({ maxParticipation: 0.5, fillTiming: 'next-open' });
    const updates: PaperTradeUpdate[] = [];
    paper.venue.subscribe((u) => updates.push(u));
    const original = paper.venue.submit(request({ quantity: 80, timeInForce: 'gtc' }));
    paper.replay.step(); // 50 of the bar's 100 shares
    expect(paper.venue.orders.get(original.id)).toMatchObject({
      status: 'partially_filled',
      filledQuantity: 50,
    });
    const replacement = paper.venue.replace(original.id, { quantity: 20 }, clientOrderId('smaller'));
    expect(replacement).toMatchObject({ quantity: 20, filledQuantity: 0, clientOrderId: 'smaller' });
    expect(paper.venue.orders.links(replacement.id).replaces).toBe(original.id);
    expect(() => paper.venue.replace(replacement.id, {}, clientOrderId('smaller'))).toThrow(
      /"smaller" is already in use/,
    );
    paper.replay.step();
    expect(paper.venue.orders.get(replacement.id)).toMatchObject({ status: 'filled', filledQuantity: 20 });
    expect(paper.venue.orders.get(original.id)).toMatchObject({ status: 'replaced', filledQuantity: 50 });
    expect(paper.venue.book.position(instrumentId('X'))?.quantity).toBe(70);
    await Promise.resolve();
    expect(updates.map((u) => u.event)).toEqual(['new', 'partial_fill', 'replaced', 'new', 'fill']);
    expect(updates.at(-1)?.positionQuantity).toBe(70);
    expect(paper.venue.orders.executions().map((e) => e.fill.orderId)).toEqual([original.id, replacement.id]);
  });

  it('closes a short with a buy and refuses to close what is flat', () => {
    const { venue } = broker();
    venue.submit(request({ side: 'sell', quantity: 5 }));
    const closing = venue.closePosition('X');
    expect(closing).toMatchObject({ side: 'buy', quantity: 5, status: 'filled' });
    expect(() => venue.closePosition('X')).toThrow(/no open position in "X"/);
    expect(() => venue.cancel(orderId('nope'))).toThrow(/order "nope" not found/);
  });

  it('refuses series it could not replay', () => {
    const bad = BarSeries.fromBars('X', '1m', [
      { tsEvent: T0, open: 10, high: 9, low: 8, close: 10, volume: 1 },
    ]);
    expect(() => new PaperBroker({ series: [bad] })).toThrow(/high/);
  });
});

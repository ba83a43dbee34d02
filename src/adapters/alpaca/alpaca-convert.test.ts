import { describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId } from '../../core/ids.js';
import {
  changesToAlpaca,
  executionIdOf,
  orderRequestToAlpaca,
  ordersFromAlpaca,
  positionFromAlpaca,
  statusFromAlpaca,
  timeframeToAlpaca,
} from './alpaca-convert.js';
import { decimal, optionalDecimal } from './alpaca-decimal.js';
import type { AlpacaOrder } from './alpaca-schemas.js';

const wire = (fields: Partial<AlpacaOrder> = {}): AlpacaOrder => ({
  id: 'o-1',
  client_order_id: 'c-1',
  created_at: '2024-03-04T14:30:00Z',
  updated_at: '2024-03-04T14:31:00.500Z',
  symbol: 'AAPL',
  qty: '10',
  filled_qty: '4',
  filled_avg_price: '179.08',
  order_class: 'bracket',
  type: 'limit',
  side: 'buy',
  time_in_force: 'gtc',
  limit_price: '180',
  status: 'partially_filled',
  legs: [
    { ...legBase, id: 'o-1-tp', type: 'limit', limit_price: '190' },
    { ...legBase, id: 'o-1-sl', type: 'stop', stop_price: '170' },
  ],
  ...fields,
});
const legBase = {
  client_order_id: 'x',
  created_at: '2024-03-04T14:30:00Z',
  symbol: 'AAPL',
  qty: '10',
  filled_qty: '0',
  side: 'sell' as const,
  time_in_force: 'gtc',
  status: 'held',
  order_class: 'bracket',
};

describe('Alpaca conversions', () => {
  it('writes decimal strings without float noise or exponents', () => {
    expect(decimal(100)).toBe('100');
    expect(decimal(0.1 + 0.2)).toBe('0.3');
    expect(decimal(1e-7)).toBe('0.0000001');
    expect(decimal(-0.0000000001)).toBe('0');
    expect(optionalDecimal(null)).toBeNull();
  });

  it('reads an order with its legs, prices and times from the wire', () => {
    const [entry, takeProfit, stopLoss] = ordersFromAlpaca(wire());
    expect(entry).toMatchObject({
      id: 'o-1',
      clientOrderId: 'c-1',
      instrumentId: 'AAPL',
      orderClass: 'bracket',
      quantity: 10,
      filledQuantity: 4,
      averageFillPrice: 179.08,
      limitPrice: 180,
      takeProfitPrice: 190,
      stopLossPrice: 170,
      status: 'partially_filled',
      tsInit: Date.UTC(2024, 2, 4, 14, 30),
      tsLast: Date.UTC(2024, 2, 4, 14, 31, 0, 500),
      parentId: null,
    });
    expect(takeProfit).toMatchObject({
      id: 'o-1-tp',
      parentId: 'o-1',
      orderClass: 'simple',
      status: 'pending_new',
      reduceOnly: true,
    });
    expect(stopLoss).toMatchObject({ type: 'stop', stopPrice: 170 });
  });

  it('maps Alpaca statuses onto ours', () => {
    expect(statusFromAlpaca('new', 10, 0)).toBe('accepted');
    expect(statusFromAlpaca('accepted', 10, 0)).toBe('pending_new');
    expect(statusFromAlpaca('done_for_day', 10, 3)).toBe('partially_filled');
    expect(statusFromAlpaca('stopped', 10, 0)).toBe('accepted');
    expect(statusFromAlpaca('calculated', 10, 10)).toBe('filled');
    expect(statusFromAlpaca('calculated', 10, 4)).toBe('partially_filled');
    expect(statusFromAlpaca('replaced', 10, 0)).toBe('replaced');
    expect(() => statusFromAlpaca('teleported', 10, 0)).toThrow(/unknown order status "teleported"/);
  });

  it('refuses orders it cannot represent', () => {
    expect(() => ordersFromAlpaca(wire({ qty: null, notional: '500' }))).toThrow(/notional orders/);
    expect(() => ordersFromAlpaca(wire({ type: 'iceberg', legs: null }))).toThrow(
      /unknown order type "iceberg"/,
    );
    expect(() => ordersFromAlpaca(wire({ order_class: 'mleg', legs: null }))).toThrow(
      /unknown order class "mleg"/,
    );
  });

  it('writes requests in Alpaca terms; an OCO takes its price from take_profit only', () => {
    const oco = orderRequestToAlpaca({
      instrumentId: instrumentId('AAPL'),
      side: 'sell',
      type: 'limit',
      quantity: 5,
      orderClass: 'oco',
      limitPrice: 190,
      takeProfitPrice: 190,
      stopLossPrice: 170,
      clientOrderId: clientOrderId('c-9'),
    });
    expect(oco).toEqual({
      symbol: 'AAPL',
      qty: '5',
      side: 'sell',
      type: 'limit',
      time_in_force: 'day',
      client_order_id: 'c-9',
      order_class: 'oco',
      take_profit: { limit_price: '190' },
      stop_loss: { stop_price: '170' },
    });
    const trailing = orderRequestToAlpaca({
      instrumentId: instrumentId('AAPL'),
      side: 'sell',
      type: 'trailing_stop',
      quantity: 1.5,
      trailPercent: 2.5,
      clientOrderId: clientOrderId('c-10'),
    });
    expect(trailing).toMatchObject({ qty: '1.5', trail_percent: '2.5' });
    expect(trailing).not.toHaveProperty('order_class');
    expect(changesToAlpaca({ quantity: 3, trailPrice: 1.25, timeInForce: 'gtc', stopPrice: 9 })).toEqual({
      qty: '3',
      time_in_force: 'gtc',
      stop_price: '9',
      trail: '1.25',
    });
  });

  it('reads activity ids, positions and timeframes', () => {
    expect(executionIdOf('20240304143000000::e-1')).toBe('e-1');
    expect(executionIdOf('plain')).toBe('plain');
    expect(
      positionFromAlpaca({
        symbol: 'AAPL',
        qty: '5',
        side: 'short',
        avg_entry_price: '10',
        current_price: '8',
      }),
    ).toEqual({
      symbol: 'AAPL',
      quantity: -5,
      averageEntryPrice: 10,
      currentPrice: 8,
      marketValue: 40,
      unrealizedPnl: -10,
    });
    expect(timeframeToAlpaca('1m')).toBe('1Min');
    expect(timeframeToAlpaca('4h')).toBe('4Hour');
    expect(timeframeToAlpaca('1w')).toBe('1Week');
  });
});

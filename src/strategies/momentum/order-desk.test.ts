import { describe, expect, it } from 'vitest';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import { Strategy } from '../strategy.js';
import { OrderDesk } from './order-desk.js';
import { RecordingContext } from './recording-context.fixture.js';

/** Forwards order events to a desk, as MomentumStrategy does. */
class DeskHolder extends Strategy {
  readonly name = 'desk-holder';
  readonly desk = new OrderDesk(['SPY', 'QQQ'], () => this.ctx);
  readonly outcomes: (string | null)[] = [];
  bars = 0;
  override onOrderFilled(event: OrderFilled): void {
    this.outcomes.push(this.desk.onFilled(event, () => this.bars));
  }
  override onOrderCanceled(event: OrderCanceled): void {
    this.desk.onEnded(event);
  }
  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.desk.onEnded(event);
  }
}

function setup() {
  const holder = new DeskHolder();
  const context = new RecordingContext();
  context.start(holder);
  return { holder, desk: holder.desk, context };
}

describe('OrderDesk', () => {
  it('keeps one market order pending per symbol until it fills completely', () => {
    const { desk, context, holder } = setup();
    desk.trade(0, 10);
    expect(desk.isPending(0)).toBe(true);
    expect(desk.isPending(1)).toBe(false);
    context.fill('O-1', 100, 4);
    expect(desk.isPending(0)).toBe(true);
    context.fill('O-1', 100);
    expect(desk.isPending(0)).toBe(false);
    expect(holder.outcomes).toEqual([null, 'trade']);
    expect(desk.held(0)).toBe(10);
    desk.trade(0, 0);
    desk.trade(0, Number.NaN);
    expect(context.requests).toHaveLength(1);
  });

  it('places a stop of the position size on the opposite side and re-sizes it after a partial stop fill', () => {
    const { desk, context, holder } = setup();
    context.setPosition('SPY', 10);
    desk.syncStop(0, 2.5, 0.1);
    expect(context.requests[0]).toEqual({
      symbol: 'SPY',
      side: 'sell',
      type: 'trailing_stop',
      quantity: 10,
      trailPrice: 2.5,
      timeInForce: 'gtc',
    });
    expect(desk.hasStop(0)).toBe(true);
    expect(desk.stopTrail(0)).toBe(2.5);
    context.fill('O-1', 95, 4); // the stop fills 4 of 10: 6 remain, the position is 6: nothing to change
    desk.syncStop(0, 2.6, 0.1); // trail moved 4% < 10%: no replace
    expect(context.replaced).toEqual([]);
    desk.trade(0, 5); // adding keeps the stop; once filled the stop grows to cover 11
    context.fill('O-2', 96);
    desk.syncStop(0, 2.6, 0.1);
    expect(context.replaced[0]?.changes).toEqual({ quantity: 15 }); // 4 filled + 11 held
    desk.syncStop(0, 4, 0.1); // trail +60%: replaced
    expect(context.replaced[1]?.changes).toEqual({ trailPrice: 4 });
    context.setPosition('SPY', 12);
    desk.syncStop(0, 5, 0.1);
    expect(context.replaced[2]?.changes).toEqual({ quantity: 16, trailPrice: 5 });
    holder.bars = 42;
    context.fill('O-1', 90); // the rest of the stop fills: a stop exit, booked at the current bar count
    expect(holder.outcomes.at(-1)).toBe('stop');
    expect(desk.stoppedAtBar[0]).toBe(42);
    expect(desk.stoppedAtBar[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(desk.hasStop(0)).toBe(false);
  });

  it('cancels the stop before an order that reduces or reverses the position, and when flat', () => {
    const { desk, context } = setup();
    context.setPosition('SPY', 10);
    desk.syncStop(0, 1, 0.1);
    desk.trade(0, 3); // adding: the stop stays
    expect(context.canceled).toEqual([]);
    context.fill('O-2', 100);
    desk.syncStop(0, 1, 0.1);
    desk.exit(0); // selling 13: the stop goes first
    expect(context.canceled.map((o) => o.id)).toEqual(['O-1']);
    expect(context.requests.at(-1)).toMatchObject({ side: 'sell', quantity: 13 });
    context.fill('O-3', 100);
    context.setPosition('QQQ', 5);
    desk.syncStop(1, 1, 0.1);
    context.setPosition('QQQ', 0);
    desk.syncStop(1, 1, 0.1);
    expect(context.canceled.map((o) => o.id)).toEqual(['O-1', 'O-4']);
  });

  it('treats float dust left by fractional partial fills as flat', () => {
    const { desk, context } = setup();
    context.setPosition('SPY', -1.4e-14);
    expect(desk.held(0)).toBe(0);
    desk.syncStop(0, 1, 0.1);
    desk.exit(0);
    expect(context.requests).toEqual([]);
  });

  it('replaces a stop on the wrong side after a reversal, and skips unusable trails', () => {
    const { desk, context } = setup();
    context.setPosition('SPY', 10);
    desk.syncStop(0, 1, 0.1);
    context.setPosition('SPY', -4); // reversed outside the desk
    desk.syncStop(0, Number.NaN, 0.1);
    expect(context.requests).toHaveLength(1);
    desk.syncStop(0, 1, 0.1);
    expect(context.canceled.map((o) => o.id)).toEqual(['O-1']);
    expect(context.requests[1]).toMatchObject({ side: 'buy', type: 'trailing_stop', quantity: 4 });
  });

  it('forgets orders that were canceled, rejected or denied, and ignores events of others', () => {
    const { desk, context, holder } = setup();
    desk.trade(0, 1);
    const order = context.working('market')[0];
    if (order === undefined) throw new Error('expected an order');
    const denied: OrderDenied = {
      type: 'OrderDenied',
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      strategyId: null,
      accountId: null,
      rule: 'max-notional',
      message: 'too large',
      values: { notional: 2, limit: 1 },
      tsEvent: 0,
      tsInit: 0,
    };
    holder.onOrderRejected(denied);
    expect(desk.isPending(0)).toBe(false);
    holder.onOrderRejected(denied); // twice: unknown now, ignored
    context.setPosition('SPY', 2);
    desk.syncStop(0, 1, 0.1);
    const stop = context.working('trailing_stop')[0];
    if (stop === undefined) throw new Error('expected a stop');
    holder.onOrderCanceled({ ...denied, type: 'OrderCanceled', orderId: stop.id, reason: 'expired' });
    expect(desk.hasStop(0)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { accountId, clientOrderId, instrumentId, orderId } from '../core/ids.js';
import type { OrderAccepted, OrderRejected } from '../model/events.types.js';
import { MessageBus } from './message-bus.js';

const base = {
  orderId: orderId('o1'),
  clientOrderId: clientOrderId('c1'),
  instrumentId: instrumentId('SPY'),
  strategyId: null,
  accountId: accountId('A'),
  tsEvent: 1,
  tsInit: 1,
};
const accepted: OrderAccepted = { type: 'OrderAccepted', venueOrderId: null, ...base };
const rejected: OrderRejected = { type: 'OrderRejected', reason: 'no', ...base };

describe('MessageBus', () => {
  it('dispatches each event to the handlers of its type only, in subscription order', () => {
    const bus = new MessageBus();
    const seen: string[] = [];
    bus.subscribe('OrderAccepted', (e) => seen.push(`first ${e.type}`));
    bus.subscribe('OrderAccepted', (e) => seen.push(`second ${e.venueOrderId ?? 'none'}`));
    bus.subscribe('OrderRejected', (e) => seen.push(`rejected ${e.reason}`));
    bus.publish(accepted);
    bus.publish(rejected);
    expect(seen).toEqual(['first OrderAccepted', 'second none', 'rejected no']);
    expect(bus.count).toBe(2);
  });

  it('stops calling a handler after it unsubscribes and ignores events nobody listens to', () => {
    const bus = new MessageBus();
    let calls = 0;
    const unsubscribe = bus.subscribe('OrderAccepted', () => calls++);
    bus.publish(accepted);
    unsubscribe();
    unsubscribe();
    bus.publish(accepted);
    bus.publish(rejected);
    expect(calls).toBe(1);
  });

  it('lets a throwing handler surface its error', () => {
    const bus = new MessageBus();
    bus.subscribe('OrderRejected', () => {
      throw new Error('bug');
    });
    expect(() => bus.publish(rejected)).toThrow('bug');
  });
});

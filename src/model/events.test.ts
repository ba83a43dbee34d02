import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COMMAND_TYPES,
  EVENT_TYPES,
  type CommandOf,
  type CommandType,
  type EventOf,
  type EventType,
  type OrderFilled,
  type TradingCommand,
  type TradingEvent,
} from './events.types.js';
import * as model from './index.js';

describe('event and command unions', () => {
  it('lists each event type once, and exactly the types of the union', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expectTypeOf<TradingEvent['type']>().toEqualTypeOf<EventType>();
    expectTypeOf<EventOf<'OrderFilled'>>().toEqualTypeOf<OrderFilled>();
  });

  it('lists each command type once, and exactly the types of the union', () => {
    expect([...COMMAND_TYPES]).toEqual(['SubmitOrder', 'CancelOrder', 'ModifyOrder', 'CancelAllOrders']);
    expectTypeOf<TradingCommand['type']>().toEqualTypeOf<CommandType>();
    expectTypeOf<CommandOf<'CancelOrder'>['type']>().toEqualTypeOf<'CancelOrder'>();
  });

  it('names events in the past tense and commands in the imperative', () => {
    for (const type of EVENT_TYPES)
      expect(type).toMatch(/^(Order|Position|Account)[A-Za-z]*(ed|Cancel|Replace)$/);
    for (const type of COMMAND_TYPES) expect(type).toMatch(/^(Submit|Cancel|Modify)/);
  });

  it('re-exports the whole model from the index', () => {
    for (const name of [
      'createInstrument',
      'parseTimeframe',
      'midPrice',
      'ORDER_STATUSES',
      'ORDER_TRANSITIONS',
      'assertTransition',
      'validateOrderRequest',
      'createOrder',
      'applyFill',
      'createFill',
      'applyFillToPosition',
      'createAccount',
      'markAccount',
      'EVENT_TYPES',
      'COMMAND_TYPES',
    ]) {
      expect(model).toHaveProperty(name);
    }
  });
});

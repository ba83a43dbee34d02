import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IllegalStateError, InvalidInputError, NeuralTraderError } from '../core/errors.js';
import { accountId, clientOrderId, fillId, instrumentId, orderId, strategyId } from '../core/ids.js';
import { unwrap } from '../core/result.js';
import { createFillForOrder } from './fill.js';
import {
  acceptOrder,
  applyFill,
  cancelOrder,
  createOrder,
  expireOrder,
  isOpen,
  rejectCancel,
  rejectOrder,
  rejectReplace,
  remainingQuantity,
  replaceOrder,
  requestCancel,
  requestReplace,
  submitOrder,
  updateOrder,
} from './order.js';
import { canTransition, isTerminal } from './order-status.js';
import type { Fill, Order, OrderRequest } from './order.types.js';

const AAPL = instrumentId('AAPL');
const limitBuy: OrderRequest = {
  instrumentId: AAPL,
  side: 'buy',
  type: 'limit',
  quantity: 100,
  limitPrice: 10,
};

function newOrder(request: OrderRequest = limitBuy): Order {
  return unwrap(createOrder(request, { id: orderId('o-1') }, 1000));
}

function working(request: OrderRequest = limitBuy): Order {
  return acceptOrder(submitOrder(newOrder(request), 1001), 1002);
}

let fillCounter = 0;
function fillOf(order: Order, quantity: number, price: number, tsEvent = 2000): Fill {
  fillCounter += 1;
  return unwrap(createFillForOrder(order, { id: fillId(`f-${fillCounter}`), quantity, price, tsEvent }));
}

describe('createOrder', () => {
  it('builds a new order with defaults and the ids given', () => {
    const order = unwrap(
      createOrder(
        { ...limitBuy, strategyId: strategyId('s-1') },
        { id: orderId('o-9'), accountId: accountId('acc'), parentId: orderId('p-1') },
        1234,
      ),
    );
    expect(order).toMatchObject({
      id: 'o-9',
      clientOrderId: 'o-9',
      accountId: 'acc',
      parentId: 'p-1',
      strategyId: 's-1',
      status: 'new',
      timeInForce: 'day',
      orderClass: 'simple',
      limitPrice: 10,
      stopPrice: null,
      filledQuantity: 0,
      averageFillPrice: null,
      reduceOnly: false,
      tsInit: 1234,
      tsLast: 1234,
      reason: null,
    });
  });

  it('prefers the client order id of the ids, then of the request', () => {
    const fromRequest = unwrap(
      createOrder({ ...limitBuy, clientOrderId: clientOrderId('req') }, { id: orderId('o') }, 0),
    );
    expect(fromRequest.clientOrderId).toBe('req');
    const fromIds = unwrap(
      createOrder(
        { ...limitBuy, clientOrderId: clientOrderId('req') },
        { id: orderId('o'), clientOrderId: clientOrderId('ids') },
        0,
      ),
    );
    expect(fromIds.clientOrderId).toBe('ids');
  });
});

describe('order transitions', () => {
  it('walks new → pending_new → accepted → pending_cancel → canceled', () => {
    const order = newOrder();
    const submitted = submitOrder(order, 1001);
    const accepted = acceptOrder(submitted, 1002);
    const pending = requestCancel(accepted, 1003);
    const canceled = cancelOrder(pending, 1004, 'user request');
    expect([order, submitted, accepted, pending, canceled].map((o) => o.status)).toEqual([
      'new',
      'pending_new',
      'accepted',
      'pending_cancel',
      'canceled',
    ]);
    expect(canceled).toMatchObject({ tsLast: 1004, reason: 'user request' });
    expect(order.status).toBe('new');
  });

  it('records the reason of a rejection', () => {
    const rejected = rejectOrder(submitOrder(newOrder(), 1001), 1002, 'insufficient buying power');
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'insufficient buying power' });
  });

  it('refuses to accept a canceled order', () => {
    const canceled = cancelOrder(newOrder(), 1001);
    expect(() => acceptOrder(canceled, 1002)).toThrow(IllegalStateError);
    expect(() => acceptOrder(canceled, 1002)).toThrow(/"canceled" to "accepted"/);
  });

  it('expires a working order', () => {
    expect(expireOrder(working(), 5000).status).toBe('expired');
    expect(() => expireOrder(newOrder(), 5000)).toThrow(IllegalStateError);
  });

  it('returns to accepted when a cancel is refused before any fill, to partially_filled after one', () => {
    const pending = requestCancel(working(), 1003);
    expect(rejectCancel(pending, 1004).status).toBe('accepted');
    const partial = applyFill(working(), fillOf(working(), 40, 10));
    expect(rejectCancel(requestCancel(partial, 1003), 1004).status).toBe('partially_filled');
  });

  it('leaves an order unchanged when a fill overtook the refused cancel', () => {
    const pending = requestCancel(working(), 1003);
    const partial = applyFill(pending, fillOf(pending, 40, 10));
    expect(partial.status).toBe('partially_filled');
    expect(rejectCancel(partial, 1004)).toBe(partial);
    const filled = applyFill(requestCancel(working(), 1003), fillOf(pending, 100, 10));
    expect(rejectCancel(filled, 1004)).toBe(filled);
  });

  it('returns to the working state when a replace is refused', () => {
    const pending = requestReplace(working(), 1003);
    expect(pending.status).toBe('pending_replace');
    expect(rejectReplace(pending, 1004).status).toBe('accepted');
    const order = working();
    expect(rejectReplace(order, 1004)).toBe(order);
  });

  it('lets a fill race a pending cancel and fill the order', () => {
    const pending = requestCancel(working(), 1003);
    const filled = applyFill(pending, fillOf(pending, 100, 10));
    expect(filled.status).toBe('filled');
    expect(() => cancelOrder(filled, 1005)).toThrow(IllegalStateError);
  });

  it('reports open orders: sent and not finished', () => {
    expect(isOpen(newOrder())).toBe(false);
    expect(isOpen(submitOrder(newOrder(), 1))).toBe(true);
    expect(isOpen(working())).toBe(true);
    expect(isOpen(requestCancel(working(), 1))).toBe(true);
    expect(isOpen(cancelOrder(working(), 1))).toBe(false);
  });
});

describe('applyFill', () => {
  it('keeps the VWAP of its fills as the average fill price', () => {
    const order = working();
    const first = applyFill(order, fillOf(order, 30, 10));
    expect(first).toMatchObject({ status: 'partially_filled', filledQuantity: 30, averageFillPrice: 10 });
    expect(remainingQuantity(first)).toBe(70);
    const second = applyFill(first, fillOf(order, 70, 11, 2500));
    expect(second.status).toBe('filled');
    expect(second.filledQuantity).toBe(100);
    expect(second.averageFillPrice).toBeCloseTo((30 * 10 + 70 * 11) / 100, 12);
    expect(second.tsLast).toBe(2500);
  });

  it('refuses an overfill and quotes the quantities', () => {
    const order = applyFill(working(), fillOf(working(), 60, 10));
    expect(() => applyFill(order, fillOf(order, 41, 10))).toThrow(InvalidInputError);
    expect(() => applyFill(order, fillOf(order, 41, 10))).toThrow(
      'fill quantity "41" overfills order "o-1": "60" of "100" already filled',
    );
  });

  it('refuses a fill for another order', () => {
    const other = unwrap(createOrder(limitBuy, { id: orderId('o-2') }, 1000));
    expect(() => applyFill(working(), fillOf(other, 10, 10))).toThrow(
      'fill orderId "o-2" does not match order "o-1"',
    );
  });

  it('refuses a fill for another instrument or side', () => {
    const order = working();
    const wrongInstrument = { ...fillOf(order, 10, 10), instrumentId: instrumentId('MSFT') };
    expect(() => applyFill(order, wrongInstrument)).toThrow(
      /instrumentId "MSFT" does not match order instrument "AAPL"/,
    );
    const wrongSide: Fill = { ...fillOf(order, 10, 10), side: 'sell' };
    expect(() => applyFill(order, wrongSide)).toThrow('fill side "sell" does not match order side "buy"');
  });

  it('refuses a fill on a canceled order', () => {
    const canceled = cancelOrder(working(), 1003);
    expect(() => applyFill(canceled, fillOf(canceled, 10, 10))).toThrow(IllegalStateError);
  });

  it('refuses a fill on an order that was never submitted', () => {
    const order = newOrder();
    expect(() => applyFill(order, fillOf(order, 10, 10))).toThrow(/from "new" to "partially_filled"/);
  });

  it('completes an order whose fractional fills sum to its quantity within float noise', () => {
    const order = working({ ...limitBuy, quantity: 0.3 });
    const once = applyFill(order, fillOf(order, 0.1, 10));
    const twice = applyFill(once, fillOf(order, 0.2, 10));
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(twice).toMatchObject({ status: 'filled', filledQuantity: 0.3 });
  });
});

describe('updateOrder', () => {
  it('amends price and quantity in place and returns to the working state', () => {
    const partial = applyFill(working(), fillOf(working(), 40, 10));
    const updated = unwrap(
      updateOrder(requestReplace(partial, 1003), { quantity: 150, limitPrice: 9.5 }, 1004),
    );
    expect(updated).toMatchObject({
      id: 'o-1',
      status: 'partially_filled',
      quantity: 150,
      limitPrice: 9.5,
      filledQuantity: 40,
    });
  });

  it('refuses a quantity at or below what has filled', () => {
    const partial = applyFill(working(), fillOf(working(), 40, 10));
    const result = updateOrder(requestReplace(partial, 1003), { quantity: 40 }, 1004);
    expect(result.ok ? '' : result.error.message).toBe(
      'quantity "40" must be above the filled quantity "40"',
    );
  });

  it('validates the amended fields like a new order', () => {
    const result = updateOrder(requestReplace(working(), 1003), { limitPrice: -1 }, 1004);
    expect(result.ok ? '' : result.error.message).toBe('limitPrice "-1" must be a finite number > 0');
  });

  it('switches a trailing stop between trail price and trail percent', () => {
    const trailing = working({
      instrumentId: AAPL,
      side: 'sell',
      type: 'trailing_stop',
      quantity: 10,
      trailPercent: 2,
    });
    const updated = unwrap(updateOrder(requestReplace(trailing, 1003), { trailPrice: 0.5 }, 1004));
    expect(updated).toMatchObject({ trailPrice: 0.5, trailPercent: null, status: 'accepted' });
  });

  it('applies an amendment that a fill overtook, keeping the fill status', () => {
    const pending = requestReplace(working(), 1003);
    const partial = applyFill(pending, fillOf(pending, 40, 10));
    const updated = unwrap(updateOrder(partial, { limitPrice: 9.9 }, 1005));
    expect(updated).toMatchObject({
      status: 'partially_filled',
      limitPrice: 9.9,
      filledQuantity: 40,
      tsLast: 1005,
    });
  });

  it('refuses to update an order that is not working', () => {
    expect(() => updateOrder(newOrder(), { quantity: 10 }, 1004)).toThrow(IllegalStateError);
    const canceled = cancelOrder(working(), 1003);
    expect(() => updateOrder(canceled, { quantity: 10 }, 1004)).toThrow(
      'cannot update order "o-1" in status "canceled": expected pending_replace, accepted or partially_filled',
    );
  });
});

describe('replaceOrder', () => {
  it('ends the original as replaced and opens an accepted replacement for the remainder', () => {
    const partial = applyFill(working(), fillOf(working(), 40, 10));
    const { replaced, replacement } = unwrap(
      replaceOrder(requestReplace(partial, 1003), { id: orderId('o-2') }, { limitPrice: 10.2 }, 1004),
    );
    expect(replaced).toMatchObject({ id: 'o-1', status: 'replaced', filledQuantity: 40 });
    expect(replacement).toMatchObject({
      id: 'o-2',
      clientOrderId: 'o-2',
      status: 'accepted',
      quantity: 60,
      limitPrice: 10.2,
      filledQuantity: 0,
      tsInit: 1004,
    });
  });

  it('refuses invalid changes and leaves the state to the caller', () => {
    const pending = requestReplace(working(), 1003);
    const result = replaceOrder(pending, { id: orderId('o-2') }, { quantity: 0 }, 1004);
    expect(result.ok ? '' : result.error.message).toBe('quantity "0" must be a finite number > 0');
  });

  it('refuses to replace a filled order', () => {
    const filled = applyFill(working(), fillOf(working(), 100, 10));
    expect(() => replaceOrder(filled, { id: orderId('o-2') }, {}, 1004)).toThrow(IllegalStateError);
  });
});

type Step =
  | { kind: 'submit' | 'accept' | 'reject' | 'requestCancel' | 'rejectCancel' | 'cancel' | 'expire' }
  | { kind: 'requestReplace' | 'rejectReplace' | 'fillRest' | 'update' | 'replace' }
  | { kind: 'fill'; quantity: number; price: number };

// Steps that end an order are rarer, so that random walks get deep into the machine before they stop.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.constantFrom<Step>(
      { kind: 'submit' },
      { kind: 'accept' },
      { kind: 'requestCancel' },
      { kind: 'rejectCancel' },
      { kind: 'requestReplace' },
      { kind: 'rejectReplace' },
      { kind: 'update' },
    ),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom<Step>(
      { kind: 'reject' },
      { kind: 'cancel' },
      { kind: 'expire' },
      { kind: 'replace' },
    ),
    weight: 1,
  },
  { arbitrary: fc.constant<Step>({ kind: 'fillRest' }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      quantity: fc.integer({ min: 1, max: 60 }),
      price: fc.double({ min: 1, max: 100, noNaN: true }),
    }),
    weight: 2,
  },
);

function applyStep(order: Order, s: Step, ts: number): Order {
  switch (s.kind) {
    case 'submit':
      return submitOrder(order, ts);
    case 'accept':
      return acceptOrder(order, ts);
    case 'reject':
      return rejectOrder(order, ts, 'no');
    case 'requestCancel':
      return requestCancel(order, ts);
    case 'rejectCancel':
      return rejectCancel(order, ts);
    case 'cancel':
      return cancelOrder(order, ts);
    case 'expire':
      return expireOrder(order, ts);
    case 'requestReplace':
      return requestReplace(order, ts);
    case 'rejectReplace':
      return rejectReplace(order, ts);
    case 'fill':
      return applyFill(order, fillOf(order, s.quantity, s.price, ts));
    case 'fillRest':
      return applyFill(order, fillOf(order, remainingQuantity(order), 10, ts));
    case 'update':
      return unwrap(updateOrder(order, { limitPrice: 9 + (ts % 3) }, ts));
    case 'replace':
      return unwrap(replaceOrder(order, { id: orderId(`r-${ts}`) }, { limitPrice: 11 }, ts)).replaced;
  }
}

/** Applies random steps, checking the invariants after each accepted one; records the edges it took. */
function walk(steps: readonly Step[], seen: Set<string>): void {
  let order = newOrder();
  let ts = 1000;
  for (const s of steps) {
    ts += 1;
    // Frozen: a transition that mutated its argument would throw a TypeError, failing the test.
    const before = Object.freeze(order);
    try {
      order = applyStep(before, s, ts);
    } catch (error) {
      expect(error).toBeInstanceOf(NeuralTraderError);
      continue;
    }
    if (order === before) {
      // Only a refusal that arrives after the order moved on is a no-op.
      expect(['rejectCancel', 'rejectReplace']).toContain(s.kind);
      continue;
    }
    seen.add(`${before.status}>${order.status}`);
    expect(isTerminal(before.status)).toBe(false);
    // An amendment of a working order keeps its status; every other change is an edge of the table.
    const amendedInPlace = s.kind === 'update' && order.status === before.status;
    expect(amendedInPlace || canTransition(before.status, order.status)).toBe(true);
    expect(order.filledQuantity).toBeGreaterThanOrEqual(before.filledQuantity);
    expect(order.filledQuantity).toBeLessThanOrEqual(order.quantity);
    expect(order.status === 'filled').toBe(order.filledQuantity === order.quantity);
  }
}

describe('order life cycle under random events', () => {
  it('only follows table edges, never leaves a terminal state and never overfills', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => walk(steps, new Set())),
      { numRuns: 300 },
    );
  });

  it('explores the machine deeply with a fixed seed, so the walks above are not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => walk(steps, seen)),
      { numRuns: 500, seed: 20_240_501 },
    );
    for (const edge of [
      'pending_cancel>filled',
      'pending_cancel>partially_filled',
      'pending_cancel>accepted',
      'pending_replace>accepted',
      'partially_filled>canceled',
      'partially_filled>partially_filled',
      'accepted>filled',
      'partially_filled>replaced',
      'accepted>accepted',
    ]) {
      expect(seen).toContain(edge);
    }
    expect(seen.size).toBeGreaterThanOrEqual(30);
  });
});

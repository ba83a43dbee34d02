import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IllegalStateError } from '../core/errors.js';
import {
  ORDER_TRANSITIONS,
  TERMINAL_ORDER_STATUSES,
  assertTransition,
  canTransition,
  isOrderStatus,
  isTerminal,
} from './order-status.js';
import { ORDER_STATUSES, type OrderStatus } from './order.types.js';

const status = fc.constantFrom(...ORDER_STATUSES);

function reachableFrom(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue: OrderStatus[] = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of ORDER_TRANSITIONS[next]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('order status state machine', () => {
  it('has a row for every status and only known statuses as targets', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const to of targets) expect(ORDER_STATUSES).toContain(to);
      expect(new Set(targets).size).toBe(targets.length);
    }
  });

  it('makes exactly filled, canceled, expired, rejected and replaced terminal', () => {
    const terminal = ORDER_STATUSES.filter((s) => isTerminal(s));
    expect(terminal.sort()).toEqual([...TERMINAL_ORDER_STATUSES].sort());
    expect([...TERMINAL_ORDER_STATUSES].sort()).toEqual([
      'canceled',
      'expired',
      'filled',
      'rejected',
      'replaced',
    ]);
  });

  it('reaches every status from new', () => {
    expect([...reachableFrom('new')].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('has no dead end: every non-terminal status can still reach a terminal one', () => {
    for (const from of ORDER_STATUSES) {
      const reachable = [...reachableFrom(from)];
      expect(reachable.some((s) => isTerminal(s))).toBe(true);
    }
  });

  it('lets fills race a pending cancel and a cancel be refused', () => {
    expect(canTransition('pending_cancel', 'filled')).toBe(true);
    expect(canTransition('pending_cancel', 'partially_filled')).toBe(true);
    expect(canTransition('pending_cancel', 'accepted')).toBe(true);
    expect(canTransition('partially_filled', 'partially_filled')).toBe(true);
  });

  it('refuses edges that skip submission or revive a finished order', () => {
    expect(canTransition('new', 'filled')).toBe(false);
    expect(canTransition('new', 'expired')).toBe(false);
    expect(canTransition('pending_new', 'pending_replace')).toBe(false);
    expect(canTransition('partially_filled', 'rejected')).toBe(false);
    expect(canTransition('canceled', 'filled')).toBe(false);
    expect(canTransition('filled', 'accepted')).toBe(false);
  });

  it('throws an IllegalStateError naming both states for an illegal edge', () => {
    expect(() => assertTransition('filled', 'canceled')).toThrow(IllegalStateError);
    expect(() => assertTransition('filled', 'canceled')).toThrow(/"filled".*"canceled".*terminal/);
    expect(() => assertTransition('new', 'filled')).toThrow(
      /from "new" to "filled": expected one of pending_new/,
    );
  });

  it('accepts every edge of the table without throwing', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_TRANSITIONS[from]) expect(() => assertTransition(from, to)).not.toThrow();
    }
  });

  it('never leaves a terminal state under random transition attempts', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 60 }), (attempts) => {
        let current: OrderStatus = 'new';
        let terminalSince: OrderStatus | null = null;
        for (const to of attempts) {
          const allowed = canTransition(current, to);
          expect(allowed).toBe(ORDER_TRANSITIONS[current].includes(to));
          if (allowed) {
            assertTransition(current, to);
            current = to;
          } else {
            expect(() => assertTransition(current, to)).toThrow(IllegalStateError);
          }
          if (terminalSince !== null) expect(current).toBe(terminalSince);
          if (isTerminal(current)) terminalSince = current;
        }
      }),
    );
  });

  it('agrees between canTransition and assertTransition for every pair', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        let threw = false;
        try {
          assertTransition(from, to);
        } catch (error) {
          threw = true;
          expect(error).toBeInstanceOf(IllegalStateError);
        }
        expect(threw).toBe(!canTransition(from, to));
      }),
    );
  });

  it('recognises status strings', () => {
    expect(isOrderStatus('pending_cancel')).toBe(true);
    expect(isOrderStatus('done_for_day')).toBe(false);
  });
});

import { IllegalStateError, quote } from '../core/errors.js';
import { ORDER_STATUSES, type OrderStatus } from './order.types.js';

/**
 * The order status state machine. Every change of an order's status goes through `assertTransition`, so an
 * order can only follow the edges below. Modelled on NautilusTrader's order FSM and Alpaca's order statuses:
 *
 * - `new`: created and validated locally, not yet sent anywhere.
 * - `pending_new`: submitted to the venue (or the simulated exchange), no acknowledgement yet.
 * - `accepted`: working at the venue (Alpaca calls this `new`; its own `accepted` is a pre-routing state
 *   that we fold into `pending_new`).
 * - `pending_cancel` / `pending_replace`: a cancel / replace request is in flight.
 * - Terminal: `filled`, `canceled`, `expired`, `rejected`, `replaced`. Nothing ever leaves them.
 *
 * Choices, edge by edge:
 * - new → pending_new: the normal submit. new → accepted: a venue that acknowledges synchronously (the
 *   simulated exchange, reconciliation of an order we did not see submitted). new → rejected: denied by the
 *   risk engine before it leaves the process. new → canceled: canceled before submission (a strategy changes
 *   its mind, an OCO sibling fills first). No new → expired: an order the venue never saw cannot expire
 *   there; dropping it locally is a cancel. No new → (partially_)filled: an order must be submitted first.
 * - pending_new → accepted / rejected: the venue's answer. pending_new → partially_filled / filled: the fill
 *   report can overtake the acknowledgement (NautilusTrader allows SUBMITTED → FILLED for this race).
 *   pending_new → canceled: an IOC / FOK order the venue cancels at once. pending_new → pending_cancel: the
 *   user may cancel before the acknowledgement arrives. No pending_new → pending_replace: there is no working
 *   order to replace yet (Alpaca refuses to replace a `pending_new` order). No pending_new → expired: the
 *   venue acknowledges an order before it can expire it.
 * - accepted → partially_filled / filled / canceled / expired: the venue's life cycle (canceled also covers
 *   venue-side cancels: IOC remainder, OCO sibling, broker risk). accepted → pending_cancel / pending_replace:
 *   our requests. accepted → rejected: a stop-limit can be rejected when it triggers (NautilusTrader keeps
 *   ACCEPTED → REJECTED for this; Alpaca notes rejections after acceptance on rare exchange decisions).
 *   accepted → replaced: a replace made outside this process (broker UI) reaches us only as `replaced`.
 * - partially_filled → partially_filled / filled: more fills. → canceled / expired: the remainder ends.
 *   → pending_cancel / pending_replace: our requests. → replaced: as for accepted. No → rejected: an order
 *   that has traded was live; its remainder is canceled, never rejected.
 * - pending_cancel → canceled: confirmed. → partially_filled / filled: fills race the cancel; a partial
 *   fill makes the status `partially_filled` (the status follows the latest venue event) and the cancel
 *   confirmation that follows is then partially_filled → canceled. → accepted / partially_filled: the cancel
 *   was rejected, back to the working state (which one follows from the filled quantity); accepted is also the
 *   late acknowledgement of an order canceled while `pending_new`. → rejected: the venue rejects an order
 *   canceled before its acknowledgement. → expired: the order expired while the cancel was in flight.
 * - pending_replace → replaced: confirmed (the venue issued a new order). → accepted / partially_filled: the
 *   replace was rejected, or an in-place amendment (NautilusTrader's OrderUpdated) was confirmed.
 *   → partially_filled / filled: fills race the replace (Alpaca rejects the replacement when the original
 *   fills first). → canceled / expired: the venue ended the order meanwhile. → pending_cancel: a cancel may
 *   follow a replace request that is still in flight (NautilusTrader allows PENDING_UPDATE → PENDING_CANCEL).
 * - No edge leaves a terminal state, not even a fill reported after a cancel confirmation: such out-of-order
 *   reports are for reconciliation in the live layer, which compares with the venue's order record.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['pending_new', 'accepted', 'rejected', 'canceled'],
  pending_new: ['accepted', 'rejected', 'partially_filled', 'filled', 'canceled', 'pending_cancel'],
  accepted: [
    'partially_filled',
    'filled',
    'pending_cancel',
    'pending_replace',
    'canceled',
    'expired',
    'rejected',
    'replaced',
  ],
  partially_filled: [
    'partially_filled',
    'filled',
    'pending_cancel',
    'pending_replace',
    'canceled',
    'expired',
    'replaced',
  ],
  pending_cancel: ['canceled', 'partially_filled', 'filled', 'accepted', 'rejected', 'expired'],
  pending_replace: [
    'replaced',
    'accepted',
    'partially_filled',
    'filled',
    'canceled',
    'expired',
    'pending_cancel',
  ],
  filled: [],
  canceled: [],
  expired: [],
  rejected: [],
  replaced: [],
};

/** Statuses no transition leaves. */
export const TERMINAL_ORDER_STATUSES = ['filled', 'canceled', 'expired', 'rejected', 'replaced'] as const;
export type TerminalOrderStatus = (typeof TERMINAL_ORDER_STATUSES)[number];

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: OrderStatus): status is TerminalOrderStatus {
  return ORDER_TRANSITIONS[status].length === 0;
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws IllegalStateError naming both states when `from → to` is not an edge of the state machine. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (canTransition(from, to)) return;
  const allowed = ORDER_TRANSITIONS[from];
  const expected =
    allowed.length === 0 ? `${quote(from)} is terminal` : `expected one of ${allowed.join(', ')}`;
  throw new IllegalStateError(`order status cannot change from ${quote(from)} to ${quote(to)}: ${expected}`);
}

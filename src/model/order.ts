import { IllegalStateError, InvalidInputError, quote } from '../core/errors.js';
import {
  clientOrderId as toClientOrderId,
  type AccountId,
  type ClientOrderId,
  type OrderId,
} from '../core/ids.js';
import { err, ok, type Result } from '../core/result.js';
import { assertTransition, isTerminal } from './order-status.js';
import { validateOrderRequest } from './order-validation.js';
import type { Fill, Order, OrderRequest, OrderStatus, TimeInForce } from './order.types.js';

/**
 * Orders are immutable values: the functions here never modify their argument; they return a new Order (or
 * the same one where nothing changes). Status changes go through the state machine (`assertTransition`), which throws IllegalStateError on an
 * edge it does not have; call `canTransition` first where a refusal is an expected outcome. Field values
 * that come from outside (a request, a modification) are validated and returned as a Result.
 */

/** Ids assigned when an order is created. `clientOrderId` defaults to the request's, then to `id`. */
export interface OrderIdentity {
  readonly id: OrderId;
  readonly clientOrderId?: ClientOrderId;
  readonly accountId?: AccountId | null;
  /** The entry order of a bracket / OTO exit leg. */
  readonly parentId?: OrderId | null;
}

/** Fields a replace / amend may change. Giving trailPrice clears trailPercent and the reverse. */
export interface OrderChanges {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly trailPrice?: number;
  readonly trailPercent?: number;
  readonly timeInForce?: TimeInForce;
}

/** Validates the request (see `validateOrderRequest`) and builds an order in status `new`. */
export function createOrder(
  request: OrderRequest,
  ids: OrderIdentity,
  tsInit: number,
): Result<Order, InvalidInputError> {
  if (!Number.isFinite(tsInit))
    return err(new InvalidInputError(`tsInit ${quote(tsInit)} must be a finite epoch ms`));
  const problem = validateOrderRequest(request);
  if (problem !== null) return err(problem);
  return ok({
    id: ids.id,
    clientOrderId: ids.clientOrderId ?? request.clientOrderId ?? toClientOrderId(ids.id),
    accountId: ids.accountId ?? null,
    instrumentId: request.instrumentId,
    strategyId: request.strategyId ?? null,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce ?? 'day',
    orderClass: request.orderClass ?? 'simple',
    quantity: request.quantity,
    limitPrice: request.limitPrice ?? null,
    stopPrice: request.stopPrice ?? null,
    trailPrice: request.trailPrice ?? null,
    trailPercent: request.trailPercent ?? null,
    takeProfitPrice: request.takeProfitPrice ?? null,
    stopLossPrice: request.stopLossPrice ?? null,
    parentId: ids.parentId ?? null,
    reduceOnly: request.reduceOnly ?? false,
    status: 'new',
    filledQuantity: 0,
    averageFillPrice: null,
    tsInit,
    tsLast: tsInit,
    reason: null,
  });
}

/** Quantity still to fill: `quantity - filledQuantity`. */
export function remainingQuantity(order: Order): number {
  return order.quantity - order.filledQuantity;
}

/**
 * An order that was sent and may still trade: pending_new, accepted, partially_filled, pending_cancel or
 * pending_replace. A `new` order has not left the process; terminal orders are done.
 */
export function isOpen(order: Order): boolean {
  return order.status !== 'new' && !isTerminal(order.status);
}

function transition(
  order: Order,
  to: OrderStatus,
  tsEvent: number,
  reason: string | null = order.reason,
): Order {
  assertTransition(order.status, to);
  return withProgress(order, to, order.filledQuantity, order.averageFillPrice, tsEvent, reason);
}

/**
 * A copy of `order` with new status and fill progress, written out field by field: V8 (Node 20) builds an
 * object spread followed by extra properties through a slow path (≈1 µs), and this sits on every fill.
 */
function withProgress(
  order: Order,
  status: OrderStatus,
  filledQuantity: number,
  averageFillPrice: number | null,
  tsLast: number,
  reason: string | null,
): Order {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    orderClass: order.orderClass,
    quantity: order.quantity,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    trailPrice: order.trailPrice,
    trailPercent: order.trailPercent,
    takeProfitPrice: order.takeProfitPrice,
    stopLossPrice: order.stopLossPrice,
    parentId: order.parentId,
    reduceOnly: order.reduceOnly,
    status,
    filledQuantity,
    averageFillPrice,
    tsInit: order.tsInit,
    tsLast,
    reason,
  };
}

/** The working status an order returns to when a cancel / replace request fails. */
function workingStatus(order: Order): OrderStatus {
  return order.filledQuantity > 0 ? 'partially_filled' : 'accepted';
}

/** new → pending_new: sent to the venue. */
export function submitOrder(order: Order, tsEvent: number): Order {
  return transition(order, 'pending_new', tsEvent);
}

/** The venue acknowledged the order: it is working. */
export function acceptOrder(order: Order, tsEvent: number): Order {
  return transition(order, 'accepted', tsEvent);
}

/** Rejected by the risk engine (from `new`) or by the venue. */
export function rejectOrder(order: Order, tsEvent: number, reason: string): Order {
  return transition(order, 'rejected', tsEvent, reason);
}

export function requestCancel(order: Order, tsEvent: number): Order {
  return transition(order, 'pending_cancel', tsEvent);
}

/**
 * The venue refused the cancel. From pending_cancel the order returns to accepted or partially_filled,
 * whichever its fills say. In any other status the refusal arrived after a fill (or the venue's answer)
 * moved the order on, which is a normal race: the order is returned unchanged (the same object). The
 * reason travels on the OrderCancelRejected event, not on the order, whose `reason` explains its end.
 */
export function rejectCancel(order: Order, tsEvent: number): Order {
  return order.status === 'pending_cancel' ? transition(order, workingStatus(order), tsEvent) : order;
}

export function cancelOrder(order: Order, tsEvent: number, reason: string | null = null): Order {
  return transition(order, 'canceled', tsEvent, reason);
}

export function expireOrder(order: Order, tsEvent: number): Order {
  return transition(order, 'expired', tsEvent);
}

export function requestReplace(order: Order, tsEvent: number): Order {
  return transition(order, 'pending_replace', tsEvent);
}

/** The venue refused the replace; same rules as `rejectCancel`, for pending_replace. */
export function rejectReplace(order: Order, tsEvent: number): Order {
  return order.status === 'pending_replace' ? transition(order, workingStatus(order), tsEvent) : order;
}

/**
 * Applies one execution. `filledQuantity` grows by the fill and `averageFillPrice` becomes the VWAP:
 * `(avg * filled + price * quantity) / (filled + quantity)`. The status becomes `filled` when nothing
 * remains, else `partially_filled`. Refuses (InvalidInputError) a fill for another order, instrument or side,
 * and one that would fill more than the order's quantity; refuses (IllegalStateError) a fill in a status
 * without an edge to the result, such as a terminal one. A cumulative quantity within 1e-9 (relative) of the
 * order quantity counts as complete, so fractional lots summed in float do not leave a dust remainder.
 */
export function applyFill(order: Order, fill: Fill): Order {
  if (fill.orderId !== order.id) {
    throw new InvalidInputError(
      `fill orderId ${quote(fill.orderId)} does not match order ${quote(order.id)}`,
    );
  }
  if (fill.instrumentId !== order.instrumentId) {
    throw new InvalidInputError(
      `fill instrumentId ${quote(fill.instrumentId)} does not match order instrument ${quote(order.instrumentId)}`,
    );
  }
  if (fill.side !== order.side) {
    throw new InvalidInputError(
      `fill side ${quote(fill.side)} does not match order side ${quote(order.side)}`,
    );
  }
  const tolerance = 1e-9 * order.quantity;
  let filled = order.filledQuantity + fill.quantity;
  if (filled > order.quantity + tolerance) {
    throw new InvalidInputError(
      `fill quantity ${quote(fill.quantity)} overfills order ${quote(order.id)}: ` +
        `${quote(order.filledQuantity)} of ${quote(order.quantity)} already filled`,
    );
  }
  if (filled >= order.quantity - tolerance) filled = order.quantity;
  const status: OrderStatus = filled === order.quantity ? 'filled' : 'partially_filled';
  assertTransition(order.status, status);
  const previousAverage = order.averageFillPrice ?? 0;
  const averageFillPrice =
    (previousAverage * order.filledQuantity + fill.price * fill.quantity) /
    (order.filledQuantity + fill.quantity);
  return withProgress(order, status, filled, averageFillPrice, fill.tsEvent, order.reason);
}

/** Rebuilds the request an order stands for, with changes applied (optional fields absent, never undefined). */
function requestWithChanges(order: Order, changes: OrderChanges, quantity: number): OrderRequest {
  const trailChanged = changes.trailPrice !== undefined || changes.trailPercent !== undefined;
  const fields: Record<string, unknown> = {
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: changes.quantity ?? quantity,
    timeInForce: changes.timeInForce ?? order.timeInForce,
    orderClass: order.orderClass,
    clientOrderId: order.clientOrderId,
    reduceOnly: order.reduceOnly,
    limitPrice: changes.limitPrice ?? order.limitPrice,
    stopPrice: changes.stopPrice ?? order.stopPrice,
    trailPrice: trailChanged ? changes.trailPrice : order.trailPrice,
    trailPercent: trailChanged ? changes.trailPercent : order.trailPercent,
    takeProfitPrice: order.takeProfitPrice,
    stopLossPrice: order.stopLossPrice,
    strategyId: order.strategyId,
  };
  for (const key of Object.keys(fields))
    if (fields[key] === null || fields[key] === undefined) delete fields[key];
  return fields as unknown as OrderRequest;
}

/**
 * An in-place amendment confirmed by the venue (NautilusTrader's OrderUpdated): pending_replace → accepted or
 * partially_filled with the changed fields. A working order (accepted, partially_filled) whose pending status
 * a fill overtook takes the changes and keeps its status; any other status throws IllegalStateError. The new
 * quantity is the order's total and must stay above what has already filled.
 */
export function updateOrder(
  order: Order,
  changes: OrderChanges,
  tsEvent: number,
): Result<Order, InvalidInputError> {
  const working = order.status === 'accepted' || order.status === 'partially_filled';
  if (order.status !== 'pending_replace' && !working) {
    throw new IllegalStateError(
      `cannot update order ${quote(order.id)} in status ${quote(order.status)}: ` +
        'expected pending_replace, accepted or partially_filled',
    );
  }
  const request = requestWithChanges(order, changes, order.quantity);
  const problem = validateOrderRequest(request);
  if (problem !== null) return err(problem);
  if (!(request.quantity > order.filledQuantity)) {
    return err(
      new InvalidInputError(
        `quantity ${quote(request.quantity)} must be above the filled quantity ${quote(order.filledQuantity)}`,
      ),
    );
  }
  const updated = working ? { ...order, tsLast: tsEvent } : transition(order, workingStatus(order), tsEvent);
  return ok({
    ...updated,
    quantity: request.quantity,
    timeInForce: request.timeInForce ?? order.timeInForce,
    limitPrice: request.limitPrice ?? null,
    stopPrice: request.stopPrice ?? null,
    trailPrice: request.trailPrice ?? null,
    trailPercent: request.trailPercent ?? null,
  });
}

export interface OrderReplacement {
  /** The original order, now `replaced` (terminal); it keeps its fills. */
  readonly replaced: Order;
  /** The venue's new order, `accepted`, with nothing filled yet. */
  readonly replacement: Order;
}

/**
 * A replace confirmed by a venue that issues a new order (Alpaca): the original becomes `replaced` and keeps
 * its fills; the replacement carries the changes and, unless `changes.quantity` says otherwise, the
 * original's remaining quantity, so no share is counted twice.
 */
export function replaceOrder(
  order: Order,
  ids: OrderIdentity,
  changes: OrderChanges,
  tsEvent: number,
): Result<OrderReplacement, InvalidInputError> {
  assertTransition(order.status, 'replaced');
  const request = requestWithChanges(order, changes, remainingQuantity(order));
  const identity: OrderIdentity = {
    id: ids.id,
    clientOrderId: ids.clientOrderId ?? toClientOrderId(ids.id),
    accountId: ids.accountId ?? order.accountId,
    parentId: ids.parentId ?? order.parentId,
  };
  const created = createOrder(request, identity, tsEvent);
  if (!created.ok) return created;
  return ok({
    replaced: transition(order, 'replaced', tsEvent),
    replacement: acceptOrder(created.value, tsEvent),
  });
}

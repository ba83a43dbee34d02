import { NeuralTraderError } from '../../core/errors.js';
import type { Order } from '../../model/order.types.js';
import type { IntrabarPath } from './intrabar-path.js';
import type { EvaluationWindow, WorkingOrder } from './working-order.js';

/** Where and how an order trades on a bar: path time, reference (unslipped) price and liquidity. */
export interface Match {
  readonly time: number;
  readonly price: number;
  readonly liquidity: 'maker' | 'taker';
  /** True when the price condition already held at the start of the window (not reached along the path). */
  readonly atStart: boolean;
}

/**
 * Finds the first point of the window at which the order trades, per type (buy shown; sell mirrored):
 * - market: at the window's start (the open or the close, see `evaluationWindow`), taker.
 * - limit: when the price is at or below the limit; at `min(limit, price at window start)`, so a bar that
 *   opens through the limit fills at the open. Maker when the order had rested before (or the path reached the
 *   limit after the order arrived), taker when it was marketable on arrival.
 * - stop: triggers when the price is at or above the stop and fills there as a market order, at
 *   `max(stop, price at window start)`: a gap through the stop fills at the open, not at the stop. Taker.
 * - stop_limit: the stop triggers as above; from the trigger point on, the order is a limit order (taker if
 *   marketable at the trigger point, maker when the path comes back to the limit later). Stays triggered.
 * - trailing_stop: the stop level trails the best price since the order started working (`waterMark - trail`
 *   or `waterMark * (1 - percent / 100)` for a sell; `waterMark + trail`, `* (1 + percent / 100)` for a buy).
 *   The water mark starts at the window's first price and follows the path segment by segment, in path
 *   order; while the path moves in the order's favour the level follows it, when it moves against it the
 *   level is fixed and triggers when touched (at the start price on a gap). Taker.
 * Stops and trailing stops triggered on an earlier bar are market orders (see `evaluationWindow`).
 *
 * Updates the trigger state and water mark of `working` as the path goes: the state persists across bars.
 */
export function findMatch(working: WorkingOrder, path: IntrabarPath, window: EvaluationWindow): Match | null {
  const order = working.order;
  const { from, to } = window;
  switch (order.type) {
    case 'market':
      return { time: from, price: path.priceAt(from), liquidity: 'taker', atStart: true };
    case 'limit':
      return matchLimit(order, path, from, to, working.rested);
    case 'stop':
      return working.triggered ? marketAt(path, from) : matchStop(working, path, from, to);
    case 'stop_limit':
      return matchStopLimit(working, path, from, to);
    case 'trailing_stop':
      return working.triggered ? marketAt(path, from) : matchTrailing(working, path, from, to);
  }
}

function marketAt(path: IntrabarPath, time: number): Match {
  return { time, price: path.priceAt(time), liquidity: 'taker', atStart: true };
}

/** Buys trade at or below the limit, sells at or above. */
function limitDirection(order: Order): 'below' | 'above' {
  return order.side === 'buy' ? 'below' : 'above';
}

/** Buy stops trigger at or above the stop, sell stops at or below. */
function stopDirection(order: Order): 'below' | 'above' {
  return order.side === 'buy' ? 'above' : 'below';
}

function matchLimit(
  order: Order,
  path: IntrabarPath,
  from: number,
  to: number,
  rested: boolean,
): Match | null {
  if (order.limitPrice === null) throw missingPrice(order, 'limitPrice');
  const touch = path.firstTouch(from, to, order.limitPrice, limitDirection(order));
  if (touch === null) return null;
  const liquidity = touch.atStart && !rested ? 'taker' : 'maker';
  return { time: touch.time, price: touch.price, liquidity, atStart: touch.atStart };
}

function matchStop(working: WorkingOrder, path: IntrabarPath, from: number, to: number): Match | null {
  const order = working.order;
  if (order.stopPrice === null) throw missingPrice(order, 'stopPrice');
  const touch = path.firstTouch(from, to, order.stopPrice, stopDirection(order));
  if (touch === null) return null;
  working.triggered = true;
  return { time: touch.time, price: touch.price, liquidity: 'taker', atStart: touch.atStart };
}

function matchStopLimit(working: WorkingOrder, path: IntrabarPath, from: number, to: number): Match | null {
  const order = working.order;
  if (working.triggered) return matchLimit(order, path, from, to, working.rested);
  if (order.stopPrice === null) throw missingPrice(order, 'stopPrice');
  const trigger = path.firstTouch(from, to, order.stopPrice, stopDirection(order));
  if (trigger === null) return null;
  working.triggered = true;
  // The limit order arrives at the trigger point: it has not rested yet.
  const match = matchLimit(order, path, trigger.time, to, false);
  return match === null ? null : { ...match, atStart: match.atStart && trigger.atStart };
}

/** The trailing stop level for a water mark. */
export function trailingStopLevel(order: Order, waterMark: number): number {
  const sign = order.side === 'sell' ? -1 : 1;
  if (order.trailPrice !== null) return waterMark + sign * order.trailPrice;
  if (order.trailPercent === null) throw missingPrice(order, 'trailPercent');
  return waterMark * (1 + (sign * order.trailPercent) / 100);
}

function matchTrailing(working: WorkingOrder, path: IntrabarPath, from: number, to: number): Match | null {
  const order = working.order;
  const sell = order.side === 'sell';
  let time = from;
  let price = path.priceAt(from);
  let mark = working.waterMark ?? price;
  mark = sell ? Math.max(mark, price) : Math.min(mark, price);
  let level = trailingStopLevel(order, mark);
  if (sell ? price <= level : price >= level) return trigger(working, mark, time, price, true);
  while (time < to) {
    const end = Math.min(Math.floor(time) + 1, to);
    const endPrice = path.priceAt(end);
    const favourable = sell ? endPrice >= price : endPrice <= price;
    if (favourable) {
      mark = sell ? Math.max(mark, endPrice) : Math.min(mark, endPrice);
      level = trailingStopLevel(order, mark);
    } else if (sell ? endPrice <= level : endPrice >= level) {
      const crossing = time + ((level - price) / (endPrice - price)) * (end - time);
      return trigger(working, mark, crossing, level, false);
    }
    time = end;
    price = endPrice;
  }
  working.waterMark = mark;
  return null;
}

function trigger(working: WorkingOrder, mark: number, time: number, price: number, atStart: boolean): Match {
  working.waterMark = mark;
  working.triggered = true;
  return { time, price, liquidity: 'taker', atStart };
}

/** A validated order always has the price its type needs; its absence is a bug (message built only then). */
function missingPrice(order: Order, field: string): NeuralTraderError {
  return new NeuralTraderError(
    'INTERNAL',
    `invariant violated: ${order.type} order ${order.id} has no ${field}`,
  );
}

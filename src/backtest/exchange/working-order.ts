import { remainingQuantity } from '../../model/order.js';
import type { Order } from '../../model/order.types.js';
import type { FillTiming } from '../backtest.types.js';

/**
 * The exchange's mutable bookkeeping around one working order. The Order itself stays immutable: each
 * transition replaces `order` with the value the model's pure functions return.
 */
export interface WorkingOrder {
  order: Order;
  /** Submission sequence: orders of one bar are processed, and their events emitted, in this order. */
  readonly sequence: number;
  /** The order may trade only on bars with tsEvent >= eligibleFrom (submission ts + latency). */
  eligibleFrom: number;
  /** UTC day index (`floor(ts / 86_400_000)`) of the first bar the order was evaluated on; day orders die after it. */
  tradingDay: number | null;
  /** The order has been through at least one evaluation (bar or same-bar close) and is still working. */
  rested: boolean;
  /** A stop, stop_limit or trailing_stop whose stop has been reached. */
  triggered: boolean;
  /** Trailing stops: the best price since the order started working (highest for a sell, lowest for a buy). */
  waterMark: number | null;
  /** Serial of the last bar evaluation that processed this order: each order is matched once per bar. */
  lastBarSerial: number;
  /** The other leg of an active OCO pair, or null. */
  ocoSibling: WorkingOrder | null;
  /** Cumulative executions, for the fee model. */
  fills: number;
  makerNotional: number;
  takerNotional: number;
  commission: number;
}

export function newWorkingOrder(order: Order, sequence: number, eligibleFrom: number): WorkingOrder {
  return {
    order,
    sequence,
    eligibleFrom,
    tradingDay: null,
    rested: false,
    triggered: false,
    waterMark: null,
    lastBarSerial: -1,
    ocoSibling: null,
    fills: 0,
    makerNotional: 0,
    takerNotional: 0,
    commission: 0,
  };
}

export const MILLISECONDS_PER_DAY = 86_400_000;

/** UTC calendar day index of an epoch-ms time. */
export function utcDay(ts: number): number {
  return Math.floor(ts / MILLISECONDS_PER_DAY);
}

/** A day order evaluated on an earlier UTC day than `tsEvent`'s is over (gtc and others never are). */
export function isDayOver(working: WorkingOrder, tsEvent: number): boolean {
  return (
    working.order.timeInForce === 'day' && working.tradingDay !== null && utcDay(tsEvent) > working.tradingDay
  );
}

/**
 * Which part of a bar's path (path times, see IntrabarPath) an order may trade in, and what happens to a
 * remainder left at the end of it: `keep` working, `expire` (opg / cls) or `cancel` (ioc / fok).
 */
export interface EvaluationWindow {
  readonly from: number;
  readonly to: number;
  readonly remainder: 'keep' | 'expire' | 'cancel';
}

const OPEN = 0;
const CLOSE = 3;

// Shared window values: the common cases allocate nothing per bar (ARCHITECTURE §7).
const AT_OPEN_EXPIRE: EvaluationWindow = { from: OPEN, to: OPEN, remainder: 'expire' };
const AT_CLOSE_EXPIRE: EvaluationWindow = { from: CLOSE, to: CLOSE, remainder: 'expire' };
const AT_OPEN_CANCEL: EvaluationWindow = { from: OPEN, to: OPEN, remainder: 'cancel' };
const AT_CLOSE_CANCEL: EvaluationWindow = { from: CLOSE, to: CLOSE, remainder: 'cancel' };
const AT_OPEN_KEEP: EvaluationWindow = { from: OPEN, to: OPEN, remainder: 'keep' };
const AT_CLOSE_KEEP: EvaluationWindow = { from: CLOSE, to: CLOSE, remainder: 'keep' };
const WHOLE_BAR: EvaluationWindow = { from: OPEN, to: CLOSE, remainder: 'keep' };

/**
 * The point where a market order trades: the open under `next-open`, the close under `next-close` and
 * `close` (under `close`, an order that could not trade at its decision bar's close trades at the next
 * close, like `next-close`).
 */
export function marketPoint(timing: FillTiming): number {
  return timing === 'next-open' ? OPEN : CLOSE;
}

/**
 * Time in force and order type → evaluation window, for an order starting at path time `from` (0 for a
 * whole bar, later for legs activated mid-bar):
 * - opg: the open of its first bar only (then the remainder expires); cls: the close of its first bar only.
 * - ioc / fok: a single point, the order's arrival: the open under `next-open`, the close otherwise.
 * - market orders, and stops / trailing stops triggered on an earlier bar: the market point of each bar.
 * - everything else (limit, untriggered stops, day / gtc): the whole path from `from` to the close.
 */
export function evaluationWindow(working: WorkingOrder, timing: FillTiming, from: number): EvaluationWindow {
  const { type, timeInForce } = working.order;
  if (timeInForce === 'opg') return AT_OPEN_EXPIRE;
  if (timeInForce === 'cls') return AT_CLOSE_EXPIRE;
  if (timeInForce === 'ioc' || timeInForce === 'fok') {
    return marketPoint(timing) === OPEN ? AT_OPEN_CANCEL : AT_CLOSE_CANCEL;
  }
  const marketLike =
    type === 'market' || (working.triggered && (type === 'stop' || type === 'trailing_stop'));
  if (marketLike) {
    const point = Math.max(from, marketPoint(timing));
    return point === OPEN
      ? AT_OPEN_KEEP
      : point === CLOSE
        ? AT_CLOSE_KEEP
        : { from: point, to: point, remainder: 'keep' };
  }
  return from === OPEN ? WHOLE_BAR : { from, to: CLOSE, remainder: 'keep' };
}

/** Why the remainder of an opg / cls / ioc / fok order ends after its only evaluation. */
export function remainderReason(order: Order, window: EvaluationWindow, shortfall: string | null): string {
  const reason =
    shortfall ?? `${order.timeInForce} order not filled at ${window.from === 0 ? 'the open' : 'the close'}`;
  return `${reason}; remainder ${remainingQuantity(order)} canceled`;
}

import type { Fill, Order } from '../model/order.types.js';
import type { Strategy } from '../strategies/strategy.js';

function eventBase(order: Order, tsEvent: number) {
  return {
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    accountId: order.accountId,
    tsEvent,
    tsInit: tsEvent,
  };
}

/** Tells a strategy that its order ended without (more) fills: canceled or expired → onOrderCanceled, rejected → onOrderRejected. */
export function notifyOrderEnded(strategy: Strategy, order: Order, now: number): void {
  const base = eventBase(order, now);
  if (order.status === 'canceled' || order.status === 'expired') {
    strategy.onOrderCanceled({ ...base, type: 'OrderCanceled', reason: order.reason });
  } else if (order.status === 'rejected') {
    strategy.onOrderRejected({ ...base, type: 'OrderRejected', reason: order.reason ?? 'rejected' });
  }
}

/** Tells a strategy about one execution of its order (the same OrderFilled event a backtest publishes). */
export function notifyFill(strategy: Strategy, order: Order, fill: Fill): void {
  strategy.onOrderFilled({
    ...eventBase(order, fill.tsEvent),
    type: 'OrderFilled',
    fill,
    status: order.status,
  });
}

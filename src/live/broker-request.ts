import type { BrokerOrderRequest } from '../engine/execution-client.types.js';
import type { Order } from '../model/order.types.js';

/** The request that sends a journaled order to the broker, under its client order id (optional fields absent, never null). */
export function toBrokerRequest(order: Order): BrokerOrderRequest {
  return {
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    timeInForce: order.timeInForce,
    orderClass: order.orderClass,
    clientOrderId: order.clientOrderId,
    reduceOnly: order.reduceOnly,
    ...optional('limitPrice', order.limitPrice),
    ...optional('stopPrice', order.stopPrice),
    ...optional('trailPrice', order.trailPrice),
    ...optional('trailPercent', order.trailPercent),
    ...optional('takeProfitPrice', order.takeProfitPrice),
    ...optional('stopLossPrice', order.stopLossPrice),
    ...(order.strategyId === null ? {} : { strategyId: order.strategyId }),
  };
}

function optional<K extends string>(key: K, value: number | null): { [P in K]?: number } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: number };
}

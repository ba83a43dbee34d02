import type { InstrumentId, OrderId } from '../../core/ids.js';
import { isTerminal } from '../../model/order-status.js';
import type { OrderSide } from '../../model/order.types.js';
import type { RiskView } from '../pre-trade/risk-view.types.js';

export interface KillSwitchRequest {
  /** Also close every position (market orders), not only cancel the open orders. */
  readonly flatten: boolean;
  readonly operator: string;
  readonly reason: string;
}

/** One closing order: the opposite side of the net position, its whole size. */
export interface FlattenOrder {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
}

/**
 * What the engine must do for an emergency stop: cancel every open order, then (when asked) submit one
 * market order per instrument that closes its net position, checked with `{ purpose: 'kill-switch' }` so it
 * passes the halted gate. Instruments are in first-seen order of `view.positions()`.
 */
export interface KillSwitchPlan {
  readonly cancel: readonly OrderId[];
  readonly flatten: readonly FlattenOrder[];
}

export function planKillSwitch(view: RiskView, flatten: boolean): KillSwitchPlan {
  const cancel: OrderId[] = [];
  for (const order of view.openOrders()) if (!isTerminal(order.status)) cancel.push(order.id);
  const orders: FlattenOrder[] = [];
  if (flatten) {
    const net = new Map<InstrumentId, number>();
    for (const position of view.positions()) {
      net.set(position.instrumentId, (net.get(position.instrumentId) ?? 0) + position.quantity);
    }
    for (const [instrumentId, quantity] of net) {
      if (quantity !== 0)
        orders.push({ instrumentId, side: quantity > 0 ? 'sell' : 'buy', quantity: Math.abs(quantity) });
    }
  }
  return { cancel, flatten: orders };
}

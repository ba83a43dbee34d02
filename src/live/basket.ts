import type { Portfolio } from '../engine/portfolio.js';
import type { Order } from '../model/order.types.js';
import type { StrategyOrderRequest } from '../strategies/strategy-context.js';
import type { LiveStrategyContext } from './live-strategy-context.js';
import type { OrderManager } from './order-manager.js';
import type { PlannedOrder, RebalancePlan } from './rebalance-plan.js';

export interface BasketResult {
  readonly request: StrategyOrderRequest;
  /** Null when the request itself was invalid (no order could be created). */
  readonly order: Order | null;
  /** False when the order was denied, rejected, canceled or expired. */
  readonly ok: boolean;
  readonly reason: string | null;
}

const FAILED = new Set(['rejected', 'canceled', 'expired']);

/**
 * Submits a basket in parallel (issue 9): every order is risk-checked and journaled like any other, all are
 * sent at once, and each gets its own result: one refusal does not stop the others.
 */
export async function submitBasket(
  context: LiveStrategyContext,
  requests: readonly StrategyOrderRequest[],
): Promise<BasketResult[]> {
  const sent = requests.map((request) => {
    try {
      return context.submitAndWait(request);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  const settled = await Promise.allSettled(sent);
  return settled.map((outcome, index) => {
    const request = requests[index] as StrategyOrderRequest;
    if (outcome.status === 'rejected') {
      const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      return { request, order: null, ok: false, reason };
    }
    const order = outcome.value;
    const ok = !FAILED.has(order.status);
    return { request, order, ok, reason: ok ? null : (order.reason ?? order.status) };
  });
}

export interface RebalanceExecution {
  readonly sells: readonly BasketResult[];
  readonly buys: readonly BasketResult[];
}

/** Executes a plan: the sells as one basket, then (once they were answered) the buys as another. */
export async function executeRebalance(
  context: LiveStrategyContext,
  plan: RebalancePlan,
): Promise<RebalanceExecution> {
  const toRequest = (order: PlannedOrder): StrategyOrderRequest => ({
    symbol: order.symbol,
    side: order.side,
    type: 'market',
    quantity: order.quantity,
    timeInForce: 'day',
  });
  const sells = await submitBasket(context, plan.orders.filter((o) => o.side === 'sell').map(toRequest));
  const buys = await submitBasket(context, plan.orders.filter((o) => o.side === 'buy').map(toRequest));
  return { sells, buys };
}

/**
 * Cancels every working order of ours, then closes every position of the account with market orders that
 * pass the risk engine as kill-switch orders (they must reduce what they close) and are journaled.
 */
export async function flattenAccount(
  manager: OrderManager,
  account: Portfolio,
  operator: LiveStrategyContext,
): Promise<void> {
  for (const order of manager.openOrders()) await manager.cancel(order.clientOrderId);
  for (const position of account.positions()) {
    if (position.quantity === 0) continue;
    operator.submitChecked(
      {
        symbol: position.instrumentId,
        side: position.quantity > 0 ? 'sell' : 'buy',
        type: 'market',
        quantity: Math.abs(position.quantity),
        timeInForce: 'day',
      },
      'kill-switch',
    );
  }
}

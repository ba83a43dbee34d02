import type { OrderDenied } from '../../model/events.types.js';
import type { Order } from '../../model/order.types.js';
import type { RuleAllowed, RuleDecision, RuleDenial, RuleValues } from './rule.types.js';

/** The one "allowed" value (frozen, shared: an allowed check allocates nothing). */
export const ALLOWED: RuleAllowed = Object.freeze({ allowed: true });

export function deny(rule: string, message: string, values: RuleValues): RuleDenial {
  return { allowed: false, rule, message, values };
}

/**
 * A number for a message: at most 6 significant digits, no exponent for ordinary magnitudes, so messages
 * read `order notional 125000 exceeds max 100000` or `gross leverage 1.83333 ...`. The exact values travel
 * in `values`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** A fraction as a percentage with two decimals: 0.1234 → "12.34%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/**
 * The OrderDenied event for a refused order (ARCHITECTURE §5.2: a denial is an event, never an exception).
 * The message carries the numbers in words, `values` the same numbers by name.
 */
export function toOrderDenied(decision: RuleDenial, order: Order, tsEvent: number): OrderDenied {
  return {
    type: 'OrderDenied',
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    accountId: order.accountId,
    rule: decision.rule,
    message: decision.message,
    values: decision.values,
    tsEvent,
    tsInit: tsEvent,
  };
}

/** Narrows a decision to a denial (for callers that branch on it). */
export function isDenied(decision: RuleDecision): decision is RuleDenial {
  return !decision.allowed;
}

/** The denial of a rule that must value an order and has no price to value it at. */
export function noReferencePrice(rule: string, order: Order): RuleDenial {
  return deny(
    rule,
    `no reference price for ${order.instrumentId}: the order has no limit or stop price and no last price is known`,
    { instrumentId: order.instrumentId },
  );
}

/** A notional limit given absolutely and/or as a fraction of equity: min(maxNotional, maxEquityFraction × equity), Infinity when neither is set. */
export function notionalLimit(
  maxNotional: number | undefined,
  maxEquityFraction: number | undefined,
  equity: number,
): number {
  return Math.min(
    maxNotional ?? Infinity,
    maxEquityFraction === undefined ? Infinity : maxEquityFraction * equity,
  );
}

/** For a message: " (x% of equity E)" when the equity fraction is what binds the limit, else "". */
export function notionalLimitBasis(
  maxNotional: number | undefined,
  maxEquityFraction: number | undefined,
  equity: number,
): string {
  if (maxEquityFraction === undefined || maxEquityFraction * equity > (maxNotional ?? Infinity)) return '';
  return ` (${formatPercent(maxEquityFraction)} of equity ${formatNumber(equity)})`;
}

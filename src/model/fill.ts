import { InvalidInputError, quote } from '../core/errors.js';
import type { ClientOrderId, FillId, InstrumentId, OrderId, StrategyId } from '../core/ids.js';
import { err, ok, type Result } from '../core/result.js';
import { ORDER_SIDES, type Fill, type Order, type OrderSide } from './order.types.js';

/** What an execution report says; `createFill` validates it. Commission defaults to 0, liquidity to taker. */
export interface FillInit {
  readonly id: FillId;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly strategyId?: StrategyId | null;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission?: number;
  readonly liquidity?: 'maker' | 'taker';
  readonly tsEvent: number;
}

/** The execution details of a fill against a known order; ids, instrument and side come from the order. */
export type FillDetails = Pick<
  FillInit,
  'id' | 'quantity' | 'price' | 'commission' | 'liquidity' | 'tsEvent'
>;

/** Validates an execution: quantity and price finite and > 0, commission finite and >= 0, a finite tsEvent. */
export function createFill(init: FillInit): Result<Fill, InvalidInputError> {
  const commission = init.commission ?? 0;
  const liquidity = init.liquidity ?? 'taker';
  const problem = findProblem(init, commission, liquidity);
  if (problem !== null) return err(new InvalidInputError(problem));
  return ok({
    id: init.id,
    orderId: init.orderId,
    clientOrderId: init.clientOrderId,
    instrumentId: init.instrumentId,
    strategyId: init.strategyId ?? null,
    side: init.side,
    quantity: init.quantity,
    price: init.price,
    commission,
    liquidity,
    tsEvent: init.tsEvent,
  });
}

/** A fill against `order`: copies the order's ids, instrument, strategy and side. */
export function createFillForOrder(order: Order, details: FillDetails): Result<Fill, InvalidInputError> {
  // Field by field, not a spread: this runs on every fill and V8 clones spreads with overrides slowly.
  return createFill({
    id: details.id,
    quantity: details.quantity,
    price: details.price,
    commission: details.commission ?? 0,
    liquidity: details.liquidity ?? 'taker',
    tsEvent: details.tsEvent,
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    strategyId: order.strategyId,
    side: order.side,
  });
}

/** Traded value, unsigned: `quantity * price` (commission excluded). */
export function fillNotional(fill: Fill): number {
  return fill.quantity * fill.price;
}

/** Quantity with the sign of its effect on a position: + for a buy, - for a sell. */
export function signedFillQuantity(fill: Fill): number {
  return fill.side === 'buy' ? fill.quantity : -fill.quantity;
}

function findProblem(init: FillInit, commission: number, liquidity: string): string | null {
  if (!(ORDER_SIDES as readonly unknown[]).includes(init.side)) {
    return `side ${quote(init.side)} must be one of ${ORDER_SIDES.join(', ')}`;
  }
  if (!isFinitePositive(init.quantity))
    return `fill quantity ${quote(init.quantity)} must be a finite number > 0`;
  if (!isFinitePositive(init.price)) return `fill price ${quote(init.price)} must be a finite number > 0`;
  if (!(typeof commission === 'number' && Number.isFinite(commission) && commission >= 0)) {
    return `commission ${quote(commission)} must be a finite number >= 0`;
  }
  if (liquidity !== 'maker' && liquidity !== 'taker')
    return `liquidity ${quote(liquidity)} must be maker or taker`;
  if (!Number.isFinite(init.tsEvent)) return `tsEvent ${quote(init.tsEvent)} must be a finite epoch ms`;
  return null;
}

function isFinitePositive(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

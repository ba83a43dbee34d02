import { InvalidInputError, quote } from '../core/errors.js';
import type { AccountId, InstrumentId, PositionId, StrategyId } from '../core/ids.js';
import { signedFillQuantity } from './fill.js';
import type { Fill } from './order.types.js';
import type { Position, PositionSide } from './position.types.js';

/**
 * Net positions (netting semantics, one signed quantity per instrument), as immutable values.
 *
 * Conventions: `quantity` is signed (long > 0, short < 0); `averagePrice` is the VWAP entry price of the
 * open quantity (0 when flat); `realizedPnl` accumulates over the life of the record, across closes and
 * re-openings, and is net of every commission, opening ones included; `commissions` is their sum. With
 * these, for any sequence of fills, `cash change + quantity * mark = realizedPnl + unrealizedPnl(mark)`.
 */

export interface PositionInit {
  readonly id: PositionId;
  readonly instrumentId: InstrumentId;
  readonly accountId?: AccountId | null;
  readonly strategyId?: StrategyId | null;
}

export function positionSide(quantity: number): PositionSide {
  return quantity > 0 ? 'long' : quantity < 0 ? 'short' : 'flat';
}

/** A flat position with nothing realized. */
export function emptyPosition(init: PositionInit, tsInit: number): Position {
  return {
    id: init.id,
    accountId: init.accountId ?? null,
    instrumentId: init.instrumentId,
    strategyId: init.strategyId ?? null,
    side: 'flat',
    quantity: 0,
    averagePrice: 0,
    realizedPnl: 0,
    commissions: 0,
    tsOpened: tsInit,
    tsLast: tsInit,
  };
}

/** A position opened by its first fill; instrument and strategy come from the fill. */
export function openPosition(
  ids: { readonly id: PositionId; readonly accountId?: AccountId | null },
  fill: Fill,
): Position {
  const empty = emptyPosition(
    {
      id: ids.id,
      accountId: ids.accountId ?? null,
      instrumentId: fill.instrumentId,
      strategyId: fill.strategyId,
    },
    fill.tsEvent,
  );
  return applyFillToPosition(empty, fill);
}

/**
 * Applies a fill with netting semantics. With Q the signed position, q the signed fill, p its price:
 * - adding (Q = 0 or same sign): quantity Q + q, averagePrice (|Q| * avg + |q| * p) / |Q + q|;
 * - reducing (opposite sign): closed = min(|q|, |Q|) realizes (p - avg) * closed * sign(Q); the average price
 *   of what stays open is unchanged;
 * - flipping (|q| > |Q|): the closed part realizes as above and the rest opens at p, with tsOpened = fill time.
 * The commission is subtracted from realizedPnl and added to commissions. A remainder within 1e-9 (relative)
 * of zero counts as flat, so fractional lots summed in float do not leave dust.
 */
export function applyFillToPosition(position: Position, fill: Fill): Position {
  if (fill.instrumentId !== position.instrumentId) {
    throw new InvalidInputError(
      `fill instrumentId ${quote(fill.instrumentId)} does not match position instrument ${quote(position.instrumentId)}`,
    );
  }
  const held = position.quantity;
  const traded = signedFillQuantity(fill);
  let quantity = held + traded;
  let averagePrice = position.averagePrice;
  let realizedPnl = position.realizedPnl - fill.commission;
  let tsOpened = position.tsOpened;
  if (held === 0 || Math.sign(held) === Math.sign(traded)) {
    averagePrice = (Math.abs(held) * position.averagePrice + fill.quantity * fill.price) / Math.abs(quantity);
    if (held === 0) tsOpened = fill.tsEvent;
  } else {
    const closed = Math.min(fill.quantity, Math.abs(held));
    realizedPnl += (fill.price - position.averagePrice) * closed * Math.sign(held);
    if (Math.abs(quantity) <= 1e-9 * Math.max(Math.abs(held), fill.quantity)) quantity = 0;
    if (quantity === 0) {
      averagePrice = 0;
    } else if (Math.sign(quantity) !== Math.sign(held)) {
      averagePrice = fill.price;
      tsOpened = fill.tsEvent;
    }
  }
  // Field by field, not a spread: this runs on every fill (see withProgress in order.ts).
  return {
    id: position.id,
    accountId: position.accountId,
    instrumentId: position.instrumentId,
    strategyId: position.strategyId,
    side: positionSide(quantity),
    quantity,
    averagePrice,
    realizedPnl,
    commissions: position.commissions + fill.commission,
    tsOpened,
    tsLast: fill.tsEvent,
  };
}

/** Open P&L at `markPrice`: `(mark - averagePrice) * quantity` (signed, so a short gains when price falls). */
export function unrealizedPnl(position: Position, markPrice: number): number {
  return position.quantity === 0 ? 0 : (markPrice - position.averagePrice) * position.quantity;
}

/** Signed market value: `quantity * mark` (negative for a short). */
export function marketValue(position: Position, markPrice: number): number {
  return position.quantity * markPrice;
}

/** Gross (unsigned) exposure: `|quantity| * mark`. */
export function positionNotional(position: Position, markPrice: number): number {
  return Math.abs(position.quantity) * markPrice;
}

/** `realizedPnl + unrealizedPnl(mark)`. */
export function totalPnl(position: Position, markPrice: number): number {
  return position.realizedPnl + unrealizedPnl(position, markPrice);
}

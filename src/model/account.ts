import { InvalidInputError, quote } from '../core/errors.js';
import type { AccountId, InstrumentId } from '../core/ids.js';
import { err, ok, type Result } from '../core/result.js';
import { signedFillQuantity } from './fill.js';
import type { Fill } from './order.types.js';
import type { AccountState, Position } from './position.types.js';

/**
 * A cash account (one currency, positions netted per instrument), as immutable values. Cash moves with
 * fills; equity, exposure, leverage and buying power are derived by `markAccount` from positions and mark
 * prices, so after fills call `markAccount` before reading them.
 */

export interface AccountInit {
  readonly id: AccountId;
  readonly currency: string;
  readonly startingCash: number;
  /** Gross exposure allowed per unit of equity: 1 for a cash account, 2 or 4 for Reg T / day-trading margin. */
  readonly maxLeverage?: number;
  readonly tsInit?: number;
}

export function createAccount(init: AccountInit): Result<AccountState, InvalidInputError> {
  const maxLeverage = init.maxLeverage ?? 1;
  const tsInit = init.tsInit ?? 0;
  const currency = typeof init.currency === 'string' ? init.currency.toUpperCase() : '';
  if (!/^[A-Z]{3,5}$/.test(currency)) {
    return err(new InvalidInputError(`currency ${quote(init.currency)} must be a 3-5 letter ISO code`));
  }
  if (!(Number.isFinite(init.startingCash) && init.startingCash >= 0)) {
    return err(
      new InvalidInputError(`startingCash ${quote(init.startingCash)} must be a finite number >= 0`),
    );
  }
  if (!(Number.isFinite(maxLeverage) && maxLeverage > 0)) {
    return err(new InvalidInputError(`maxLeverage ${quote(maxLeverage)} must be a finite number > 0`));
  }
  if (!Number.isFinite(tsInit))
    return err(new InvalidInputError(`tsInit ${quote(tsInit)} must be a finite epoch ms`));
  return ok({
    id: init.id,
    currency,
    cash: init.startingCash,
    equity: init.startingCash,
    grossExposure: 0,
    buyingPower: init.startingCash * maxLeverage,
    leverage: 0,
    maxLeverage,
    tsLast: tsInit,
  });
}

/**
 * Books a fill's cash: `cash -= signedQuantity * price + commission` (a buy pays, a sell receives, both pay
 * commission). Equity, exposure, leverage and buying power are left as of the last `markAccount`.
 */
export function applyFillToAccount(account: AccountState, fill: Fill): AccountState {
  const signedNotional = signedFillQuantity(fill) * fill.price;
  return withValues(
    account,
    account.cash - signedNotional - fill.commission,
    account.equity,
    account.grossExposure,
    account.leverage,
    account.buyingPower,
    fill.tsEvent,
  );
}

/**
 * Values the account at mark prices:
 * - equity = cash + Σ quantity * mark (shorts count negative),
 * - grossExposure = Σ |quantity| * mark,
 * - leverage = grossExposure / equity (Infinity when equity <= 0 with exposure, 0 without),
 * - buyingPower = max(0, equity * maxLeverage - grossExposure).
 * Every non-flat position needs a finite mark > 0 in `marks`; flat ones are skipped.
 */
export function markAccount(
  account: AccountState,
  positions: Iterable<Position>,
  marks: ReadonlyMap<InstrumentId, number>,
  tsEvent: number = account.tsLast,
): AccountState {
  let value = 0;
  let grossExposure = 0;
  for (const position of positions) {
    if (position.quantity === 0) continue;
    const mark = marks.get(position.instrumentId);
    if (mark === undefined || !Number.isFinite(mark) || !(mark > 0)) {
      throw new InvalidInputError(
        `mark price ${quote(mark)} for instrument ${quote(position.instrumentId)} must be a finite number > 0`,
      );
    }
    value += position.quantity * mark;
    grossExposure += Math.abs(position.quantity) * mark;
  }
  const equity = account.cash + value;
  const leverage = equity > 0 ? grossExposure / equity : grossExposure > 0 ? Number.POSITIVE_INFINITY : 0;
  const buyingPower = Math.max(0, equity * account.maxLeverage - grossExposure);
  return withValues(account, account.cash, equity, grossExposure, leverage, buyingPower, tsEvent);
}

/** A copy with new values, field by field: a spread plus overrides is slow in V8 and this runs per fill. */
export function withValues(
  account: AccountState,
  cash: number,
  equity: number,
  grossExposure: number,
  leverage: number,
  buyingPower: number,
  tsLast: number,
): AccountState {
  return {
    id: account.id,
    currency: account.currency,
    cash,
    equity,
    grossExposure,
    buyingPower,
    leverage,
    maxLeverage: account.maxLeverage,
    tsLast,
  };
}

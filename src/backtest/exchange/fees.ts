import { InvalidInputError, quote } from '../../core/errors.js';

/** An order's executions so far, after the fill being charged. */
export interface OrderFillTotals {
  /** Number of fills (>= 1 when a fill is charged). */
  readonly fills: number;
  readonly quantity: number;
  /** Σ quantity × price. */
  readonly notional: number;
  /** Notional of fills that provided liquidity (a limit that rested) and of fills that took it. */
  readonly makerNotional: number;
  readonly takerNotional: number;
}

/**
 * Commission as a function of an order's cumulative executions. The exchange charges each fill the
 * difference `totalCommission(after) - totalCommission(before)`, so per-order charges (a fixed fee, a
 * minimum) are paid once per order however many partial fills it takes, and a partially filled order pays
 * the same in total as one filled at once. Every model is non-decreasing in its inputs, so a fill never
 * earns a negative commission; rates must be >= 0 (no maker rebates).
 */
export interface FeeModel {
  readonly name: string;
  totalCommission(totals: OrderFillTotals): number;
}

function requireNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new InvalidInputError(`${name} ${quote(value)} must be a finite number >= 0`);
  }
}

export const noFees: FeeModel = { name: 'none', totalCommission: () => 0 };

/** `perShare * quantity` (IB-style per-share commission). */
export function perShareFee(perShare: number): FeeModel {
  requireNonNegative('fee per share', perShare);
  return { name: `per-share(${perShare})`, totalCommission: (totals) => perShare * totals.quantity };
}

/** A fixed amount per order, charged with its first fill. */
export function perOrderFee(perOrder: number): FeeModel {
  requireNonNegative('fee per order', perOrder);
  return { name: `per-order(${perOrder})`, totalCommission: (totals) => (totals.fills > 0 ? perOrder : 0) };
}

/** `notional * percent / 100`. */
export function percentFee(percent: number): FeeModel {
  requireNonNegative('fee percent', percent);
  return { name: `percent(${percent})`, totalCommission: (totals) => (totals.notional * percent) / 100 };
}

/**
 * Maker/taker percentages of notional: `(makerNotional * makerPercent + takerNotional * takerPercent) / 100`.
 * A fill is maker when it is a limit order that rested before the price reached it, taker otherwise (market
 * orders, triggered stops, limits marketable on arrival).
 */
export function makerTakerFee(rates: {
  readonly makerPercent: number;
  readonly takerPercent: number;
}): FeeModel {
  requireNonNegative('maker percent', rates.makerPercent);
  requireNonNegative('taker percent', rates.takerPercent);
  return {
    name: `maker-taker(${rates.makerPercent},${rates.takerPercent})`,
    totalCommission: (totals) =>
      (totals.makerNotional * rates.makerPercent + totals.takerNotional * rates.takerPercent) / 100,
  };
}

/** At least `minimum` per order: `max(inner, minimum)` once the order has a fill. */
export function minimumFee(inner: FeeModel, minimum: number): FeeModel {
  requireNonNegative('minimum fee', minimum);
  return {
    name: `minimum(${inner.name},${minimum})`,
    totalCommission: (totals) => (totals.fills > 0 ? Math.max(inner.totalCommission(totals), minimum) : 0),
  };
}

/** The sum of several models: a per-order fee plus a percentage, for instance. */
export function composeFees(...models: readonly FeeModel[]): FeeModel {
  return {
    name: models.map((model) => model.name).join('+'),
    totalCommission: (totals) => {
      let total = 0;
      for (const model of models) total += model.totalCommission(totals);
      return total;
    },
  };
}

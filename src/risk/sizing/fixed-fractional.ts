import { InvalidInputError, quote } from '../../core/errors.js';
import { roundToLot } from '../../model/instrument.js';
import { requireFraction, requirePositive } from './sizing-inputs.js';

/**
 * Fixed-fractional sizing: risk a fixed fraction f of equity E on the trade, the loss if the stop is hit.
 * - risk budget B = E·f
 * - risk per unit d = |entry − stop| (times the contract multiplier, 1 for shares)
 * - quantity q = ⌊B / d⌋ rounded down to whole lots (never more risk than budgeted)
 * - notional q·entry and actual risk q·d (≤ B).
 * Optionally capped so that the notional does not exceed `maxNotional` (a leverage or cash limit).
 * The quantity is unsigned; the side is the caller's (long if stop < entry, short if stop > entry).
 */
export interface FixedFractionalInput {
  readonly equity: number;
  /** Fraction of equity at risk, e.g. 0.01 for 1%. */
  readonly riskFraction: number;
  readonly entryPrice: number;
  readonly stopPrice: number;
  readonly lotSize?: number;
  readonly multiplier?: number;
  readonly maxNotional?: number;
}

export interface FixedFractionalSize {
  readonly quantity: number;
  readonly notional: number;
  readonly riskBudget: number;
  readonly riskPerUnit: number;
  readonly actualRisk: number;
  /** True when maxNotional, not the risk budget, set the quantity. */
  readonly cappedByNotional: boolean;
}

export function fixedFractionalSize(input: FixedFractionalInput): FixedFractionalSize {
  const equity = requirePositive('equity', input.equity);
  const fraction = requireFraction('risk fraction', input.riskFraction);
  const entry = requirePositive('entry price', input.entryPrice);
  const stop = requirePositive('stop price', input.stopPrice);
  const lotSize = requirePositive('lot size', input.lotSize ?? 1);
  const multiplier = requirePositive('multiplier', input.multiplier ?? 1);
  if (stop === entry) {
    throw new InvalidInputError(`stop price ${quote(stop)} must differ from the entry price ${entry}`);
  }
  const riskBudget = equity * fraction;
  const riskPerUnit = Math.abs(entry - stop) * multiplier;
  let quantity = roundToLot(riskBudget / riskPerUnit, lotSize);
  let cappedByNotional = false;
  if (input.maxNotional !== undefined) {
    const cap = roundToLot(
      requirePositive('max notional', input.maxNotional) / (entry * multiplier),
      lotSize,
    );
    if (cap < quantity) [quantity, cappedByNotional] = [cap, true];
  }
  return {
    quantity,
    notional: quantity * entry * multiplier,
    riskBudget,
    riskPerUnit,
    actualRisk: quantity * riskPerUnit,
    cappedByNotional,
  };
}

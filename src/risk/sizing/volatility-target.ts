import { roundToLot } from '../../model/instrument.js';
import { requirePositive } from './sizing-inputs.js';

/**
 * Volatility-target sizing: hold the notional that makes the position's annualized volatility equal a
 * target. With equity E, target σ* and the instrument's annualized volatility σ (e.g. the sample sd of daily
 * returns × √252):
 * - target notional N = E·σ* / σ, capped at maxLeverage·E (default 1: no borrowing)
 * - quantity q = ⌊N / price⌋ in whole lots; the position's expected volatility is then q·price·σ / E.
 */
export interface VolatilityTargetInput {
  readonly equity: number;
  /** Annualized volatility target for the position, e.g. 0.10. */
  readonly targetVolatility: number;
  /** Annualized volatility of the instrument. */
  readonly instrumentVolatility: number;
  readonly price: number;
  readonly maxLeverage?: number;
  readonly lotSize?: number;
}

export interface VolatilityTargetSize {
  readonly quantity: number;
  readonly notional: number;
  readonly targetNotional: number;
  /** Leverage cap that applied: true when maxLeverage·E, not the target, set the notional. */
  readonly cappedByLeverage: boolean;
  /** Annualized volatility of the sized position as a fraction of equity, q·price·σ/E. */
  readonly expectedVolatility: number;
}

export function volatilityTargetSize(input: VolatilityTargetInput): VolatilityTargetSize {
  const equity = requirePositive('equity', input.equity);
  const target = requirePositive('target volatility', input.targetVolatility);
  const sigma = requirePositive('instrument volatility', input.instrumentVolatility);
  const price = requirePositive('price', input.price);
  const maxLeverage = requirePositive('max leverage', input.maxLeverage ?? 1);
  const lotSize = requirePositive('lot size', input.lotSize ?? 1);
  const uncapped = (equity * target) / sigma;
  const cappedByLeverage = uncapped > maxLeverage * equity;
  const targetNotional = cappedByLeverage ? maxLeverage * equity : uncapped;
  const quantity = roundToLot(targetNotional / price, lotSize);
  const notional = quantity * price;
  return {
    quantity,
    notional,
    targetNotional,
    cappedByLeverage,
    expectedVolatility: (notional * sigma) / equity,
  };
}

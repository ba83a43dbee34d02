import type { MomentumWeighting } from './config.js';

/**
 * Volatility targeting: the fraction of a position's budget to hold, `min(target / realized, cap)`, both
 * annualized. A quiet market gets a larger position, a wild one a smaller, so each position contributes about
 * the target volatility; the cap bounds the leverage this can ask for. Zero or NaN volatility gets the cap.
 */
export function volatilityScale(targetVolatility: number, realizedVolatility: number, cap: number): number {
  if (!(realizedVolatility > 0)) return cap;
  return Math.min(targetVolatility / realizedVolatility, cap);
}

/** Units for a notional at a price: whole units rounded down unless fractional; 0 when the price is unusable. */
export function unitsFor(notional: number, price: number, fractional: boolean): number {
  if (!(price > 0) || !(notional > 0)) return 0;
  const units = notional / price;
  return fractional ? units : Math.floor(units);
}

export interface WeightingInputs {
  readonly weighting: MomentumWeighting;
  /** Slots per side (topN): each name's equal share is 1 / (slots × sides). */
  readonly slots: number;
  /** 1 long-only, 2 long and short (the budget is split between the two books). */
  readonly sides: number;
  readonly targetVolatility: number;
  readonly maxVolatilityScale: number;
}

/**
 * Cross-sectional weights (fractions of the strategy's budget, ≥ 0) of the `count` selected names of one side,
 * whose annualized volatilities are `volatilities[selected[i]]`; written to `out[selected[i]]`:
 * - equal: 1 / (slots · sides) each;
 * - inverse-volatility: the side's share count / (slots · sides) split in proportion to 1 / σ_i (risk parity
 *   without correlations);
 * - volatility-target: 1 / (slots · sides) × min(target / σ_i, cap) each, the time-series sizing rule.
 * Fewer names than slots leave the empty slots' share in cash. σ_i of 0 or NaN counts as the smallest
 * positive volatility among the selected for inverse-volatility (and as the cap for volatility-target).
 */
export function crossSectionalWeights(
  selected: Int32Array,
  count: number,
  volatilities: Float64Array,
  inputs: WeightingInputs,
  out: Float64Array,
): void {
  const share = 1 / (inputs.slots * inputs.sides);
  if (inputs.weighting === 'equal') {
    for (let i = 0; i < count; i++) out[selected[i] as number] = share;
    return;
  }
  if (inputs.weighting === 'volatility-target') {
    for (let i = 0; i < count; i++) {
      const k = selected[i] as number;
      out[k] =
        share *
        volatilityScale(inputs.targetVolatility, volatilities[k] as number, inputs.maxVolatilityScale);
    }
    return;
  }
  let floor = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const v = volatilities[selected[i] as number] as number;
    if (v > 0 && v < floor) floor = v;
  }
  let inverseSum = 0;
  for (let i = 0; i < count; i++) {
    const v = volatilities[selected[i] as number] as number;
    inverseSum += 1 / (v > 0 ? v : floor);
  }
  for (let i = 0; i < count; i++) {
    const k = selected[i] as number;
    const v = volatilities[k] as number;
    out[k] =
      Number.isFinite(inverseSum) && inverseSum > 0
        ? (share * count) / ((v > 0 ? v : floor) * inverseSum)
        : share;
  }
}

import { InvalidInputError, quote } from '../../core/errors.js';
import type { OrderSide } from '../../model/order.types.js';

/** What a slippage model sees of one taker fill. */
export interface SlippageInput {
  readonly side: OrderSide;
  /** The unslipped (reference) price. */
  readonly price: number;
  readonly quantity: number;
  /** Volume of the bar the fill trades on; <= 0 when the bar reports none. */
  readonly barVolume: number;
}

/**
 * Turns a reference price into the price a taker actually gets. Slippage always worsens the price: up for a
 * buy, down for a sell, never the other way. The exchange applies it to taker fills only (market orders,
 * triggered stops, limits that were marketable on arrival), then clamps the result to the bar's [low, high]
 * and, for limit orders, to the limit price: a fill never prints outside the bar or through its limit.
 */
export interface SlippageModel {
  readonly name: string;
  slippedPrice(input: SlippageInput): number;
}

/** `price * (1 + fraction)` for a buy, `price * (1 - fraction)` for a sell. */
function worsen(input: SlippageInput, fraction: number): number {
  return input.side === 'buy' ? input.price * (1 + fraction) : input.price * (1 - fraction);
}

function requireNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new InvalidInputError(`${name} ${quote(value)} must be a finite number >= 0`);
  }
}

/** The share of the bar's volume a fill takes; a bar without volume counts as fully taken (share 1). */
function volumeShare(input: SlippageInput): number {
  return input.barVolume > 0 ? input.quantity / input.barVolume : 1;
}

/** No slippage: fills at the reference price. */
export const noSlippage: SlippageModel = { name: 'none', slippedPrice: (input) => input.price };

/** A fixed cost in basis points: `price * (1 ± bps / 10_000)`. */
export function fixedBpsSlippage(bps: number): SlippageModel {
  requireNonNegative('slippage bps', bps);
  return { name: `fixed-bps(${bps})`, slippedPrice: (input) => worsen(input, bps / 10_000) };
}

/** A fixed cost in percent: `price * (1 ± percent / 100)`. */
export function percentSlippage(percent: number): SlippageModel {
  requireNonNegative('slippage percent', percent);
  return { name: `percent(${percent})`, slippedPrice: (input) => worsen(input, percent / 100) };
}

/**
 * Zipline's volume-share model: `fraction = impact * share²`, share = quantity / barVolume (1 when the bar
 * has no volume); price `* (1 ± fraction)`. Default impact 0.1 (Zipline's price_impact).
 */
export function volumeShareSlippage(impact = 0.1): SlippageModel {
  requireNonNegative('volume-share impact', impact);
  return {
    name: `volume-share(${impact})`,
    slippedPrice: (input) => {
      const share = volumeShare(input);
      return worsen(input, impact * share * share);
    },
  };
}

/**
 * Square-root market impact: `fraction = coefficient * sqrt(quantity / barVolume)` (in bps:
 * `coefficient * sqrt(quantity / barVolume) * 1e4`), share 1 when the bar has no volume; price
 * `* (1 ± fraction)`. The coefficient stands for the instrument's volatility times a market constant
 * (Almgren et al. find about 1 × daily sigma); 0.1 is a volatile stock's order of magnitude.
 */
export function squareRootImpactSlippage(coefficient: number): SlippageModel {
  requireNonNegative('square-root impact coefficient', coefficient);
  return {
    name: `square-root(${coefficient})`,
    slippedPrice: (input) => worsen(input, coefficient * Math.sqrt(volumeShare(input))),
  };
}

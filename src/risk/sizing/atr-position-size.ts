import { InvalidInputError, quote } from '../../core/errors.js';
import { fixedFractionalSize, type FixedFractionalSize } from './fixed-fractional.js';
import { requirePositive } from './sizing-inputs.js';

/**
 * ATR-based sizing (the "turtle" rule): the stop sits k·ATR from the entry, and the position risks a fixed
 * fraction of equity to that stop. It is fixed-fractional sizing with d = k·ATR:
 * q = ⌊E·f / (k·ATR)⌋ in whole lots; stop = entry − k·ATR for a long (entry + k·ATR for a short).
 * ATR is Wilder's average true range of the instrument (src/indicators/atr.ts), in price units.
 */
export interface AtrSizeInput {
  readonly equity: number;
  readonly riskFraction: number;
  readonly entryPrice: number;
  readonly atr: number;
  /** Stop distance in ATRs, k (commonly 2). */
  readonly atrMultiple: number;
  readonly side?: 'long' | 'short';
  readonly lotSize?: number;
  readonly multiplier?: number;
  readonly maxNotional?: number;
}

export interface AtrSize extends FixedFractionalSize {
  readonly stopDistance: number;
  readonly stopPrice: number;
}

export function atrPositionSize(input: AtrSizeInput): AtrSize {
  const atr = requirePositive('ATR', input.atr);
  const multiple = requirePositive('ATR multiple', input.atrMultiple);
  const entry = requirePositive('entry price', input.entryPrice);
  const stopDistance = atr * multiple;
  const stopPrice = input.side === 'short' ? entry + stopDistance : entry - stopDistance;
  if (!(stopPrice > 0)) {
    throw new InvalidInputError(
      `stop distance ${quote(stopDistance)} (ATR × multiple) must be below the entry price ${entry} for a long`,
    );
  }
  const size = fixedFractionalSize({ ...input, entryPrice: entry, stopPrice });
  return { ...size, stopDistance, stopPrice };
}

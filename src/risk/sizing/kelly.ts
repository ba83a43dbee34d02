import { InvalidInputError, quote } from '../../core/errors.js';
import { roundToLot } from '../../model/instrument.js';
import { mean, variance } from '../../stats/moments.js';
import { requireFraction, requirePositive } from './sizing-inputs.js';

/**
 * Kelly sizing: the fraction of equity that maximizes the expected log growth.
 * - discrete bets (win probability p, payoff ratio b = average win / average loss):
 *   f* = p − (1 − p)/b   (Kelly 1956; Thorp 1997)
 * - continuous returns, PerformanceAnalytics KellyRatio(R, Rf, method = "full"):
 *   f* = mean(r − rf) / sd(r)², sample sd (n − 1); its default method "half" is the fractional rule below
 *   with multiplier ½.
 * Fractional Kelly bets c·f* (c in (0, 1]; ½ is common: ¾ of the growth for ¼ of the variance). A negative
 * f* means the edge is against you: the size is 0. The fraction is capped at `maxFraction` (default 1, no
 * leverage), and the quantity is ⌊c·f*·E / price⌋ in whole lots.
 */
export function kellyFraction(winProbability: number, payoffRatio: number): number {
  if (!(winProbability >= 0 && winProbability <= 1)) {
    throw new InvalidInputError(`win probability ${quote(winProbability)} must be between 0 and 1`);
  }
  const b = requirePositive('payoff ratio', payoffRatio);
  return winProbability - (1 - winProbability) / b;
}

/** PerformanceAnalytics KellyRatio(method = "full"): mean excess return over the sample variance (NaN skipped). */
export function kellyFractionFromReturns(returns: Float64Array, riskFreePerPeriod = 0): number {
  const n = returns.length;
  if (n < 2) throw new InvalidInputError(`Kelly ratio needs at least 2 returns; got ${quote(n)}`);
  const sampleVariance = variance(returns);
  if (!(sampleVariance > 0))
    throw new InvalidInputError('Kelly ratio needs returns that vary (variance is 0)');
  return (mean(returns) - riskFreePerPeriod) / sampleVariance;
}

export interface KellySizeInput {
  readonly equity: number;
  readonly price: number;
  /** Full-Kelly fraction f* (from kellyFraction or kellyFractionFromReturns). */
  readonly kellyFraction: number;
  /** c: 1 = full Kelly, 0.5 = half Kelly. */
  readonly multiplier?: number;
  readonly maxFraction?: number;
  readonly lotSize?: number;
}

export interface KellySize {
  readonly quantity: number;
  readonly notional: number;
  /** The fraction of equity applied, min(c·f*, maxFraction), or 0 when f* ≤ 0. */
  readonly appliedFraction: number;
  readonly cappedByMaxFraction: boolean;
}

export function kellyPositionSize(input: KellySizeInput): KellySize {
  const equity = requirePositive('equity', input.equity);
  const price = requirePositive('price', input.price);
  const multiplier = requireFraction('Kelly multiplier', input.multiplier ?? 1);
  const maxFraction = requirePositive('max fraction', input.maxFraction ?? 1);
  const lotSize = requirePositive('lot size', input.lotSize ?? 1);
  if (!Number.isFinite(input.kellyFraction)) {
    throw new InvalidInputError(`Kelly fraction ${quote(input.kellyFraction)} must be a finite number`);
  }
  const wanted = Math.max(0, multiplier * input.kellyFraction);
  const cappedByMaxFraction = wanted > maxFraction;
  const appliedFraction = cappedByMaxFraction ? maxFraction : wanted;
  const quantity = roundToLot((appliedFraction * equity) / price, lotSize);
  return { quantity, notional: quantity * price, appliedFraction, cappedByMaxFraction };
}

import { InvalidInputError, quote } from '../../core/errors.js';
import { assertPeriodsPerYear } from './annualized.js';

/**
 * How much of the time, and how much of the equity, the strategy had at risk.
 * - timeInMarket: fraction of bars whose gross exposure (Σ|position value| at the close) is not 0;
 * - averageGrossExposure: mean over bars of grossExposure_t / equity_t (average gross leverage: 1 is fully
 *   invested, 2 is 2× levered or long 1 + short 1);
 * - averageEquity: mean of equity_t.
 * All NaN for an empty curve.
 */
export interface ExposureStatistics {
  readonly timeInMarket: number;
  readonly averageGrossExposure: number;
  readonly averageEquity: number;
}

/** One pass over the curve; see ExposureStatistics. */
export function exposureStatistics(equity: Float64Array, grossExposure: Float64Array): ExposureStatistics {
  const n = equity.length;
  if (grossExposure.length !== n) {
    throw new InvalidInputError(
      `gross exposure count ${quote(grossExposure.length)} must equal the equity count ${n}`,
    );
  }
  if (n === 0) {
    return { timeInMarket: Number.NaN, averageGrossExposure: Number.NaN, averageEquity: Number.NaN };
  }
  let barsExposed = 0;
  let leverageSum = 0;
  let equitySum = 0;
  for (let t = 0; t < n; t++) {
    const exposure = grossExposure[t] as number;
    const level = equity[t] as number;
    if (exposure !== 0) barsExposed++;
    leverageSum += exposure / level;
    equitySum += level;
  }
  return {
    timeInMarket: barsExposed / n,
    averageGrossExposure: leverageSum / n,
    averageEquity: equitySum / n,
  };
}

/**
 * Annualized turnover: (traded notional / average equity) × scale / bars, where the traded notional is
 * Σ |fill quantity × fill price| over every buy and sell. Both legs count, so buying the whole equity and
 * selling it again within a year is a turnover of 2 (some desks halve this; we do not). NaN without bars or
 * with non-positive average equity.
 */
export function annualizedTurnover(
  tradedNotional: number,
  averageEquity: number,
  bars: number,
  periodsPerYear: number,
): number {
  assertPeriodsPerYear(periodsPerYear);
  if (!(tradedNotional >= 0)) {
    throw new InvalidInputError(`traded notional ${quote(tradedNotional)} must be a number >= 0`);
  }
  if (!(bars > 0 && averageEquity > 0)) return Number.NaN;
  return ((tradedNotional / averageEquity) * periodsPerYear) / bars;
}

import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Simple returns of an equity curve, one per bar: r_0 = E_0 / E_start − 1 and r_t = E_t / E_{t−1} − 1.
 * The starting equity (before the first bar) is the base of the first return, so the returns compound to the
 * total return: Π(1 + r_t) − 1 = E_last / E_start − 1 (PerformanceAnalytics' Return.calculate, method
 * "discrete", on the series [E_start, E_0, …, E_last] without its leading NA). `out` may be passed to reuse a
 * buffer of the curve's length. Equity must stay > 0 for the returns to mean anything; a NaN propagates.
 */
export function equityReturns(
  equity: Float64Array,
  startingEquity: number,
  out?: Float64Array,
): Float64Array {
  if (!(Number.isFinite(startingEquity) && startingEquity > 0)) {
    throw new InvalidInputError(`starting equity ${quote(startingEquity)} must be a finite number > 0`);
  }
  if (out !== undefined && out.length !== equity.length) {
    throw new InvalidInputError(
      `returns output length ${quote(out.length)} must equal the equity curve length ${equity.length}`,
    );
  }
  const result = out ?? new Float64Array(equity.length);
  let previous = startingEquity;
  for (let t = 0; t < equity.length; t++) {
    const current = equity[t] as number;
    result[t] = current / previous - 1;
    previous = current;
  }
  return result;
}

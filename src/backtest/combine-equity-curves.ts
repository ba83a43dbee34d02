import { InvalidInputError } from '../core/errors.js';
import type { EquityCurve } from './backtest.types.js';

/**
 * The equity curve of a book made of independent sub-accounts (e.g. one single-symbol strategy run per
 * symbol, each with its share of the capital): on the union of their timestamps, each column is the sum of
 * the sub-curves' latest values at or before that time; before a sub-curve's first row it contributes its
 * starting equity as cash (it has not traded yet). Order of curves does not change the result beyond float
 * summation order, which is fixed (curve order), so equal inputs give bit-identical output.
 */
export function combineEquityCurves(
  curves: readonly EquityCurve[],
  startingEquity: readonly number[],
): EquityCurve {
  if (curves.length !== startingEquity.length) {
    throw new InvalidInputError(
      `${curves.length} equity curves need as many starting equities, got ${startingEquity.length}`,
    );
  }
  const ts = unionOfTimestamps(curves);
  const n = ts.length;
  const equity = new Float64Array(n);
  const cash = new Float64Array(n);
  const gross = new Float64Array(n);
  curves.forEach((curve, k) => {
    const start = startingEquity[k] as number;
    let j = -1;
    for (let i = 0; i < n; i++) {
      const t = ts[i] as number;
      while (j + 1 < curve.ts.length && (curve.ts[j + 1] as number) <= t) j++;
      equity[i] = (equity[i] as number) + (j < 0 ? start : (curve.equity[j] as number));
      cash[i] = (cash[i] as number) + (j < 0 ? start : (curve.cash[j] as number));
      gross[i] = (gross[i] as number) + (j < 0 ? 0 : (curve.grossExposure[j] as number));
    }
  });
  return { ts, equity, cash, grossExposure: gross };
}

function unionOfTimestamps(curves: readonly EquityCurve[]): Float64Array {
  const all = new Float64Array(curves.reduce((sum, c) => sum + c.ts.length, 0));
  let at = 0;
  for (const c of curves) {
    all.set(c.ts, at);
    at += c.ts.length;
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i] as number;
  }
  return all.slice(0, unique);
}

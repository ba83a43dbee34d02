import { InvalidInputError, quote } from '../../core/errors.js';
import { utcMonthIndex } from './utc-date.js';

/** Calendar-month and calendar-year returns of an equity curve, months in UTC. */
export interface MonthlyReturns {
  /** First calendar year of the table; 0 when the curve is empty. */
  readonly firstYear: number;
  /** Number of calendar years covered (rows), first to last inclusive; 0 when the curve is empty. */
  readonly years: number;
  /**
   * Row-major `years × 12`: the return of month `m` (0 = January) of year `firstYear + y` sits at
   * `[y * 12 + m]`; NaN for a month without any point of the curve.
   */
  readonly monthly: Float64Array;
  /** Return of each calendar year, `years` entries; NaN for a year without any point. */
  readonly yearly: Float64Array;
}

/**
 * Geometric (compounded) calendar returns from an equity curve:
 *
 *   r(month) = E(last point of the month) / E(last point of the previous month that has points) - 1
 *
 * The base of the first month is the curve's first point, so a partial first month measures from where the
 * curve starts; a partial last month measures up to the last point. A month with no point is NaN and the
 * next month's return spans the gap (it is measured from the last point before it). Year returns use the
 * same rule with calendar years, which equals compounding that year's months: Π(1 + r_m) - 1.
 * `ts` must be non-decreasing (epoch ms); a NaN equity value propagates into the returns that use it.
 */
export function computeMonthlyReturns(ts: Float64Array, equity: Float64Array): MonthlyReturns {
  const n = ts.length;
  if (equity.length !== n) {
    throw new InvalidInputError(`equity length ${quote(equity.length)} must equal ts length ${quote(n)}`);
  }
  if (n === 0) return { firstYear: 0, years: 0, monthly: new Float64Array(0), yearly: new Float64Array(0) };
  for (let i = 0; i < n; i++) {
    const t = ts[i] as number;
    if (!Number.isFinite(t) || (i > 0 && t < (ts[i - 1] as number))) {
      throw new InvalidInputError(`ts[${i}] ${quote(t)} must be finite and >= the previous timestamp`);
    }
  }
  const firstMonth = utcMonthIndex(ts[0] as number);
  const lastMonth = utcMonthIndex(ts[n - 1] as number);
  const firstYear = Math.floor(firstMonth / 12);
  const years = Math.floor(lastMonth / 12) - firstYear + 1;
  const monthly = new Float64Array(years * 12).fill(Number.NaN);
  const yearly = new Float64Array(years).fill(Number.NaN);
  const offset = firstYear * 12;

  let monthBase = equity[0] as number;
  let yearBase = monthBase;
  let month = firstMonth;
  for (let i = 1; i <= n; i++) {
    // i === n flushes the last (possibly partial) month and year.
    const nextMonth = i < n ? utcMonthIndex(ts[i] as number) : Number.NaN;
    if (nextMonth === month) continue;
    const closing = equity[i - 1] as number;
    monthly[month - offset] = closing / monthBase - 1;
    monthBase = closing;
    const year = Math.floor(month / 12);
    if (!(Math.floor(nextMonth / 12) === year)) {
      yearly[year - firstYear] = closing / yearBase - 1;
      yearBase = closing;
    }
    month = nextMonth;
  }
  return { firstYear, years, monthly, yearly };
}

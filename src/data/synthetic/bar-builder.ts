import type { SeededRng } from '../../core/rng.js';
import { roundToTick } from '../../model/instrument.js';
import { BarSeries } from '../bar-series.js';
import type { BarClock } from './bar-clock.js';
import type { BarShapeSpec } from './market-spec.types.js';
import type { PricePath } from './symbol-path.js';

const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);
/** |return| beyond this many standard deviations adds no more volume (keeps jump days finite). */
const MAX_STANDARDIZED_MOVE = 8;

/**
 * OHLCV bars around a close path, in log space, for each bar t with close-to-close return r, conditional
 * stdev s and gap share f (clock.gapShare):
 * - gap: the overnight part of r given r, as for a Brownian path split at the open:
 *   gap = f r + sqrt(f (1 - f)) s e, open = previous close x exp(gap) (f = 0 inside a session: open = previous close);
 * - high / low: the maximum and minimum of a Brownian bridge from open to close with variance v = (1 - f) s^2,
 *   drawn exactly from their laws: max = o + (b + sqrt(b^2 - 2 v ln U)) / 2, min = o + (b - sqrt(b^2 - 2 v ln U')) / 2,
 *   with b = close - open (the two are drawn independently), so high >= max(open, close) and low <= min(open, close);
 * - prices are rounded to the tick and kept >= one tick; high and low are then widened to cover the rounded open
 *   and close, so the OHLC order survives rounding;
 * - volume: log-normal around averageVolume x the bar's share of the day (clock.logVolumeShare), higher on big moves:
 *   ln V = ln(mean) + k (min(|r| / s, 8) - sqrt(2 / pi)) + n e' - n^2 / 2, rounded to whole shares.
 */
export function buildBars(
  rng: SeededRng,
  symbol: string,
  clock: BarClock,
  path: PricePath,
  averageVolume: number,
  tickSize: number,
  shape: BarShapeSpec,
): BarSeries {
  const n = clock.ts.length;
  const series = BarSeries.allocate(symbol, clock.timeframe, n);
  series.ts.set(clock.ts);
  const { open, high, low, close, volume } = series;
  const round = tickRounder(tickSize);
  const sensitivity = shape.volumeReturnSensitivity;
  const noise = shape.volumeNoise;
  const logMeanVolume = Math.log(averageVolume) - 0.5 * noise * noise;
  let previous = path.startLogPrice;
  let previousClosePrice = Math.max(tickSize, round(Math.exp(previous)));
  for (let t = 0; t < n; t++) {
    const c = path.logClose[t] as number;
    const r = c - previous;
    const s = path.barVolatility[t] as number;
    const f = clock.gapShare[t] as number;
    const o = f > 0 ? previous + f * r + Math.sqrt(f * (1 - f)) * s * rng.normal() : previous;
    const b = c - o;
    const variance = (1 - f) * s * s;
    const top = o + 0.5 * (b + Math.sqrt(b * b - 2 * variance * Math.log(1 - rng.next())));
    const bottom = o + 0.5 * (b - Math.sqrt(b * b - 2 * variance * Math.log(1 - rng.next())));

    // Inside a session the open is the previous close: reuse it rather than exponentiate again.
    const openPrice = f > 0 ? Math.max(tickSize, round(Math.exp(o))) : previousClosePrice;
    const closePrice = Math.max(tickSize, round(Math.exp(c)));
    open[t] = openPrice;
    close[t] = closePrice;
    high[t] = Math.max(round(Math.exp(top)), openPrice, closePrice);
    low[t] = Math.max(tickSize, Math.min(round(Math.exp(bottom)), openPrice, closePrice));

    const move = s > 0 ? Math.min(Math.abs(r) / s, MAX_STANDARDIZED_MOVE) : MEAN_ABS_NORMAL;
    const logVolume =
      logMeanVolume +
      (clock.logVolumeShare[t] as number) +
      sensitivity * (move - MEAN_ABS_NORMAL) +
      noise * rng.normal();
    volume[t] = Math.round(Math.exp(logVolume));
    previous = c;
    previousClosePrice = closePrice;
  }
  return series;
}

/**
 * Rounds to the nearest tick and returns the double nearest to the decimal price (what parsing "123.46"
 * gives): for ticks of 1 / q with integer q (0.01, 0.05, 0.25) it computes round(p q) / q, one correctly
 * rounded division, fast enough for millions of bars; other ticks (5, 0.3) go through roundToTick.
 */
export function tickRounder(tickSize: number): (price: number) => number {
  const perUnit = Math.round(1 / tickSize);
  if (perUnit >= 1 && Math.abs(perUnit * tickSize - 1) < 1e-12)
    return (price) => Math.round(price * perUnit) / perUnit;
  return (price) => roundToTick(price, tickSize);
}

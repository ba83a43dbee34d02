import type { SyntheticTimeframe } from './market-spec.types.js';
import { TRADING_DAYS_PER_YEAR } from './market-defaults.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** US regular session in UTC: 14:30-21:00 (New York winter time; daylight saving time is not modelled). */
export const SESSION_OPEN_MINUTE_UTC = 14 * 60 + 30;
export const BARS_PER_SESSION = 390;

/**
 * The bar grid of a synthetic market and how much model time each bar carries. A day's variance is split:
 * `overnightShare` of it falls between a session's close and the next open (it sits in the session's first
 * bar, as the gap between the previous close and its open), the rest is spread evenly over the session's bars.
 */
export interface BarClock {
  readonly timeframe: SyntheticTimeframe;
  readonly ts: Float64Array;
  readonly days: number;
  readonly barsPerDay: number;
  /** dt of each bar in years (1 / 252 per trading day), the overnight part included on session-opening bars. */
  readonly yearFraction: Float64Array;
  /** Share of the bar's variance that is the overnight gap before its open: 0 except on session-opening bars. */
  readonly gapShare: Float64Array;
  /** ln of the expected share of a day's volume traded in the bar: 0 for daily bars, a U shape for minutes. */
  readonly logVolumeShare: Float64Array;
}

/** 00:00 UTC of `days` consecutive weekdays, the first being the first weekday at or after `start`. No holidays. */
export function tradingDays(start: number, days: number): Float64Array {
  const out = new Float64Array(days);
  let day = Math.ceil(start / DAY);
  for (let i = 0; i < days; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7; // epoch day 0 was a Thursday; 0 = Sunday
    if (weekday !== 0 && weekday !== 6) out[i++] = day * DAY;
  }
  return out;
}

/**
 * Expected share of the session's volume per minute, scaled to mean 1 over the 390 minutes: a U shape,
 * w(x) = 0.6 + 2.4 exp(-x / 0.08) + 1.6 exp(-(1 - x) / 0.06) at x = (minute + 0.5) / 390, so the first
 * minute trades about 3.3x the session's mean rate, the last about 2.4x and midday about 0.7x.
 */
export function intradayVolumeProfile(): Float64Array {
  const profile = new Float64Array(BARS_PER_SESSION);
  let sum = 0;
  for (let k = 0; k < BARS_PER_SESSION; k++) {
    const x = (k + 0.5) / BARS_PER_SESSION;
    const w = 0.6 + 2.4 * Math.exp(-x / 0.08) + 1.6 * Math.exp(-(1 - x) / 0.06);
    profile[k] = w;
    sum += w;
  }
  const scale = BARS_PER_SESSION / sum;
  for (let k = 0; k < BARS_PER_SESSION; k++) profile[k] = (profile[k] as number) * scale;
  return profile;
}

export function buildBarClock(
  start: number,
  days: number,
  timeframe: SyntheticTimeframe,
  overnightShare: number,
): BarClock {
  const dayStarts = tradingDays(start, days);
  const dayFraction = 1 / TRADING_DAYS_PER_YEAR;
  if (timeframe === '1d') {
    return {
      timeframe,
      ts: dayStarts,
      days,
      barsPerDay: 1,
      yearFraction: new Float64Array(days).fill(dayFraction),
      gapShare: new Float64Array(days).fill(overnightShare),
      logVolumeShare: new Float64Array(days),
    };
  }
  const n = days * BARS_PER_SESSION;
  const ts = new Float64Array(n);
  const yearFraction = new Float64Array(n);
  const gapShare = new Float64Array(n);
  const logVolumeShare = new Float64Array(n);
  const profile = intradayVolumeProfile();
  const minuteFraction = ((1 - overnightShare) * dayFraction) / BARS_PER_SESSION;
  const openingFraction = minuteFraction + overnightShare * dayFraction;
  const openingGapShare = (overnightShare * dayFraction) / openingFraction;
  for (let d = 0; d < days; d++) {
    const open = (dayStarts[d] as number) + SESSION_OPEN_MINUTE_UTC * MINUTE;
    for (let k = 0; k < BARS_PER_SESSION; k++) {
      const i = d * BARS_PER_SESSION + k;
      ts[i] = open + k * MINUTE;
      yearFraction[i] = k === 0 ? openingFraction : minuteFraction;
      gapShare[i] = k === 0 ? openingGapShare : 0;
      logVolumeShare[i] = Math.log((profile[k] as number) / BARS_PER_SESSION);
    }
  }
  return { timeframe, ts, days, barsPerDay: BARS_PER_SESSION, yearFraction, gapShare, logVolumeShare };
}

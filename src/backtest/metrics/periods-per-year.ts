import { InvalidInputError, quote } from '../../core/errors.js';
import type { Timeframe } from '../../model/timeframe.js';

/**
 * Market calendars for annualization:
 * - `equity`: 252 sessions a year of 6.5 hours (390 minutes, the NYSE regular session);
 * - `crypto`: trades around the clock, 365 days of 24 hours.
 */
export const MARKET_CALENDARS = ['equity', 'crypto'] as const;
export type MarketCalendar = (typeof MARKET_CALENDARS)[number];

const MINUTES_PER_BAR: Readonly<Record<Exclude<Timeframe, '1d' | '1w'>, number>> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '4h': 240,
};

/**
 * Bars per year, the `scale` of PerformanceAnalytics' annualization:
 * - intraday bars: trading minutes a year / minutes per bar. Equity: 252 × 390 / m, so 1m → 98,280,
 *   5m → 19,656, 15m → 6,552, 30m → 3,276, 1h → 252 × 6.5 = 1,638, 4h → 409.5 (fractional on purpose: the
 *   session is not a whole number of 4-hour bars, and annualization scales by trading time). Crypto:
 *   365 × 1440 / m, so 1m → 525,600, 1h → 8,760, 4h → 2,190.
 * - 1d: 252 (equity) or 365 (crypto); 1w: 52 for both (PerformanceAnalytics' weekly scale).
 */
export function periodsPerYearFor(timeframe: Timeframe, calendar: MarketCalendar = 'equity'): number {
  if (!(MARKET_CALENDARS as readonly string[]).includes(calendar)) {
    throw new InvalidInputError(
      `market calendar ${quote(calendar)} must be one of ${MARKET_CALENDARS.join(', ')}`,
    );
  }
  if (timeframe === '1w') return 52;
  const daysPerYear = calendar === 'equity' ? 252 : 365;
  if (timeframe === '1d') return daysPerYear;
  const minutesPerDay = calendar === 'equity' ? 390 : 1440;
  const minutes = MINUTES_PER_BAR[timeframe] as number | undefined;
  if (minutes === undefined)
    throw new InvalidInputError(`timeframe ${quote(timeframe)} has no annualization scale`);
  return (daysPerYear * minutesPerDay) / minutes;
}

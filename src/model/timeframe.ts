import { InvalidInputError, quote } from '../core/errors.js';

/** Bar timeframes the platform knows; each maps to a fixed duration in ms (a day is a calendar day bucket). */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
const DURATIONS: Readonly<Record<Timeframe, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
  '1w': 7 * 1440 * MINUTE,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

export function parseTimeframe(value: string): Timeframe {
  if (!isTimeframe(value)) {
    throw new InvalidInputError(`timeframe ${quote(value)} must be one of ${TIMEFRAMES.join(', ')}`);
  }
  return value;
}

export function timeframeMs(timeframe: Timeframe): number {
  return DURATIONS[timeframe];
}

/**
 * Start of the bucket containing `ts`, in UTC. Weekly buckets start on Monday 00:00 UTC (epoch day 0 was a
 * Thursday; Monday 1970-01-05 is 4 days later, hence the 4-day shift).
 */
export function bucketStart(ts: number, timeframe: Timeframe): number {
  const width = DURATIONS[timeframe];
  if (timeframe === '1w') {
    const shift = 4 * DURATIONS['1d'];
    return Math.floor((ts - shift) / width) * width + shift;
  }
  return Math.floor(ts / width) * width;
}

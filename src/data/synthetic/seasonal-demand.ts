import { InvalidInputError, quote } from '../../core/errors.js';
import { randomStream } from './random-streams.js';

export const HALF_HOURS_PER_DAY = 48;
export const HALF_HOURS_PER_WEEK = 336;
const HALF_HOUR_MS = 1_800_000;
const WEEK_MS = 604_800_000;
/** 1970-01-05T00:00Z, the first Monday of the epoch: week phases are measured from it. */
const FIRST_MONDAY_MS = 345_600_000;
/** Longest series accepted: about 57 years of half-hours, far beyond any use; a typo cannot allocate gigabytes. */
const MAX_LENGTH = 1_000_000;

export interface SeasonalDemandOptions {
  /** Number of half-hourly values. */
  readonly length: number;
  readonly seed: number;
  /** Epoch ms of the first value, on a half-hour; 2024-01-01T00:00Z (a Monday) by default. */
  readonly start?: number;
  /** Mean demand at the start, 1000 by default. */
  readonly level?: number;
  /** Scale of the daily profile (its trough is 1.5 × this below the daily mean), 300 by default. */
  readonly dailyAmplitude?: number;
  /** Scale of the weekly profile (weekend demand is this much below the weekly mean), 150 by default. */
  readonly weeklyAmplitude?: number;
  /** Linear trend in demand units per day, 2 by default. */
  readonly trendPerDay?: number;
  /** Standard deviation of the noise (its stationary law), 30 by default. */
  readonly noise?: number;
  /** Lag-one autocorrelation φ of the AR(1) noise, in (-1, 1); 0.6 by default (0: white noise). */
  readonly noiseAutocorrelation?: number;
}

export interface SeasonalDemandSeries {
  /** Epoch ms of each value, every 30 minutes. */
  readonly ts: Float64Array;
  readonly demand: Float64Array;
}

/**
 * A seeded half-hourly demand series (electricity-load-like) with a daily cycle (48 values) and a weekly cycle
 * (336 values), for the forecasting accuracy benchmark (horizon 48, input 672, 10 rolling origins). Value t is
 *   y_t = level + trendPerDay · t / 48 + dailyAmplitude · d(τ_t) + weeklyAmplitude · w(day_t) + ε_t
 * where, from the value's UTC time,
 * - τ_t ∈ [0, 1) is the time of day; d(τ) = -cos 2πτ - 0.5 cos 4πτ has mean 0 over a day, its trough -1.5 at
 *   midnight and two peaks of 0.75 at 08:00 and 16:00 (d' = 0 where cos 2πτ = -1/2) with 0.5 at noon;
 * - day_t is the weekday; w = 0.4 Monday to Friday and -1 on Saturday and Sunday (mean 0 over a week);
 * - ε is AR(1) noise, ε_t = φ ε_{t-1} + noise · √(1 - φ²) · z_t with z_t standard normal and ε_0 = noise · z_0,
 *   so every ε_t has standard deviation `noise` (stationary from the first value).
 * A seasonal naive forecast of season 336 is then wrong by the noise difference plus a week of trend; a model
 * that learns both cycles can do better. The noise comes from the stream "seasonal-demand/noise" of `seed`.
 */
export function seasonalDemand(options: SeasonalDemandOptions): SeasonalDemandSeries {
  const { length, seed } = options;
  if (!Number.isInteger(length) || length < 1 || length > MAX_LENGTH)
    throw new InvalidInputError(`length ${quote(length)} must be a whole number in [1, ${MAX_LENGTH}]`);
  if (!Number.isSafeInteger(seed)) throw new InvalidInputError(`seed ${quote(seed)} must be an integer`);
  const start = options.start ?? Date.UTC(2024, 0, 1);
  if (!Number.isSafeInteger(start) || start % HALF_HOUR_MS !== 0)
    throw new InvalidInputError(`start ${quote(start)} must be epoch ms on a half-hour`);
  const level = finite('level', options.level ?? 1000);
  const dailyAmplitude = nonNegative('daily amplitude', options.dailyAmplitude ?? 300);
  const weeklyAmplitude = nonNegative('weekly amplitude', options.weeklyAmplitude ?? 150);
  const trendPerDay = finite('trend per day', options.trendPerDay ?? 2);
  const noise = nonNegative('noise', options.noise ?? 30);
  const phi = options.noiseAutocorrelation ?? 0.6;
  if (!(phi > -1 && phi < 1))
    throw new InvalidInputError(`noise autocorrelation ${quote(phi)} must be in (-1, 1)`);

  const rng = randomStream(seed, 'seasonal-demand/noise');
  const innovation = noise * Math.sqrt(1 - phi * phi);
  const ts = new Float64Array(length);
  const demand = new Float64Array(length);
  // Half-hours since the Monday 00:00 that starts the first value's week.
  const firstSlot = ((((start - FIRST_MONDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS) / HALF_HOUR_MS;
  let epsilon = noise * rng.normal();
  for (let t = 0; t < length; t++) {
    if (t > 0) epsilon = phi * epsilon + innovation * rng.normal();
    const slot = (firstSlot + t) % HALF_HOURS_PER_WEEK;
    const angle = (2 * Math.PI * (slot % HALF_HOURS_PER_DAY)) / HALF_HOURS_PER_DAY;
    const daily = -Math.cos(angle) - 0.5 * Math.cos(2 * angle);
    const weekly = slot >= 5 * HALF_HOURS_PER_DAY ? -1 : 0.4;
    ts[t] = start + t * HALF_HOUR_MS;
    demand[t] =
      level +
      (trendPerDay * t) / HALF_HOURS_PER_DAY +
      dailyAmplitude * daily +
      weeklyAmplitude * weekly +
      epsilon;
  }
  return { ts, demand };
}

function finite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${name} ${quote(value)} must be a finite number`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0))
    throw new InvalidInputError(`${name} ${quote(value)} must be a finite number >= 0`);
  return value;
}

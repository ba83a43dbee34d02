import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import {
  RingWindow,
  absoluteChangeRange,
  fillWarmUp,
  recomputeInterval,
  resultColumn,
} from './window-support.js';

/** TA-Lib's fixed KAMA constants: slowest = 2 / (30 + 1), fastest = 2 / (2 + 1). */
const SLOWEST = 2 / (30 + 1);
const FASTEST_MINUS_SLOWEST = 2 / (2 + 1) - SLOWEST;

/**
 * Kaufman adaptive moving average (TA-Lib KAMA, fixed fast 2 / slow 30):
 * - change_t = x_t - x_{t-n}; volatility_t = sum_{j=t-n+1..t} |x_j - x_{j-1}|;
 *   ER_t = 1 if volatility_t <= change_t or volatility_t = 0, else |change_t / volatility_t|;
 *   sc_t = (ER_t * (2/3 - 2/31) + 2/31)^2; KAMA_t = (x_t - KAMA_{t-1}) * sc_t + KAMA_{t-1}.
 * - Seed (TA-Lib): KAMA_{n-1} = x_{n-1}; the first value is at index n (TA-Lib lookback n); NaN before.
 * - Volatility is a running sum recomputed exactly every max(4096, 16n) bars and whenever not finite (TA-Lib never
 *   recomputes); a count of the non-zero changes in the window makes a flat window's volatility exactly zero.
 * - Deviation: TA-Lib treats a volatility below 1e-8 (an absolute threshold, TA_IS_ZERO) as zero; this treats only
 *   an exactly flat window as zero, so series priced below ~1e-6 are not forced to ER = 1. Elsewhere they agree
 *   to rounding.
 * - NaN propagates to every later value, as in TA-Lib.
 */
export function kama(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('kama', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period);
  if (n <= period) return result;
  const interval = recomputeInterval(period);
  let volatility = absoluteChangeRange(values, 1, period);
  let moving = 0;
  for (let j = 1; j <= period; j++) if (values[j]! - values[j - 1]! !== 0) moving++;
  let average = values[period - 1]!;
  let countdown = interval;
  for (let t = period; t < n; t++) {
    const value = values[t]!;
    if (t > period) {
      const added = Math.abs(value - values[t - 1]!);
      const removed = Math.abs(values[t - period]! - values[t - period - 1]!);
      moving += (added !== 0 ? 1 : 0) - (removed !== 0 ? 1 : 0);
      if (--countdown === 0) {
        countdown = interval;
        volatility = absoluteChangeRange(values, t - period + 1, t);
      } else {
        volatility += added - removed;
        if (!(volatility - volatility === 0)) volatility = absoluteChangeRange(values, t - period + 1, t);
      }
    }
    average = kamaStep(value, value - values[t - period]!, volatility, moving, average);
    result[t] = average;
  }
  return result;
}

function kamaStep(
  value: number,
  change: number,
  volatility: number,
  moving: number,
  previous: number,
): number {
  const efficiency = volatility <= change || moving === 0 ? 1 : Math.abs(change / volatility);
  let smoothing = efficiency * FASTEST_MINUS_SLOWEST + SLOWEST;
  smoothing *= smoothing;
  return (value - previous) * smoothing + previous;
}

/** Streaming twin of `kama`: O(1) per update, bit-identical to the batch kernel. */
export class KamaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly window: RingWindow;
  private readonly interval: number;
  private volatility = 0;
  private moving = 0;
  private countdown = -1;
  private average = Number.NaN;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('kama', 'period', period, 1);
    this.window = new RingWindow(period + 1);
    this.interval = recomputeInterval(period);
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    const window = this.window;
    const evicted = window.push(value);
    if (this.countdown < 0) {
      if (!window.isFull) return null;
      this.volatility = window.absoluteChangeSum();
      this.moving = 0;
      for (let age = this.period - 1; age >= 0; age--)
        if (window.ago(age) - window.ago(age + 1) !== 0) this.moving++;
      this.average = window.ago(1);
      this.countdown = this.interval;
    } else {
      const added = Math.abs(value - window.ago(1));
      const removed = Math.abs(window.ago(this.period) - evicted);
      this.moving += (added !== 0 ? 1 : 0) - (removed !== 0 ? 1 : 0);
      if (--this.countdown === 0) {
        this.countdown = this.interval;
        this.volatility = window.absoluteChangeSum();
      } else {
        this.volatility += added - removed;
        if (!(this.volatility - this.volatility === 0)) this.volatility = window.absoluteChangeSum();
      }
    }
    this.average = kamaStep(
      value,
      value - window.ago(this.period),
      this.volatility,
      this.moving,
      this.average,
    );
    this.current = this.average;
    return this.current;
  }

  reset(): void {
    this.window.clear();
    this.volatility = 0;
    this.moving = 0;
    this.countdown = -1;
    this.average = Number.NaN;
    this.current = null;
  }
}

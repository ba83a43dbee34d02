import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Relative strength index (TA-Lib RSI, Wilder):
 * - d_t = x_t - x_{t-1}; up_t = max(d_t, 0), down_t = max(-d_t, 0).
 * - Seed (TA-Lib): avgUp_n = (up_1 + ... + up_n) / n, avgDown_n likewise (simple averages of the first n changes);
 *   the first value is at index n (TA-Lib lookback n); NaN before.
 * - Then Wilder smoothing avg_t = ((n - 1) / n) * avg_{t-1} + (1 / n) * value_t. TA-Lib evaluates
 *   (avg_{t-1} * (n - 1) + value_t) / n; the two agree to rounding (the recurrence contracts) and this one keeps
 *   divisions off the critical path.
 * - RSI_t = 100 * (avgUp_t / (avgUp_t + avgDown_t)) (= 100 - 100 / (1 + RS)); 0 when both averages are 0 (a flat
 *   series), as TA-Lib. Deviation: TA-Lib also returns 0 when avgUp + avgDown < 1e-8 (an absolute threshold);
 *   here only an exact 0 does, so low-priced series and long flat stretches keep their RSI.
 * - NaN propagates to every later value, as in TA-Lib. trading-signals returns 100 (not 0) for a flat series.
 */
export function rsi(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('rsi', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period);
  if (n <= period) return result;
  let up = 0;
  let down = 0;
  for (let i = 1; i <= period; i++) {
    const change = values[i]! - values[i - 1]!;
    const size = Math.abs(change);
    // (d + |d|) / 2 and (|d| - d) / 2 are exactly max(d, 0) and max(-d, 0), without a data-dependent branch.
    up += (change + size) * 0.5;
    down += (size - change) * 0.5;
  }
  up /= period;
  down /= period;
  result[period] = rsiOf(up, down);
  const alpha = 1 / period;
  const decay = (period - 1) / period;
  for (let i = period + 1; i < n; i++) {
    const change = values[i]! - values[i - 1]!;
    const size = Math.abs(change);
    up = decay * up + alpha * ((change + size) * 0.5);
    down = decay * down + alpha * ((size - change) * 0.5);
    result[i] = rsiOf(up, down);
  }
  return result;
}

function rsiOf(up: number, down: number): number {
  const total = up + down;
  return total === 0 ? 0 : 100 * (up / total);
}

/** Streaming twin of `rsi`: O(1) per update, bit-identical to the batch kernel. */
export class RsiStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly alpha: number;
  private readonly decay: number;
  private previous = Number.NaN;
  private seen = 0;
  private up = 0;
  private down = 0;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('rsi', 'period', period, 1);
    this.alpha = 1 / period;
    this.decay = (period - 1) / period;
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    const seen = this.seen++;
    const change = value - this.previous;
    this.previous = value;
    if (seen === 0) return null;
    const size = Math.abs(change);
    if (seen > this.period) {
      this.up = this.decay * this.up + this.alpha * ((change + size) * 0.5);
      this.down = this.decay * this.down + this.alpha * ((size - change) * 0.5);
    } else {
      this.up += (change + size) * 0.5;
      this.down += (size - change) * 0.5;
      if (seen < this.period) return null;
      this.up /= this.period;
      this.down /= this.period;
    }
    this.current = rsiOf(this.up, this.down);
    return this.current;
  }

  reset(): void {
    this.previous = Number.NaN;
    this.seen = 0;
    this.up = 0;
    this.down = 0;
    this.current = null;
  }
}

import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { WindowSum, writeWindowSums } from './window-sum.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Simple moving average (TA-Lib SMA): SMA_t = (x_{t-n+1} + ... + x_t) / n.
 * - First valid index n - 1 (TA-Lib lookback n - 1); NaN before.
 * - Running window sum `sum += x_t - x_{t-n}`, recomputed exactly from the window every max(4096, 16n) bars
 *   and whenever it is not finite (see window-sum.ts): a NaN or infinity makes exactly the windows holding it
 *   NaN / infinite, where TA-Lib's never-recomputed running total stays NaN for the rest of the series.
 *   Agrees with TA-Lib to rounding (both divide the window total by n).
 * - TA-Lib requires n >= 2; n = 1 is accepted here and returns the input.
 */
export function sma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('sma', 'period', period, 1);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length >= period) writeWindowSums(values, period, period, result);
  return result;
}

/** Streaming twin of `sma`: O(1) per update, bit-identical to the batch kernel. */
export class SmaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly state: WindowSum;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('sma', 'period', period, 1);
    this.state = new WindowSum(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    if (!this.state.update(value)) return null;
    this.current = this.state.sum / this.period;
    return this.current;
  }

  reset(): void {
    this.state.reset();
    this.current = null;
  }
}

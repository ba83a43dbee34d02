import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { EmaState } from './ema.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Double exponential moving average (TA-Lib DEMA): DEMA = 2 * EMA1 - EMA2, where EMA1 = EMA_n(x) and
 * EMA2 = EMA_n(EMA1), each EMA seeded with the SMA of its first n inputs (see `ema`), so EMA2 is seeded with the
 * mean of EMA1's first n values (indices n - 1 .. 2n - 2).
 * - First valid index 2 (n - 1) (TA-Lib lookback); NaN before. NaN propagates to every later value.
 * - Evaluated as (2 * EMA1) - EMA2, TA-Lib's expression.
 */
export function dema(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('dema', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  const first = 2 * (period - 1);
  fillWarmUp(result, first);
  if (n <= first) return result;
  const ema1 = new EmaState(period);
  const ema2 = new EmaState(period);
  for (let i = 0; i < n; i++) {
    if (ema1.update(values[i]!) && ema2.update(ema1.value)) result[i] = 2 * ema1.value - ema2.value;
  }
  return result;
}

/** Streaming twin of `dema`: O(1) per update, bit-identical to the batch kernel. */
export class DemaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly ema1: EmaState;
  private readonly ema2: EmaState;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('dema', 'period', period, 1);
    this.ema1 = new EmaState(period);
    this.ema2 = new EmaState(period);
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    if (this.ema1.update(value) && this.ema2.update(this.ema1.value)) {
      this.current = 2 * this.ema1.value - this.ema2.value;
    }
    return this.current;
  }

  reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.current = null;
  }
}

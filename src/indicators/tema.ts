import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { EmaState } from './ema.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Triple exponential moving average (TA-Lib TEMA): TEMA = 3 * EMA1 - 3 * EMA2 + EMA3, where EMA1 = EMA_n(x),
 * EMA2 = EMA_n(EMA1), EMA3 = EMA_n(EMA2), each EMA seeded with the SMA of its first n inputs (see `ema`).
 * - First valid index 3 (n - 1) (TA-Lib lookback); NaN before. NaN propagates to every later value.
 * - Evaluated as EMA3 + ((3 * EMA1) - (3 * EMA2)), TA-Lib's expression.
 */
export function tema(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('tema', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  const first = 3 * (period - 1);
  fillWarmUp(result, first);
  if (n <= first) return result;
  const ema1 = new EmaState(period);
  const ema2 = new EmaState(period);
  const ema3 = new EmaState(period);
  for (let i = 0; i < n; i++) {
    if (ema1.update(values[i]!) && ema2.update(ema1.value) && ema3.update(ema2.value)) {
      result[i] = ema3.value + (3 * ema1.value - 3 * ema2.value);
    }
  }
  return result;
}

/** Streaming twin of `tema`: O(1) per update, bit-identical to the batch kernel. */
export class TemaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly ema1: EmaState;
  private readonly ema2: EmaState;
  private readonly ema3: EmaState;
  private current: number | null = null;

  constructor(period: number) {
    this.period = integerParameter('tema', 'period', period, 1);
    this.ema1 = new EmaState(period);
    this.ema2 = new EmaState(period);
    this.ema3 = new EmaState(period);
  }

  get isReady(): boolean {
    return this.current !== null;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.current;
  }

  update(value: number): number | null {
    if (this.ema1.update(value) && this.ema2.update(this.ema1.value) && this.ema3.update(this.ema2.value)) {
      this.current = this.ema3.value + (3 * this.ema1.value - 3 * this.ema2.value);
    }
    return this.current;
  }

  reset(): void {
    this.ema1.reset();
    this.ema2.reset();
    this.ema3.reset();
    this.current = null;
  }
}

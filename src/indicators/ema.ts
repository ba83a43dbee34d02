import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Exponential moving average (TA-Lib EMA, default compatibility):
 * - k = 2 / (n + 1); seeded with the SMA of the first n values (summed in order from 0, divided by n), which is
 *   the first output, at index n - 1 (TA-Lib lookback n - 1); then EMA_t = k * x_t + (1 - k) * EMA_{t-1}.
 *   TA-Lib evaluates the same recurrence as (x_t - EMA_{t-1}) * k + EMA_{t-1}; the results differ by rounding
 *   only (the recurrence contracts, so differences do not accumulate), and this form has two dependent
 *   floating-point operations per value instead of three, which is what makes it run near memory speed.
 * - NaN propagates to every later value, as in TA-Lib.
 * - TA-Lib requires n >= 2; n = 1 (k = 1) is accepted here and returns the input.
 * trading-signals seeds its EMA with the first value instead of an SMA: the two converge geometrically.
 */
export function ema(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('ema', 'period', period, 1);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length >= period) writeEma(values, period, emaFactor(period), result);
  return result;
}

/** TA-Lib's smoothing factor for an n-period EMA: 2 / (n + 1). */
export function emaFactor(period: number): number {
  return 2 / (period + 1);
}

/** Writes the EMA to out[period - 1 ..]; requires values.length >= period. */
function writeEma(values: Float64Array, period: number, factor: number, out: Float64Array): void {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += values[i]!;
  const decay = 1 - factor;
  let average = sum / period;
  out[period - 1] = average;
  for (let i = period; i < n; i++) {
    average = factor * values[i]! + decay * average;
    out[i] = average;
  }
}

/**
 * The EMA recurrence as O(1) state, shared by the EMA-based indicators (DEMA, TEMA, MACD, Keltner): `update`
 * returns whether `value` is valid. Same operations, same order as `ema`.
 */
export class EmaState {
  value = Number.NaN;
  private readonly period: number;
  private readonly factor: number;
  private readonly decay: number;
  private seen = 0;
  private sum = 0;

  constructor(period: number, factor = emaFactor(period)) {
    this.period = period;
    this.factor = factor;
    this.decay = 1 - factor;
  }

  get isReady(): boolean {
    return this.seen >= this.period;
  }

  update(input: number): boolean {
    if (this.seen >= this.period) {
      this.value = this.factor * input + this.decay * this.value;
      return true;
    }
    this.sum += input;
    if (++this.seen < this.period) return false;
    this.value = this.sum / this.period;
    return true;
  }

  reset(): void {
    this.value = Number.NaN;
    this.seen = 0;
    this.sum = 0;
  }
}

/** Streaming twin of `ema`: O(1) per update, bit-identical to the batch kernel. */
export class EmaStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly state: EmaState;

  constructor(period: number) {
    this.period = integerParameter('ema', 'period', period, 1);
    this.state = new EmaState(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  /** The latest value, or null while warming up. */
  get value(): number | null {
    return this.state.isReady ? this.state.value : null;
  }

  update(value: number): number | null {
    return this.state.update(value) ? this.state.value : null;
  }

  reset(): void {
    this.state.reset();
  }
}

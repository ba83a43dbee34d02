import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { RingWindow, fillWarmUp, resultColumn } from './window-support.js';

/**
 * Rate of change in percent (TA-Lib ROC): ROC_t = (x_t / x_{t-n} - 1) * 100, and 0 when x_{t-n} = 0 (TA-Lib).
 * First valid index n (TA-Lib lookback n); NaN before. (TA-Lib's ROCP is ROC / 100, ROCR is ROC / 100 + 1.)
 */
export function roc(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('roc', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period);
  for (let i = period; i < n; i++) result[i] = rocOf(values[i]!, values[i - period]!);
  return result;
}

/**
 * Momentum (TA-Lib MOM): MOM_t = x_t - x_{t-n}. First valid index n (TA-Lib lookback n); NaN before.
 */
export function momentum(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('momentum', 'period', period, 1);
  const n = values.length;
  const result = resultColumn(n, out);
  fillWarmUp(result, period);
  for (let i = period; i < n; i++) result[i] = values[i]! - values[i - period]!;
  return result;
}

function rocOf(value: number, previous: number): number {
  return previous !== 0 ? (value / previous - 1) * 100 : 0;
}

/** Streaming twin of `roc`: keeps the last n + 1 values in a ring; bit-identical to the batch kernel. */
export class RocStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly window: RingWindow;

  constructor(period: number) {
    this.period = integerParameter('roc', 'period', period, 1);
    this.window = new RingWindow(period + 1);
  }

  get isReady(): boolean {
    return this.window.isFull;
  }

  update(value: number): number | null {
    this.window.push(value);
    return this.window.isFull ? rocOf(value, this.window.ago(this.period)) : null;
  }

  reset(): void {
    this.window.clear();
  }
}

/** Streaming twin of `momentum`: keeps the last n + 1 values in a ring; bit-identical to the batch kernel. */
export class MomentumStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly window: RingWindow;

  constructor(period: number) {
    this.period = integerParameter('momentum', 'period', period, 1);
    this.window = new RingWindow(period + 1);
  }

  get isReady(): boolean {
    return this.window.isFull;
  }

  update(value: number): number | null {
    this.window.push(value);
    return this.window.isFull ? value - this.window.ago(this.period) : null;
  }

  reset(): void {
    this.window.clear();
  }
}

import { InvalidInputError, quote } from '../core/errors.js';
import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { WindowMoments, writeWindowMoments } from './window-moments.js';
import { WindowSum, writeWindowSums } from './window-sum.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/**
 * Rolling-window statistics over the last n values (TA-Lib SUM, MIN, MAX, VAR, STDDEV conventions):
 * - First valid index n - 1 (TA-Lib lookback); NaN before. Every output is NaN exactly when its window holds a NaN
 *   (sum / mean / variance: a running sum recomputed when not finite, see window-sum.ts; min / max: the index of the
 *   last NaN is tracked).
 * - Sum and mean: running sum, recomputed exactly every max(4096, 16n) bars (see window-sum.ts); the mean is
 *   bit-identical to `sma`.
 * - Variance and standard deviation: POPULATION (divide by n, as TA-Lib VAR / STDDEV) by default; pass
 *   `'sample'` to divide by n - 1 (requires n >= 2). Windowed Welford update with exact recomputation when its
 *   rounding could matter (see window-moments.ts), exactly 0 on a flat window, never negative. Long-standing TA-Lib
 *   releases compute E[x^2] - E[x]^2 and return 0 below 1e-8; its current sources are cancellation-free too.
 * - Min / max: monotonic deques in typed-array rings, O(1) amortized per value, exact (no arithmetic).
 */
export const VARIANCE_ESTIMATORS = ['population', 'sample'] as const;
export type VarianceEstimator = (typeof VARIANCE_ESTIMATORS)[number];

export function rollingSum(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('rollingSum', 'period', period, 1);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length >= period) writeWindowSums(values, period, 1, result);
  return result;
}

/** Rolling mean: the same numbers as `sma`. */
export function rollingMean(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('rollingMean', 'period', period, 1);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length >= period) writeWindowSums(values, period, period, result);
  return result;
}

export function rollingVariance(
  values: Float64Array,
  period: number,
  estimator: VarianceEstimator = 'population',
  out?: Float64Array,
): Float64Array {
  const divisor = varianceDivisor('rollingVariance', period, estimator);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length < period) return result;
  // The mean is written first and M2 then overwrites it at the same index, so one column serves both. M2 is never
  // negative (window-moments.ts), so the variance needs no clamp.
  writeWindowMoments(values, period, result, result);
  for (let i = period - 1; i < result.length; i++) result[i] = result[i]! / divisor;
  return result;
}

export function rollingStd(
  values: Float64Array,
  period: number,
  estimator: VarianceEstimator = 'population',
  out?: Float64Array,
): Float64Array {
  const divisor = varianceDivisor('rollingStd', period, estimator);
  const result = resultColumn(values.length, out);
  fillWarmUp(result, period - 1);
  if (values.length < period) return result;
  writeWindowMoments(values, period, result, result);
  for (let i = period - 1; i < result.length; i++) result[i] = Math.sqrt(result[i]! / divisor);
  return result;
}

/** Checks the period and estimator; returns the divisor of M2 (n, or n - 1 for the sample estimator). */
export function varianceDivisor(indicator: string, period: number, estimator: VarianceEstimator): number {
  if (estimator === 'sample') return integerParameter(indicator, 'period', period, 2) - 1;
  if (estimator === 'population') return integerParameter(indicator, 'period', period, 1);
  throw new InvalidInputError(
    `${indicator} estimator ${quote(estimator)} must be one of ${VARIANCE_ESTIMATORS.join(', ')}`,
  );
}

/** Streaming twin of `rollingSum`: O(1) per update, bit-identical to the batch kernel. */
export class RollingSumStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly state: WindowSum;

  constructor(period: number) {
    this.period = integerParameter('rollingSum', 'period', period, 1);
    this.state = new WindowSum(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  update(value: number): number | null {
    return this.state.update(value) ? this.state.sum : null;
  }

  reset(): void {
    this.state.reset();
  }
}

/** Streaming twin of `rollingMean` (the same numbers as `SmaStream`). */
export class RollingMeanStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly state: WindowSum;

  constructor(period: number) {
    this.period = integerParameter('rollingMean', 'period', period, 1);
    this.state = new WindowSum(period);
  }

  get isReady(): boolean {
    return this.state.isReady;
  }

  update(value: number): number | null {
    return this.state.update(value) ? this.state.sum / this.period : null;
  }

  reset(): void {
    this.state.reset();
  }
}

/** Streaming twin of `rollingVariance`: O(1) per update, bit-identical to the batch kernel. */
export class RollingVarianceStream implements StreamingIndicator<number, number> {
  readonly period: number;
  readonly estimator: VarianceEstimator;
  private readonly divisor: number;
  private readonly moments: WindowMoments;

  constructor(period: number, estimator: VarianceEstimator = 'population', indicator = 'rollingVariance') {
    this.divisor = varianceDivisor(indicator, period, estimator);
    this.period = period;
    this.estimator = estimator;
    this.moments = new WindowMoments(period);
  }

  get isReady(): boolean {
    return this.moments.isReady;
  }

  update(value: number): number | null {
    return this.moments.update(value) ? this.moments.m2 / this.divisor : null;
  }

  reset(): void {
    this.moments.reset();
  }
}

/** Streaming twin of `rollingStd`: the variance stream's value, square-rooted (bit-identical to the batch kernel). */
export class RollingStdStream extends RollingVarianceStream {
  constructor(period: number, estimator: VarianceEstimator = 'population') {
    super(period, estimator, 'rollingStd');
  }

  override update(value: number): number | null {
    const variance = super.update(value);
    return variance === null ? null : Math.sqrt(variance);
  }
}

/** Rolling maximum of the last n values (TA-Lib MAX); NaN while warming up or when the window holds a NaN. */
export function rollingMax(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('rollingMax', 'period', period, 1);
  return writeExtremes(values, period, 1, resultColumn(values.length, out));
}

/** Rolling minimum of the last n values (TA-Lib MIN); NaN while warming up or when the window holds a NaN. */
export function rollingMin(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  integerParameter('rollingMin', 'period', period, 1);
  return writeExtremes(values, period, -1, resultColumn(values.length, out));
}

/**
 * Monotonic deque of indices (an Int32Array ring): the front is the window's extreme. `sign` = 1 for the maximum,
 * -1 for the minimum (negation is exact, so one comparison serves both).
 */
function writeExtremes(values: Float64Array, period: number, sign: number, out: Float64Array): Float64Array {
  const n = values.length;
  fillWarmUp(out, period - 1);
  const deque = new Int32Array(period);
  let head = 0;
  let size = 0;
  let lastNaN = -period;
  for (let i = 0; i < n; i++) {
    if (size > 0 && deque[head]! <= i - period) {
      head = head + 1 === period ? 0 : head + 1;
      size--;
    }
    const value = values[i]!;
    if (Number.isNaN(value)) {
      lastNaN = i;
    } else {
      const key = sign * value;
      while (size > 0) {
        const back = head + size - 1;
        if (sign * values[deque[back >= period ? back - period : back]!]! > key) break;
        size--;
      }
      const tail = head + size;
      deque[tail >= period ? tail - period : tail] = i;
      size++;
    }
    if (i >= period - 1) out[i] = i - lastNaN < period ? Number.NaN : values[deque[head]!]!;
  }
  return out;
}

/** Streaming rolling extreme: the deque holds values and their sequence numbers. Same outputs as the batch. */
class ExtremeStream implements StreamingIndicator<number, number> {
  readonly period: number;
  private readonly sign: number;
  private readonly dequeValues: Float64Array;
  private readonly dequeSequence: Float64Array;
  private head = 0;
  private size = 0;
  private seen = 0;
  private lastNaN: number;

  constructor(indicator: string, period: number, sign: number) {
    this.period = integerParameter(indicator, 'period', period, 1);
    this.sign = sign;
    this.dequeValues = new Float64Array(period);
    this.dequeSequence = new Float64Array(period);
    this.lastNaN = -period;
  }

  get isReady(): boolean {
    return this.seen >= this.period;
  }

  update(value: number): number | null {
    const period = this.period;
    const i = this.seen++;
    if (this.size > 0 && this.dequeSequence[this.head]! <= i - period) {
      this.head = this.head + 1 === period ? 0 : this.head + 1;
      this.size--;
    }
    if (Number.isNaN(value)) {
      this.lastNaN = i;
    } else {
      const key = this.sign * value;
      while (this.size > 0) {
        const back = this.head + this.size - 1;
        if (this.sign * this.dequeValues[back >= period ? back - period : back]! > key) break;
        this.size--;
      }
      const tail = this.head + this.size;
      const slot = tail >= period ? tail - period : tail;
      this.dequeValues[slot] = value;
      this.dequeSequence[slot] = i;
      this.size++;
    }
    if (i < period - 1) return null;
    return i - this.lastNaN < period ? Number.NaN : this.dequeValues[this.head]!;
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
    this.seen = 0;
    this.lastNaN = -this.period;
  }
}

/** Streaming twin of `rollingMax`: O(1) amortized per update. */
export class RollingMaxStream extends ExtremeStream {
  constructor(period: number) {
    super('rollingMax', period, 1);
  }
}

/** Streaming twin of `rollingMin`: O(1) amortized per update. */
export class RollingMinStream extends ExtremeStream {
  constructor(period: number) {
    super('rollingMin', period, -1);
  }
}

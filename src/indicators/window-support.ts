import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Internal helpers shared by the moving-window kernels and their streaming twins (not part of the public API).
 *
 * Accuracy of running sums: a window sum is updated as `sum += x[i] - x[i - period]`, and recomputed from the
 * window (sequentially, oldest to newest) every `recomputeInterval(period)` outputs, and whenever the running
 * sum is not finite. So an error left behind by a large value leaving the window lasts a bounded number of bars,
 * and a NaN or infinity poisons exactly the outputs whose window holds it. Sums updated from other sums (WMA,
 * regression slope) use the shorter `nestedRecomputeInterval`; the moving variance also recomputes whenever its
 * rounding could matter (window-moments.ts). Batch kernels and streams recompute at the same bars and sum in the
 * same order, so they give bit-identical results.
 */

/** Outputs between two exact recomputations of a running window sum: at least 4096, at least 16 windows. */
export function recomputeInterval(period: number): number {
  return Math.max(4096, 16 * period);
}

/**
 * Recomputation interval for a running sum that is itself updated from another running sum (the WMA numerator and
 * the regression's sum of x * y add the window sum at every bar): their rounding errors integrate a random walk and
 * grow like t^1.5 (~1e-16 t^1.5 of the values' scale), so they are recomputed more often: every max(64, 4n) outputs.
 */
export function nestedRecomputeInterval(period: number): number {
  return Math.max(64, 4 * period);
}

/**
 * An output column the kernel will write in full (warm-up NaN included): the caller's `out` after checking its
 * length, else a new one. Unlike `outputColumn` it does not pre-fill, which saves one pass over memory.
 */
export function resultColumn(length: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) {
    throw new InvalidInputError(`output length ${quote(out.length)} must equal the input length ${length}`);
  }
  return out;
}

/** Writes NaN to out[0, end) (clamped to the column's length): the warm-up of a kernel. */
export function fillWarmUp(out: Float64Array, end: number): void {
  out.fill(Number.NaN, 0, Math.min(end, out.length));
}

/** Sum of values[from..to] inclusive, in index order, starting from 0 (the order TA-Lib seeds with). */
export function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += values[j]!;
  return sum;
}

/** Sum of (j - from + 1) * values[j] over values[from..to] inclusive, in index order: a WMA numerator. */
export function weightedSumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let weight = 1;
  for (let j = from; j <= to; j++) sum += weight++ * values[j]!;
  return sum;
}

/** Sum of (to - j) * values[j] over values[from..to] inclusive, in index order (weights = ages, newest 0). */
export function ageWeightedSumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += (to - j) * values[j]!;
  return sum;
}

/** Sum of |values[j] - values[j - 1]| for j in from..to inclusive, in index order (requires from >= 1). */
export function absoluteChangeRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j <= to; j++) sum += Math.abs(values[j]! - values[j - 1]!);
  return sum;
}

/**
 * Sum of squared deviations from `mean` over values[from..to] inclusive, in index order; exactly 0 when all those
 * values are identical (a NaN sum stays NaN).
 */
export function windowSquaredDeviations(
  values: Float64Array,
  from: number,
  to: number,
  mean: number,
): number {
  const first = values[from]!;
  let flat = true;
  let m2 = 0;
  for (let j = from; j <= to; j++) {
    const value = values[j]!;
    const d = value - mean;
    m2 += d * d;
    if (value !== first) flat = false;
  }
  return flat && !Number.isNaN(m2) ? 0 : m2;
}

/**
 * A fixed-capacity window of the last `capacity` values for streams (a typed-array ring buffer). Its in-order
 * reductions visit the values oldest to newest, as the batch kernels do, so sums are bit-identical.
 */
export class RingWindow {
  readonly capacity: number;
  private readonly values: Float64Array;
  /** Index of the oldest value once full; the next write position in every case. */
  private head = 0;
  private stored = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.values = new Float64Array(capacity);
  }

  get isFull(): boolean {
    return this.stored === this.capacity;
  }

  /** Appends a value; returns the value it evicts (NaN while the window is not yet full). */
  push(value: number): number {
    const evicted = this.stored === this.capacity ? this.values[this.head]! : Number.NaN;
    this.values[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.stored < this.capacity) this.stored++;
    return evicted;
  }

  /** The value `age` bars ago (0 = newest); requires age < count. */
  ago(age: number): number {
    const index = this.head - 1 - age;
    return this.values[index < 0 ? index + this.capacity : index]!;
  }

  /** Sum of the stored values, oldest to newest, starting from 0. */
  sum(): number {
    let sum = 0;
    const start = this.stored === this.capacity ? this.head : 0;
    for (let j = start; j < this.stored; j++) sum += this.values[j]!;
    for (let j = 0; j < start; j++) sum += this.values[j]!;
    return sum;
  }

  /** Sum of (position + 1) * value, oldest (weight 1) to newest (weight count): a WMA numerator. */
  weightedSum(): number {
    let sum = 0;
    let weight = 1;
    const start = this.stored === this.capacity ? this.head : 0;
    for (let j = start; j < this.stored; j++) sum += weight++ * this.values[j]!;
    for (let j = 0; j < start; j++) sum += weight++ * this.values[j]!;
    return sum;
  }

  /** Sum of age * value (newest age 0), oldest to newest: TA-Lib's LINEARREG sum of x * y. */
  ageWeightedSum(): number {
    let sum = 0;
    for (let age = this.stored - 1; age >= 0; age--) sum += age * this.ago(age);
    return sum;
  }

  /** Sum of |v_k - v_{k-1}| over consecutive stored values, oldest to newest (KAMA's volatility). */
  absoluteChangeSum(): number {
    let sum = 0;
    for (let age = this.stored - 2; age >= 0; age--) sum += Math.abs(this.ago(age) - this.ago(age + 1));
    return sum;
  }

  /** Sum of squared deviations from `mean`, oldest to newest; exactly 0 when all values are identical. */
  squaredDeviations(mean: number): number {
    const start = this.stored === this.capacity ? this.head : 0;
    const first = this.values[start]!;
    let flat = true;
    let m2 = 0;
    for (let j = start; j < this.stored; j++) {
      const value = this.values[j]!;
      const d = value - mean;
      m2 += d * d;
      if (value !== first) flat = false;
    }
    for (let j = 0; j < start; j++) {
      const value = this.values[j]!;
      const d = value - mean;
      m2 += d * d;
      if (value !== first) flat = false;
    }
    return flat && !Number.isNaN(m2) ? 0 : m2;
  }

  clear(): void {
    this.head = 0;
    this.stored = 0;
  }
}

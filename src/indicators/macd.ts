import { InvalidInputError, quote } from '../core/errors.js';
import { integerParameter, type StreamingIndicator } from './indicator-support.js';
import { EmaState, emaFactor } from './ema.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/** The three MACD columns (batch) or values (stream). */
export interface MacdOutput<T = Float64Array> {
  /** MACD line: fast EMA - slow EMA. */
  readonly macd: T;
  /** Signal line: EMA of the MACD line. */
  readonly signal: T;
  /** Histogram: MACD line - signal line. */
  readonly histogram: T;
}

/**
 * Moving average convergence / divergence (TA-Lib MACD, EMAs as in `ema`, k = 2 / (n + 1)):
 * - Both EMAs start on the same bar, as in TA-Lib: the slow EMA is seeded with the mean of x_0 .. x_{slow-1}, the
 *   fast EMA with the mean of x_{slow-fast} .. x_{slow-1} (so the fast EMA here differs from `ema(values, fast)`
 *   during its first bars: TA-Lib's MACD, not a standalone EMA).
 * - MACD line_t = fastEMA_t - slowEMA_t from index slow - 1; signal = EMA_signal of the MACD line, seeded with the
 *   mean of its first `signal` values; histogram = MACD line - signal.
 * - All three columns start at index (slow - 1) + (signal - 1) (TA-Lib lookback); NaN before.
 * - Deviation: TA-Lib silently swaps fast and slow when fast > slow; this rejects it.
 * technicalindicators seeds the fast EMA on its own first `fast` values; the two converge geometrically.
 */
export function macd(
  values: Float64Array,
  fastPeriod = 12,
  slowPeriod = 26,
  signalPeriod = 9,
  out?: Partial<MacdOutput>,
): MacdOutput {
  checkPeriods(fastPeriod, slowPeriod, signalPeriod);
  const n = values.length;
  const line = resultColumn(n, out?.macd);
  const signal = resultColumn(n, out?.signal);
  const histogram = resultColumn(n, out?.histogram);
  const first = slowPeriod + signalPeriod - 2;
  fillWarmUp(line, first);
  fillWarmUp(signal, first);
  fillWarmUp(histogram, first);
  if (n <= first) return { macd: line, signal, histogram };

  const fastFactor = emaFactor(fastPeriod);
  const slowFactor = emaFactor(slowPeriod);
  const signalFactor = emaFactor(signalPeriod);
  const fastDecay = 1 - fastFactor;
  const slowDecay = 1 - slowFactor;
  const signalDecay = 1 - signalFactor;
  let slowSum = 0;
  for (let i = 0; i < slowPeriod; i++) slowSum += values[i]!;
  let fastSum = 0;
  for (let i = slowPeriod - fastPeriod; i < slowPeriod; i++) fastSum += values[i]!;
  let slow = slowSum / slowPeriod;
  let fast = fastSum / fastPeriod;
  // The signal EMA's seed: the mean of the MACD line over bars slow - 1 .. first.
  let signalSum = fast - slow;
  for (let i = slowPeriod; i <= first; i++) {
    const value = values[i]!;
    fast = fastFactor * value + fastDecay * fast;
    slow = slowFactor * value + slowDecay * slow;
    signalSum += fast - slow;
  }
  let average = signalSum / signalPeriod;
  let difference = fast - slow;
  line[first] = difference;
  signal[first] = average;
  histogram[first] = difference - average;
  for (let i = first + 1; i < n; i++) {
    const value = values[i]!;
    fast = fastFactor * value + fastDecay * fast;
    slow = slowFactor * value + slowDecay * slow;
    difference = fast - slow;
    average = signalFactor * difference + signalDecay * average;
    line[i] = difference;
    signal[i] = average;
    histogram[i] = difference - average;
  }
  return { macd: line, signal, histogram };
}

function checkPeriods(fastPeriod: number, slowPeriod: number, signalPeriod: number): void {
  integerParameter('macd', 'fastPeriod', fastPeriod, 1);
  integerParameter('macd', 'slowPeriod', slowPeriod, 1);
  integerParameter('macd', 'signalPeriod', signalPeriod, 1);
  if (fastPeriod > slowPeriod) {
    throw new InvalidInputError(
      `macd fastPeriod ${quote(fastPeriod)} must not exceed slowPeriod ${quote(slowPeriod)}`,
    );
  }
}

/**
 * Streaming twin of `macd`: O(1) per update, bit-identical to the batch kernel. Returns a reused read-only object
 * (copy it to keep it), or null while warming up.
 */
export class MacdStream implements StreamingIndicator<number, MacdOutput<number>> {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  readonly signalPeriod: number;
  private readonly fast: EmaState;
  private readonly slow: EmaState;
  private readonly signal: EmaState;
  private readonly output = { macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN };
  private seen = 0;
  private ready = false;

  constructor(fastPeriod = 12, slowPeriod = 26, signalPeriod = 9) {
    checkPeriods(fastPeriod, slowPeriod, signalPeriod);
    this.fastPeriod = fastPeriod;
    this.slowPeriod = slowPeriod;
    this.signalPeriod = signalPeriod;
    this.fast = new EmaState(fastPeriod);
    this.slow = new EmaState(slowPeriod);
    this.signal = new EmaState(signalPeriod);
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The latest values, or null while warming up. */
  get value(): MacdOutput<number> | null {
    return this.ready ? this.output : null;
  }

  update(value: number): MacdOutput<number> | null {
    // The fast EMA starts late so that its seed window ends on the slow EMA's (TA-Lib).
    if (this.seen++ >= this.slowPeriod - this.fastPeriod) this.fast.update(value);
    if (!this.slow.update(value)) return null;
    const difference = this.fast.value - this.slow.value;
    if (!this.signal.update(difference)) return null;
    this.ready = true;
    this.output.macd = difference;
    this.output.signal = this.signal.value;
    this.output.histogram = difference - this.signal.value;
    return this.output;
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.signal.reset();
    this.seen = 0;
    this.ready = false;
    this.output.macd = Number.NaN;
    this.output.signal = Number.NaN;
    this.output.histogram = Number.NaN;
  }
}

import { InvalidInputError, quote } from '../core/errors.js';
import { HighLowWindow, slidingHighLow } from './high-low-window.js';
import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

/** How %K is smoothed into slow %K and %D (TA-Lib's MAType, restricted to the two used in practice). */
export const STOCHASTIC_MOVING_AVERAGES = ['sma', 'ema'] as const;
export type StochasticMovingAverage = (typeof STOCHASTIC_MOVING_AVERAGES)[number];

/** Batch output: the %K line and its %D signal line (NaN during warm-up). */
export interface StochasticOutput {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

/** One streaming output (a reused object: copy it to keep it). */
export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

/**
 * Slow stochastic oscillator, TA-Lib STOCH (defaults 5, 3, 3, SMA):
 * - fast %K[t] = (close[t] - LL) / ((HH - LL) / 100), HH / LL = highest high / lowest low of the last
 *   `fastKPeriod` bars including t (TA-Lib's exact operation order); 0 when HH = LL (TA-Lib's guard).
 * - slow %K = MA(fast %K, slowKPeriod), slow %D = MA(slow %K, slowDPeriod); returned as `k` and `d`.
 * - MA `sma`: window sum / period, seeded with the sum of the first `period` values in order (TA-Lib);
 *   the running sum `sum - oldest + newest` is recomputed from the window every `period` bars (and while it is
 *   not finite), which bounds rounding drift. `ema`: TA-Lib's EMA, k = 2 / (period + 1), seeded with the SMA of
 *   the first `period` values, `ema = (x - ema) * k + ema`.
 * - First valid index = TA-Lib lookback = (fastKPeriod - 1) + (slowKPeriod - 1) + (slowDPeriod - 1); both
 *   outputs start there, as in TA-Lib.
 * - Rolling extremes: van Herk / Gil-Werman blocks in batch, a monotonic deque in the stream (both exact).
 * - A NaN input makes the outputs NaN while it is in a window (for `ema`, from then on, as in TA-Lib).
 * StockCharts' "full stochastic (14, 3, 3)" is fastKPeriod 14, slowKPeriod 3, slowDPeriod 3.
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 5,
  slowKPeriod = 3,
  slowDPeriod = 3,
  movingAverage: StochasticMovingAverage = 'sma',
  out?: StochasticOutput,
): StochasticOutput {
  const state = StochasticState.slow(fastKPeriod, slowKPeriod, slowDPeriod, movingAverage);
  return runBatch('stochastic', state, high, low, close, out);
}

/**
 * Fast stochastic oscillator, TA-Lib STOCHF (defaults 5, 3, SMA): `k` = fast %K (formula as in `stochastic`),
 * `d` = fast %D = MA(fast %K, fastDPeriod). First valid index = (fastKPeriod - 1) + (fastDPeriod - 1) for both
 * outputs (TA-Lib aligns them). Fast %D equals slow %K of `stochastic` with slowKPeriod = fastDPeriod.
 */
export function stochasticFast(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastKPeriod = 5,
  fastDPeriod = 3,
  movingAverage: StochasticMovingAverage = 'sma',
  out?: StochasticOutput,
): StochasticOutput {
  const state = StochasticState.fast(fastKPeriod, fastDPeriod, movingAverage);
  return runBatch('stochasticFast', state, high, low, close, out);
}

/** Streaming twin of `stochastic` (TA-Lib STOCH): O(1) amortized per bar, same numbers as the batch kernel. */
export class StochasticStream implements StreamingIndicator<BarLike, StochasticValue> {
  private readonly state: StochasticState;
  private readonly value = { k: Number.NaN, d: Number.NaN };
  private ready = false;

  constructor(
    fastKPeriod = 5,
    slowKPeriod = 3,
    slowDPeriod = 3,
    movingAverage: StochasticMovingAverage = 'sma',
  ) {
    this.state = StochasticState.slow(fastKPeriod, slowKPeriod, slowDPeriod, movingAverage);
  }

  get isReady(): boolean {
    return this.ready;
  }

  update(bar: BarLike): StochasticValue | null {
    if (!this.state.push(bar.high, bar.low, bar.close)) return null;
    this.ready = true;
    this.value.k = this.state.k;
    this.value.d = this.state.d;
    return this.value;
  }

  reset(): void {
    this.state.reset();
    this.ready = false;
  }
}

/** Streaming twin of `stochasticFast` (TA-Lib STOCHF). */
export class StochasticFastStream implements StreamingIndicator<BarLike, StochasticValue> {
  private readonly state: StochasticState;
  private readonly value = { k: Number.NaN, d: Number.NaN };
  private ready = false;

  constructor(fastKPeriod = 5, fastDPeriod = 3, movingAverage: StochasticMovingAverage = 'sma') {
    this.state = StochasticState.fast(fastKPeriod, fastDPeriod, movingAverage);
  }

  get isReady(): boolean {
    return this.ready;
  }

  update(bar: BarLike): StochasticValue | null {
    if (!this.state.push(bar.high, bar.low, bar.close)) return null;
    this.ready = true;
    this.value.k = this.state.k;
    this.value.d = this.state.d;
    return this.value;
  }

  reset(): void {
    this.state.reset();
    this.ready = false;
  }
}

function runBatch(
  indicator: string,
  state: StochasticState,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  out: StochasticOutput | undefined,
): StochasticOutput {
  const n = commonLength(indicator, high, low, close);
  const k = outputColumn(n, out?.k);
  const d = outputColumn(n, out?.d);
  // The extremes go to the output columns first (each row is read before it is overwritten): no extra columns.
  const period = state.fastKPeriod;
  slidingHighLow(high, low, period, k, d);
  for (let i = period - 1; i < n; i++) {
    const ready = state.smooth(fastK(k[i]!, d[i]!, close[i]!));
    k[i] = ready ? state.k : Number.NaN;
    d[i] = ready ? state.d : Number.NaN;
  }
  return { k, d };
}

/** TA-Lib's fast %K: (close - LL) / ((HH - LL) / 100), 0 when HH = LL. */
function fastK(highest: number, lowest: number, close: number): number {
  const diff = (highest - lowest) / 100.0;
  return diff !== 0 ? (close - lowest) / diff : 0.0;
}

function checkMovingAverage(indicator: string, movingAverage: string): StochasticMovingAverage {
  if (!(STOCHASTIC_MOVING_AVERAGES as readonly string[]).includes(movingAverage)) {
    throw new InvalidInputError(
      `${indicator} movingAverage ${quote(movingAverage)} must be one of ${STOCHASTIC_MOVING_AVERAGES.join(', ')}`,
    );
  }
  return movingAverage as StochasticMovingAverage;
}

/** The whole recurrence, shared by batch and stream so that both perform the same operations in the same order. */
class StochasticState {
  k = Number.NaN;
  d = Number.NaN;

  private constructor(
    private readonly window: HighLowWindow,
    /** null for STOCHF, whose %K is the raw fast %K. */
    private readonly kSmoother: Smoother | null,
    private readonly dSmoother: Smoother,
  ) {}

  static slow(fastK: number, slowK: number, slowD: number, movingAverage: string): StochasticState {
    integerParameter('stochastic', 'fastKPeriod', fastK, 1);
    integerParameter('stochastic', 'slowKPeriod', slowK, 1);
    integerParameter('stochastic', 'slowDPeriod', slowD, 1);
    const kind = checkMovingAverage('stochastic', movingAverage);
    return new StochasticState(
      new HighLowWindow(fastK),
      new Smoother(slowK, kind),
      new Smoother(slowD, kind),
    );
  }

  static fast(fastK: number, fastD: number, movingAverage: string): StochasticState {
    integerParameter('stochasticFast', 'fastKPeriod', fastK, 1);
    integerParameter('stochasticFast', 'fastDPeriod', fastD, 1);
    const kind = checkMovingAverage('stochasticFast', movingAverage);
    return new StochasticState(new HighLowWindow(fastK), null, new Smoother(fastD, kind));
  }

  get fastKPeriod(): number {
    return this.window.period;
  }

  /** Feeds one bar (stream); returns true when `k` and `d` hold this bar's outputs. */
  push(high: number, low: number, close: number): boolean {
    const window = this.window;
    if (!window.push(high, low)) return false;
    return this.smooth(fastK(window.highest, window.lowest, close));
  }

  /** Feeds one fast %K value (batch, from the precomputed extremes; the stream through `push`). */
  smooth(fastKValue: number): boolean {
    let k = fastKValue;
    if (this.kSmoother !== null) {
      k = this.kSmoother.push(fastKValue);
      if (!this.kSmoother.isReady) return false;
    }
    const d = this.dSmoother.push(k);
    if (!this.dSmoother.isReady) return false;
    this.k = k;
    this.d = d;
    return true;
  }

  reset(): void {
    this.window.reset();
    this.kSmoother?.reset();
    this.dSmoother.reset();
    this.k = Number.NaN;
    this.d = Number.NaN;
  }
}

/** SMA or EMA of a stream of values, TA-Lib seeding (see `stochastic`). */
class Smoother {
  private readonly ring: Float64Array;
  private readonly alpha: number;
  private count = 0;
  private position = 0;
  private sum = 0;
  private average = Number.NaN;

  constructor(
    private readonly period: number,
    private readonly kind: StochasticMovingAverage,
  ) {
    this.ring = new Float64Array(kind === 'sma' ? period : 0);
    this.alpha = 2 / (period + 1);
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  /** Adds a value; returns the average (meaningful once `isReady`). */
  push(value: number): number {
    const period = this.period;
    if (this.count < period) {
      if (this.kind === 'sma') this.ring[this.count] = value;
      this.sum += value;
      this.count++;
      if (this.count === period) this.average = this.sum / period;
      return this.average;
    }
    if (this.kind === 'ema') {
      this.average = (value - this.average) * this.alpha + this.average;
      return this.average;
    }
    const ring = this.ring;
    const oldest = ring[this.position]!;
    ring[this.position] = value;
    this.position++;
    let sum = this.sum - oldest + value;
    if (this.position === period || !Number.isFinite(sum)) {
      if (this.position === period) this.position = 0;
      // Exact recomputation, oldest to newest (the ring is in chronological order from `position`).
      sum = 0;
      for (let j = this.position; j < period; j++) sum += ring[j]!;
      for (let j = 0; j < this.position; j++) sum += ring[j]!;
    }
    this.sum = sum;
    this.average = sum / period;
    return this.average;
  }

  reset(): void {
    this.count = 0;
    this.position = 0;
    this.sum = 0;
    this.average = Number.NaN;
  }
}

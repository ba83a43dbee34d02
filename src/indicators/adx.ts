import {
  commonLength,
  integerParameter,
  type BarLike,
  type StreamingIndicator,
} from './indicator-support.js';
import { trueRangeOf } from './true-range.js';
import { fillWarmUp, resultColumn } from './window-support.js';

/** The four directional-movement columns (batch) or values (stream). */
export interface AdxOutput<T = Float64Array> {
  /** Average directional index (TA-Lib ADX), from index 2n - 1. */
  readonly adx: T;
  /** +DI (TA-Lib PLUS_DI), from index n. */
  readonly plusDi: T;
  /** -DI (TA-Lib MINUS_DI), from index n. */
  readonly minusDi: T;
  /** Directional movement index (TA-Lib DX), from index n. */
  readonly dx: T;
}

/**
 * Wilder's directional movement system, as TA-Lib defines ADX, PLUS_DI, MINUS_DI and DX:
 * - upMove = high_t - high_{t-1}, downMove = low_{t-1} - low_t; +DM = upMove if upMove > 0 and upMove > downMove,
 *   else 0; -DM = downMove if downMove > 0 and downMove > upMove, else 0; TR = true range (see `trueRange`).
 * - Wilder sums (TA-Lib): S_{n-1} = sum of the values at bars 1 .. n - 1, then S_t = S_{t-1} - S_{t-1} / n + v_t
 *   from bar n on, for +DM, -DM and TR; computed as ((n - 1) / n) * S_{t-1} + v_t (equal to rounding).
 * - +DI = 100 * (+DM_S / TR_S), -DI = 100 * (-DM_S / TR_S), both 0 when TR_S = 0; first at index n (lookback n).
 * - DX = 100 * (|-DI - +DI| / (-DI + +DI)), first at index n; when TR_S = 0 or the DI sum is 0 it is 0 on the first
 *   bar and repeats the previous DX afterwards (TA-Lib).
 * - ADX: the mean of the n DX values at bars n .. 2n - 1 (a degenerate DX counts as 0 there), first at index 2n - 1
 *   (lookback 2n - 1); then ADX_t = ((n - 1) / n) * ADX_{t-1} + (1 / n) * DX_t, skipped (ADX unchanged) on degenerate
 *   bars (TA-Lib).
 * - Deviation: TA-Lib's "is zero" tests use an absolute threshold of 1e-8; these use exact 0.
 * - n >= 2 (TA-Lib's minimum for ADX and DX). NaN high / low propagates to every later value.
 */
export function adx(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 14,
  out?: Partial<AdxOutput>,
): AdxOutput {
  integerParameter('adx', 'period', period, 2);
  const n = commonLength('adx', high, low, close);
  const result: AdxOutput = {
    adx: resultColumn(n, out?.adx),
    plusDi: resultColumn(n, out?.plusDi),
    minusDi: resultColumn(n, out?.minusDi),
    dx: resultColumn(n, out?.dx),
  };
  fillWarmUp(result.adx, 2 * period - 1);
  fillWarmUp(result.plusDi, period);
  fillWarmUp(result.minusDi, period);
  fillWarmUp(result.dx, period);
  const state = new DirectionalState(period);
  state.start(high[0]!, low[0]!, close[0]!);
  for (let i = 1; i < n; i++) {
    if (state.step(high[i]!, low[i]!, close[i]!)) {
      result.plusDi[i] = state.plusDi;
      result.minusDi[i] = state.minusDi;
      result.dx[i] = state.dx;
      result.adx[i] = state.adx;
    }
  }
  return result;
}

/** The recurrences of `adx` as O(1) state, shared by the batch kernel and the stream (same operations). */
class DirectionalState {
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  dx = Number.NaN;
  adx = Number.NaN;
  private readonly period: number;
  private readonly alpha: number;
  private readonly decay: number;
  private bar = 0;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private previousClose = Number.NaN;
  private plusMovement = 0;
  private minusMovement = 0;
  private range = 0;
  private dxSum = 0;

  constructor(period: number) {
    this.period = period;
    this.alpha = 1 / period;
    this.decay = (period - 1) / period;
  }

  start(high: number, low: number, close: number): void {
    this.bar = 0;
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    this.plusMovement = 0;
    this.minusMovement = 0;
    this.range = 0;
    this.dxSum = 0;
    this.plusDi = Number.NaN;
    this.minusDi = Number.NaN;
    this.dx = Number.NaN;
    this.adx = Number.NaN;
  }

  /** Advances one bar; returns whether the outputs are valid (bar >= n; `adx` stays NaN before bar 2n - 1). */
  step(high: number, low: number, close: number): boolean {
    const bar = ++this.bar;
    const period = this.period;
    const upMove = high - this.previousHigh;
    const downMove = this.previousLow - low;
    const trueRange = trueRangeOf(high, low, this.previousClose);
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    const plus = upMove > 0 && upMove > downMove ? upMove : 0;
    const minus = downMove > 0 && downMove > upMove ? downMove : 0;
    if (bar < period) {
      this.plusMovement += plus;
      this.minusMovement += minus;
      this.range += trueRange;
      return false;
    }
    this.plusMovement = this.decay * this.plusMovement + plus;
    this.minusMovement = this.decay * this.minusMovement + minus;
    this.range = this.decay * this.range + trueRange;
    let valid = false;
    let dx = 0;
    if (this.range !== 0) {
      this.minusDi = 100 * (this.minusMovement / this.range);
      this.plusDi = 100 * (this.plusMovement / this.range);
      const total = this.minusDi + this.plusDi;
      if (total !== 0) {
        dx = 100 * (Math.abs(this.minusDi - this.plusDi) / total);
        valid = true;
      }
    } else {
      this.minusDi = 0;
      this.plusDi = 0;
    }
    if (valid) this.dx = dx;
    else if (bar === period) this.dx = 0;
    if (bar < 2 * period - 1) {
      this.dxSum += dx;
    } else if (bar === 2 * period - 1) {
      this.dxSum += dx;
      this.adx = this.dxSum / period;
    } else if (valid) {
      this.adx = this.decay * this.adx + this.alpha * dx;
    }
    return true;
  }
}

/**
 * Streaming twin of `adx`: `update(bar)` is O(1) and bit-identical to the batch kernel. Returns a reused read-only
 * object (copy it to keep it) from bar n on, with `adx` NaN until bar 2n - 1 as in the batch columns; null before.
 */
export class AdxStream implements StreamingIndicator<BarLike, AdxOutput<number>> {
  readonly period: number;
  private readonly state: DirectionalState;
  private readonly output = { adx: Number.NaN, plusDi: Number.NaN, minusDi: Number.NaN, dx: Number.NaN };
  private started = false;
  private ready = false;

  constructor(period = 14) {
    this.period = integerParameter('adx', 'period', period, 2);
    this.state = new DirectionalState(period);
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The latest values, or null while warming up. */
  get value(): AdxOutput<number> | null {
    return this.ready ? this.output : null;
  }

  update(bar: BarLike): AdxOutput<number> | null {
    if (!this.started) {
      this.state.start(bar.high, bar.low, bar.close);
      this.started = true;
      return null;
    }
    if (!this.state.step(bar.high, bar.low, bar.close)) return null;
    this.ready = true;
    const output = this.output;
    output.adx = this.state.adx;
    output.plusDi = this.state.plusDi;
    output.minusDi = this.state.minusDi;
    output.dx = this.state.dx;
    return output;
  }

  reset(): void {
    this.started = false;
    this.ready = false;
    this.output.adx = Number.NaN;
    this.output.plusDi = Number.NaN;
    this.output.minusDi = Number.NaN;
    this.output.dx = Number.NaN;
  }
}

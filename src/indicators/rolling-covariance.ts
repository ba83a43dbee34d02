import { InvalidInputError, quote } from '../core/errors.js';
import { commonLength, integerParameter, outputColumn } from './indicator-support.js';

export interface RollingCovarianceOptions {
  /** true (default): sample covariance, divided by period - 1 (pandas, Excel COVARIANCE.S); false: population. */
  readonly sample?: boolean;
}

/** Batch output of `rollingCovariance` (NaN during warm-up). */
export interface RollingCovarianceOutput {
  readonly covariance: Float64Array;
  readonly correlation: Float64Array;
  readonly beta: Float64Array;
}

/** One streaming output (a reused object: copy it to keep it). */
export interface RollingCovarianceValue {
  readonly covariance: number;
  readonly correlation: number;
  readonly beta: number;
}

/**
 * Rolling covariance, Pearson correlation and beta of two aligned series over the last `period` observations
 * (first valid index period - 1, as TA-Lib CORREL):
 * - covariance = Sxy / (period - 1) (sample, default) or Sxy / period (population, `sample: false`);
 * - correlation = Sxy / sqrt(Sxx * Syy), clamped to [-1, 1] (does not depend on sample/population);
 * - beta = Sxy / Sxx: the OLS slope of y on x (x is the benchmark, e.g. beta of an asset's returns y against the
 *   market's returns x). Pass returns, not prices. (TA-Lib's BETA converts prices to returns itself.)
 * where Sxx, Syy, Sxy are the centred sums of squares and cross-products of the window.
 * Degenerate windows follow TA-Lib's contract: when x or y is constant over the window, correlation = 0 and
 * covariance = 0, and beta = 0 when x is constant.
 *
 * Numerics: the centred sums are updated per bar by the exact replacement identities
 * (dx = xNew - xOld, m' = m + dx / n; Sxx' = Sxx + dx * ((xNew - mx') + (xOld - mx));
 * Sxy' = Sxy + dx * (yNew - my') + (xOld - mx) * dy) on the data shifted by a recent observation, so precision
 * follows the spread of the window, not its level, and no large raw sums are subtracted (TA-Lib's one-pass
 * sumXY - sumX * sumY / n loses every digit on series with a large offset, such as prices). They are recomputed
 * exactly (two-pass on the data shifted by the window's oldest value, so a constant window gives exactly 0)
 * every `period` bars, and at once when Sxx or Syy falls below 1/1024 of its peak since the last recomputation
 * (a large value left the window: cancellation), so the error stays within about period * 1024 * epsilon
 * relative.
 * Non-finite inputs make the outputs NaN exactly while they are in the window.
 */
export function rollingCovariance(
  x: Float64Array,
  y: Float64Array,
  period: number,
  options: RollingCovarianceOptions = {},
  out?: RollingCovarianceOutput,
): RollingCovarianceOutput {
  const window = new CovarianceWindow(period, options);
  const n = commonLength('rollingCovariance', x, y);
  const covariance = outputColumn(n, out?.covariance);
  const correlation = outputColumn(n, out?.correlation);
  const beta = outputColumn(n, out?.beta);
  for (let i = 0; i < n; i++) {
    if (window.push(x[i]!, y[i]!)) {
      covariance[i] = window.covariance;
      correlation[i] = window.correlation;
      beta[i] = window.beta;
    }
  }
  return { covariance, correlation, beta };
}

/**
 * Streaming twin of `rollingCovariance`: `update(x, y)` takes one observation of each series (it does not
 * implement `StreamingIndicator`, whose update takes one input). O(1) amortized, same numbers as the batch kernel.
 */
export class RollingCovarianceStream {
  private readonly window: CovarianceWindow;
  private readonly value = { covariance: Number.NaN, correlation: Number.NaN, beta: Number.NaN };

  constructor(period: number, options: RollingCovarianceOptions = {}) {
    this.window = new CovarianceWindow(period, options);
  }

  get isReady(): boolean {
    return this.window.isFull;
  }

  update(x: number, y: number): RollingCovarianceValue | null {
    if (!this.window.push(x, y)) return null;
    this.value.covariance = this.window.covariance;
    this.value.correlation = this.window.correlation;
    this.value.beta = this.window.beta;
    return this.value;
  }

  reset(): void {
    this.window.reset();
  }
}

/** A drop of Sxx or Syy below this fraction of its peak triggers an exact recomputation. */
const CANCELLATION_RATIO = 1 / 1024;

class CovarianceWindow {
  covariance = Number.NaN;
  correlation = Number.NaN;
  beta = Number.NaN;
  private readonly period: number;
  private readonly divisor: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private position = 0;
  private count = 0;
  private nonFinite = 0;
  /** The window's oldest observation at the last recomputation: the running means are kept relative to it. */
  private shiftX = 0;
  private shiftY = 0;
  private meanX = 0;
  private meanY = 0;
  private sxx = 0;
  private syy = 0;
  private sxy = 0;
  private peakXX = 0;
  private peakYY = 0;

  constructor(period: number, options: RollingCovarianceOptions) {
    this.period = integerParameter('rollingCovariance', 'period', period, 2);
    const sample = options.sample ?? true;
    if (typeof sample !== 'boolean') {
      throw new InvalidInputError(`rollingCovariance sample ${quote(sample)} must be true or false`);
    }
    this.divisor = sample ? period - 1 : period;
    this.xs = new Float64Array(period);
    this.ys = new Float64Array(period);
  }

  get isFull(): boolean {
    return this.count === this.period;
  }

  /** Adds one observation; returns whether the outputs hold the statistics of a full window. */
  push(x: number, y: number): boolean {
    const period = this.period;
    const slot = this.position;
    const wasFull = this.count === period;
    const oldX = this.xs[slot]!;
    const oldY = this.ys[slot]!;
    this.xs[slot] = x;
    this.ys[slot] = y;
    this.position = slot + 1 === period ? 0 : slot + 1;
    const leavingBad = wasFull && !(Number.isFinite(oldX) && Number.isFinite(oldY));
    if (leavingBad) this.nonFinite--;
    if (!(Number.isFinite(x) && Number.isFinite(y))) this.nonFinite++;
    if (!wasFull) {
      this.count++;
      if (this.count < period) return false;
    }

    if (this.nonFinite > 0) {
      this.covariance = Number.NaN;
      this.correlation = Number.NaN;
      this.beta = Number.NaN;
      return true;
    }
    if (!wasFull || leavingBad || this.position === 0) {
      this.recompute();
    } else {
      // Everything relative to the shift, so precision follows the spread of the window, not its level.
      const n = period;
      const newX = x - this.shiftX;
      const newY = y - this.shiftY;
      const leavingX = oldX - this.shiftX;
      const leavingY = oldY - this.shiftY;
      const dx = newX - leavingX;
      const dy = newY - leavingY;
      const meanX = this.meanX;
      const meanY = this.meanY;
      const nextMeanX = meanX + dx / n;
      const nextMeanY = meanY + dy / n;
      this.sxx += dx * (newX - nextMeanX + (leavingX - meanX));
      this.syy += dy * (newY - nextMeanY + (leavingY - meanY));
      this.sxy += dx * (newY - nextMeanY) + (leavingX - meanX) * dy;
      this.meanX = nextMeanX;
      this.meanY = nextMeanY;
      if (this.sxx < this.peakXX * CANCELLATION_RATIO || this.syy < this.peakYY * CANCELLATION_RATIO) {
        this.recompute();
      } else {
        if (this.sxx > this.peakXX) this.peakXX = this.sxx;
        if (this.syy > this.peakYY) this.peakYY = this.syy;
      }
    }
    this.writeOutputs();
    return true;
  }

  /** Two-pass moments of the full window, oldest to newest, on the data shifted by the oldest observation. */
  private recompute(): void {
    const period = this.period;
    const xs = this.xs;
    const ys = this.ys;
    const start = this.position;
    const shiftX = xs[start]!;
    const shiftY = ys[start]!;
    let sumX = 0;
    let sumY = 0;
    for (let j = start; j < period; j++) {
      sumX += xs[j]! - shiftX;
      sumY += ys[j]! - shiftY;
    }
    for (let j = 0; j < start; j++) {
      sumX += xs[j]! - shiftX;
      sumY += ys[j]! - shiftY;
    }
    const meanX = sumX / period;
    const meanY = sumY / period;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let j = start; j < period; j++) {
      const dx = xs[j]! - shiftX - meanX;
      const dy = ys[j]! - shiftY - meanY;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    for (let j = 0; j < start; j++) {
      const dx = xs[j]! - shiftX - meanX;
      const dy = ys[j]! - shiftY - meanY;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    this.shiftX = shiftX;
    this.shiftY = shiftY;
    this.meanX = meanX;
    this.meanY = meanY;
    this.sxx = sxx;
    this.syy = syy;
    this.sxy = sxy;
    this.peakXX = sxx;
    this.peakYY = syy;
  }

  private writeOutputs(): void {
    const sxx = this.sxx;
    const syy = this.syy;
    const sxy = this.sxy;
    if (sxx <= 0 || syy <= 0) {
      this.covariance = 0;
      this.correlation = 0;
      this.beta = sxx <= 0 ? 0 : sxy / sxx;
      return;
    }
    this.covariance = sxy / this.divisor;
    const correlation = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
    this.correlation = correlation > 1 ? 1 : correlation < -1 ? -1 : correlation;
    this.beta = sxy / sxx;
  }

  reset(): void {
    this.position = 0;
    this.count = 0;
    this.nonFinite = 0;
    this.shiftX = 0;
    this.shiftY = 0;
    this.meanX = 0;
    this.meanY = 0;
    this.sxx = 0;
    this.syy = 0;
    this.sxy = 0;
    this.peakXX = 0;
    this.peakYY = 0;
    this.covariance = Number.NaN;
    this.correlation = Number.NaN;
    this.beta = Number.NaN;
  }
}

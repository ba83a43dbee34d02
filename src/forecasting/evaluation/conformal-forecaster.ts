import { InvalidInputError, quote } from '../../core/errors.js';
import { requireFiniteSeries, requireWholeNumber } from '../baselines/baseline-checks.js';
import type { ForecastInput, QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';
import { centralIntervals, type CentralInterval } from './probabilistic-metrics.js';
import { viewWindow } from './series-window.js';

export interface ConformalOptions {
  /** Values at the end of the series that the conformity scores are computed on. */
  readonly calibrationSize: number;
  /** Distance between calibration origins; 1 by default (every origin in the window). */
  readonly step?: number | undefined;
}

/** What calibration learned: enough, with the base model, to rebuild the calibrated forecaster. */
export interface ConformalCalibration {
  /** The central intervals adjusted, innermost first (centralIntervals of the base model's levels). */
  readonly intervals: readonly CentralInterval[];
  /** Calibration origins, hence conformity scores per horizon step and interval. */
  readonly scoreCount: number;
  /** Q for interval i at step s (0-based) is adjustments[s * intervals.length + i]. */
  readonly adjustments: Float64Array;
}

/**
 * Conformalized quantile regression (Romano, Patterson & Candès 2019), per horizon step. For each calibration
 * origin t (t = n - calibrationSize, then every `step`, while t + horizon <= n) the model forecasts from
 * values [0, t); for step s and central interval [lo, hi] of nominal coverage 1 - α the conformity score is
 * E = max(lo - y_{t+s}, y_{t+s} - hi): positive by how far y fell outside, negative by how far inside. With n
 * scores, Q is the k-th smallest, k = ceil((n + 1)(1 - α)) (the (1 - α)(1 + 1/n) empirical quantile); it needs
 * k <= n, i.e. n >= (1 - α) / α scores (99 for a 99% interval), and refuses fewer. The calibrated interval is
 * [lo - Q, hi + Q]: wider when the model's intervals were too narrow, narrower when too wide, and under
 * exchangeable scores it covers a new value with probability >= 1 - α. The median is left as it is.
 * Scores are out of sample only if the model was fitted on data before the window (ConformalFactory does so).
 */
export function calibrateConformal(
  forecaster: SeriesForecaster,
  series: ForecastInput,
  options: ConformalOptions,
): ConformalForecaster {
  const length = series.target.length;
  const calibrationSize = requireWholeNumber('calibration size', options.calibrationSize, 1);
  const step = requireWholeNumber('calibration step', options.step ?? 1, 1);
  const horizon = forecaster.horizon;
  const start = length - calibrationSize;
  if (calibrationSize < horizon || start < Math.max(1, forecaster.inputSize))
    throw new InvalidInputError(
      `calibration size ${quote(calibrationSize)} must be at least the horizon ${horizon} and leave at least ` +
        `${Math.max(1, forecaster.inputSize)} earlier values (the input size) in a series of ${quote(length)}`,
    );
  requireFiniteSeries('calibration series', series.target, 1);
  const intervals = centralIntervals(forecaster.quantiles);
  if (intervals.length === 0)
    throw new InvalidInputError(
      `model ${quote(forecaster.name)} levels ${quote(forecaster.quantiles)} hold no central interval to calibrate`,
    );
  const origins: number[] = [];
  for (let t = start; t + horizon <= length; t += step) origins.push(t);
  const count = origins.length;
  const levels = forecaster.quantiles.length;
  // scores[(s * intervals + i) * count + o]: step s, interval i, origin o.
  const scores = new Float64Array(horizon * intervals.length * count);
  origins.forEach((origin, o) => {
    const forecast = forecaster.predict(viewWindow(series, 0, origin));
    for (let s = 0; s < horizon; s++) {
      const actual = series.target[origin + s] as number;
      intervals.forEach((interval, i) => {
        const lower = forecast.values[s * levels + interval.lowerIndex] as number;
        const upper = forecast.values[s * levels + interval.upperIndex] as number;
        scores[(s * intervals.length + i) * count + o] = Math.max(lower - actual, actual - upper);
      });
    }
  });
  const adjustments = new Float64Array(horizon * intervals.length);
  for (let s = 0; s < horizon; s++)
    intervals.forEach((interval, i) => {
      const cell = s * intervals.length + i;
      adjustments[cell] = conformalQuantile(
        scores.subarray(cell * count, (cell + 1) * count),
        interval.level,
      );
    });
  return new ConformalForecaster(forecaster, { intervals, scoreCount: count, adjustments });
}

/** The k-th smallest score, k = ceil((n + 1) · level) (level = 1 - α); sorts `scores` in place. */
export function conformalQuantile(scores: Float64Array, level: number): number {
  const n = scores.length;
  // 1e-9 absorbs rounding such as (99 + 1) · 0.95 = 95.00000000000001.
  const k = Math.ceil((n + 1) * level - 1e-9);
  if (k > n)
    throw new InvalidInputError(
      `${quote(n)} calibration origins are too few for a ${level * 100}% interval: it needs at least ` +
        `${Math.ceil(level / (1 - level) - 1e-9)} (a longer calibration window or a smaller step)`,
    );
  scores.sort();
  return scores[Math.max(k, 1) - 1] as number;
}

/**
 * A model whose central intervals are widened (or narrowed) by conformal calibration: named
 * `conformal(<name>)`, same horizon, levels and input size. Adjusted bounds can cross (a larger Q for an inner
 * interval than for an outer one, or a negative Q pushing a bound past the median); going outward from the
 * median, each lower value is then capped at the value of the next level up and each upper value raised to
 * that of the next level down. That only ever widens an interval, so each keeps its guarantee, and the levels
 * stay non-decreasing as the contract requires.
 */
export class ConformalForecaster implements SeriesForecaster {
  readonly name: string;
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly inputSize: number;

  constructor(
    readonly base: SeriesForecaster,
    readonly calibration: ConformalCalibration,
  ) {
    if (calibration.adjustments.length !== base.horizon * calibration.intervals.length)
      throw new InvalidInputError(
        `conformal adjustments ${quote(calibration.adjustments.length)} must number horizon ${base.horizon} × ` +
          `${calibration.intervals.length} intervals`,
      );
    this.name = `conformal(${base.name})`;
    this.horizon = base.horizon;
    this.quantiles = base.quantiles;
    this.inputSize = base.inputSize;
  }

  predict(history: ForecastInput): QuantileForecast {
    const forecast = this.base.predict(history);
    const levels = this.quantiles.length;
    const values = Float64Array.from(forecast.values);
    const { intervals, adjustments } = this.calibration;
    const median = this.quantiles.indexOf(0.5);
    for (let s = 0; s < this.horizon; s++) {
      const row = s * levels;
      intervals.forEach((interval, i) => {
        const adjustment = adjustments[s * intervals.length + i] as number;
        values[row + interval.lowerIndex] = (values[row + interval.lowerIndex] as number) - adjustment;
        values[row + interval.upperIndex] = (values[row + interval.upperIndex] as number) + adjustment;
      });
      for (let q = median - 1; q >= 0; q--)
        values[row + q] = Math.min(values[row + q] as number, values[row + q + 1] as number);
      for (let q = median + 1; q < levels; q++)
        values[row + q] = Math.max(values[row + q] as number, values[row + q - 1] as number);
    }
    return { horizon: this.horizon, quantiles: this.quantiles, values };
  }
}

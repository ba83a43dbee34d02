import type { ForecastInput, QuantileForecast, SeriesForecaster } from '../series-forecaster.types.js';
import { requireFiniteSeries } from './baseline-checks.js';
import { normalQuantile } from './normal-quantile.js';

/** What a fitted baseline is made of: its point rule and the standard deviation of each step's error. */
export interface GaussianBaselineParts {
  readonly name: string;
  readonly horizon: number;
  /** Validated levels (validateQuantileLevels). */
  readonly quantiles: readonly number[];
  /** Trailing values the point rule reads. */
  readonly inputSize: number;
  /** σ_h for h = 1 .. horizon, from the in-sample one-step residuals (each baseline states its formula). */
  readonly standardDeviations: Float64Array;
  /** Fills `points[h - 1]` with the point forecast of step h from the last `inputSize` values, `window`. */
  pointForecast(window: Float64Array, points: Float64Array): void;
}

/**
 * A fitted statistical baseline: the point forecast ŷ_h from its rule and, under the baselines' assumption of
 * normal errors (FPP3 §5.5), the quantile at level τ of step h is ŷ_h + Φ⁻¹(τ)·σ_h. Φ⁻¹(0.5) = 0, so the
 * median is the point forecast exactly; σ_h >= 0 and ascending levels keep the quantiles non-decreasing.
 * Reads only the last `inputSize` values of the history, which it neither keeps nor modifies.
 */
export class GaussianBaselineForecaster implements SeriesForecaster {
  readonly name: string;
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly inputSize: number;
  private readonly parts: GaussianBaselineParts;
  private readonly criticalValues: Float64Array;

  constructor(parts: GaussianBaselineParts) {
    this.name = parts.name;
    this.horizon = parts.horizon;
    this.quantiles = parts.quantiles;
    this.inputSize = parts.inputSize;
    this.parts = parts;
    this.criticalValues = Float64Array.from(parts.quantiles, (level) => normalQuantile(level));
  }

  predict(history: ForecastInput): QuantileForecast {
    const target = history.target;
    const window = target.subarray(target.length - Math.min(target.length, this.inputSize));
    requireFiniteSeries(`history for ${this.name}`, window, this.inputSize);
    const points = new Float64Array(this.horizon);
    this.parts.pointForecast(window, points);
    const levels = this.criticalValues.length;
    const values = new Float64Array(this.horizon * levels);
    for (let step = 0; step < this.horizon; step++) {
      const point = points[step] as number;
      const deviation = this.parts.standardDeviations[step] as number;
      for (let q = 0; q < levels; q++)
        values[step * levels + q] = point + (this.criticalValues[q] as number) * deviation;
    }
    return { horizon: this.horizon, quantiles: this.quantiles, values };
  }
}

import { requireFiniteSeries, requireWholeNumber } from '../../forecasting/baselines/baseline-checks.js';
import { normalQuantile } from '../../forecasting/baselines/normal-quantile.js';
import { DEFAULT_QUANTILES } from '../../forecasting/default-quantiles.js';
import type {
  ForecastInput,
  QuantileForecast,
  SeriesForecaster,
} from '../../forecasting/series-forecaster.types.js';

/**
 * The baseline neural-trend falls back to without a model: the drift forecaster (random walk with drift, FPP3
 * §5.2 and §5.5, as forecasting/baselines/drift-forecaster.ts) re-estimated at every forecast on the last
 * `window` values of the history it is given, y_1 .. y_T: c = (y_T − y_1) / (T − 1);
 * σ² = Σ_{t=2..T} (y_t − y_{t−1} − c)² / (T − 2); quantile τ of step h is y_T + h c + Φ⁻¹(τ) σ √(h (1 + h / T)).
 * It equals DriftFactory fitted on those values and forecasting from their end, but synchronously (a
 * strategy cannot await a fit) and with nothing learned from outside the window: a pure function of the
 * trailing `window` closes, so it cannot look ahead and needs no walk-forward schedule.
 */
export class RollingDriftForecaster implements SeriesForecaster {
  readonly name = 'drift';
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly inputSize: number;
  private readonly critical: Float64Array;

  constructor(window: number, horizon: number, quantiles: readonly number[] = DEFAULT_QUANTILES) {
    this.inputSize = requireWholeNumber('drift window', window, 3);
    this.horizon = requireWholeNumber('drift horizon', horizon, 1);
    this.quantiles = quantiles;
    this.critical = Float64Array.from(quantiles, (level) => normalQuantile(level));
  }

  predict(history: ForecastInput): QuantileForecast {
    const all = history.target;
    const y = all.subarray(all.length - Math.min(all.length, this.inputSize));
    requireFiniteSeries('history for drift', y, this.inputSize);
    const count = y.length;
    const last = y[count - 1] as number;
    const drift = (last - (y[0] as number)) / (count - 1);
    let sumOfSquares = 0;
    for (let t = 1; t < count; t++) sumOfSquares += ((y[t] as number) - (y[t - 1] as number) - drift) ** 2;
    const sigma = Math.sqrt(sumOfSquares / (count - 2));
    const levels = this.critical.length;
    const values = new Float64Array(this.horizon * levels);
    for (let step = 0; step < this.horizon; step++) {
      const h = step + 1;
      const point = last + h * drift;
      const deviation = sigma * Math.sqrt(h * (1 + h / count));
      for (let q = 0; q < levels; q++)
        values[step * levels + q] = point + (this.critical[q] as number) * deviation;
    }
    return { horizon: this.horizon, quantiles: this.quantiles, values };
  }
}

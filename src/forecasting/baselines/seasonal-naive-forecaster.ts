import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { requireFiniteSeries, requireWholeNumber, validateQuantileLevels } from './baseline-checks.js';
import { GaussianBaselineForecaster } from './gaussian-baseline-forecaster.js';

export interface SeasonalNaiveOptions {
  readonly horizon: number;
  /** Season length m in steps (48 for a daily cycle of half-hours, 336 for a weekly one). */
  readonly seasonLength: number;
  readonly quantiles?: readonly number[] | undefined;
}

/**
 * The seasonal naive baseline, FPP3 §5.2 and §5.5: each step forecasts the value one season earlier,
 * ŷ_{T+h} = y_{T+h-m(k+1)} with k = floor((h - 1) / m), the number of whole seasons within h - 1 steps.
 * Fit on y_1 .. y_T (T >= m + 1): residuals e_t = y_t - y_{t-m}, t = m + 1 .. T, and
 * σ² = Σ e_t² / (T - K - M) with K = 0 and M = m missing residuals, i.e. Σ e_t² / (T - m) (FPP3 §5.5).
 * The h-step standard deviation is σ_h = σ √(k + 1); quantile τ is ŷ + Φ⁻¹(τ) σ_h. Reads the last m values.
 */
export class SeasonalNaiveFactory implements ForecasterFactory {
  readonly name = 'seasonal-naive';
  private readonly horizon: number;
  private readonly seasonLength: number;
  private readonly quantiles: readonly number[];

  constructor(options: SeasonalNaiveOptions) {
    this.horizon = requireWholeNumber('horizon', options.horizon, 1);
    this.seasonLength = requireWholeNumber('season length', options.seasonLength, 1);
    this.quantiles = validateQuantileLevels(options.quantiles ?? DEFAULT_QUANTILES);
  }

  fit(train: ForecastInput): Promise<SeriesForecaster> {
    // The executor turns a thrown InvalidInputError into a rejection, as an async fit would.
    return new Promise((resolve) => resolve(this.build(train)));
  }

  private build(train: ForecastInput): SeriesForecaster {
    const y = train.target;
    const m = this.seasonLength;
    requireFiniteSeries('training series for seasonal-naive', y, m + 1);
    let sumOfSquares = 0;
    for (let t = m; t < y.length; t++) sumOfSquares += ((y[t] as number) - (y[t - m] as number)) ** 2;
    const sigma = Math.sqrt(sumOfSquares / (y.length - m));
    return new GaussianBaselineForecaster({
      name: this.name,
      horizon: this.horizon,
      quantiles: this.quantiles,
      inputSize: m,
      standardDeviations: Float64Array.from(
        { length: this.horizon },
        (_, step) => sigma * Math.sqrt(Math.floor(step / m) + 1),
      ),
      // The window is y_{T-m+1} .. y_T; step h (index h - 1) repeats the value at position (h - 1) mod m.
      pointForecast: (window, points) => {
        for (let step = 0; step < points.length; step++) points[step] = window[step % m] as number;
      },
    });
  }
}

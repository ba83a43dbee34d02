import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { requireFiniteSeries, requireWholeNumber, validateQuantileLevels } from './baseline-checks.js';
import { GaussianBaselineForecaster } from './gaussian-baseline-forecaster.js';

export interface NaiveOptions {
  readonly horizon: number;
  /** Quantile levels reported; DEFAULT_QUANTILES (median, 80/95/99% intervals) by default. */
  readonly quantiles?: readonly number[] | undefined;
}

/**
 * The naive (random walk) baseline, FPP3 §5.2 and §5.5: every step forecasts the last value, ŷ_{T+h} = y_T.
 * Fit on y_1 .. y_T (T >= 2): one-step residuals e_t = y_t - y_{t-1}, t = 2 .. T, and
 * σ² = Σ e_t² / (T - K - M) with K = 0 parameters and M = 1 missing residual, i.e. Σ e_t² / (T - 1)
 * (FPP3 §5.5). The h-step standard deviation is σ_h = σ √h; quantile τ is ŷ + Φ⁻¹(τ) σ_h.
 */
export class NaiveFactory implements ForecasterFactory {
  readonly name = 'naive';
  private readonly horizon: number;
  private readonly quantiles: readonly number[];

  constructor(options: NaiveOptions) {
    this.horizon = requireWholeNumber('horizon', options.horizon, 1);
    this.quantiles = validateQuantileLevels(options.quantiles ?? DEFAULT_QUANTILES);
  }

  fit(train: ForecastInput): Promise<SeriesForecaster> {
    // The executor turns a thrown InvalidInputError into a rejection, as an async fit would.
    return new Promise((resolve) => resolve(this.build(train)));
  }

  private build(train: ForecastInput): SeriesForecaster {
    const y = train.target;
    requireFiniteSeries('training series for naive', y, 2);
    let sumOfSquares = 0;
    for (let t = 1; t < y.length; t++) sumOfSquares += ((y[t] as number) - (y[t - 1] as number)) ** 2;
    const sigma = Math.sqrt(sumOfSquares / (y.length - 1));
    return new GaussianBaselineForecaster({
      name: this.name,
      horizon: this.horizon,
      quantiles: this.quantiles,
      inputSize: 1,
      standardDeviations: Float64Array.from(
        { length: this.horizon },
        (_, step) => sigma * Math.sqrt(step + 1),
      ),
      pointForecast: (window, points) => points.fill(window[0] as number),
    });
  }
}

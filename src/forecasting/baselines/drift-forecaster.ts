import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { requireFiniteSeries, requireWholeNumber, validateQuantileLevels } from './baseline-checks.js';
import { GaussianBaselineForecaster } from './gaussian-baseline-forecaster.js';

export interface DriftOptions {
  readonly horizon: number;
  readonly quantiles?: readonly number[] | undefined;
}

/**
 * The drift baseline (random walk with drift), FPP3 §5.2 and §5.5: the line through the first and last
 * training values, extended. Fit on y_1 .. y_T (T >= 3): drift c = (y_T - y_1) / (T - 1), the mean step;
 * residuals e_t = y_t - y_{t-1} - c, t = 2 .. T; σ² = Σ e_t² / (T - K - M) with K = 1 (c) and M = 1, i.e.
 * Σ e_t² / (T - 2) (FPP3 §5.5). Forecast ŷ_{T+h} = y_T + h c from the last value of the history given,
 * with c and T from the fit; σ_h = σ √(h (1 + h / T)), the second term being the uncertainty of c.
 * Quantile τ is ŷ + Φ⁻¹(τ) σ_h.
 */
export class DriftFactory implements ForecasterFactory {
  readonly name = 'drift';
  private readonly horizon: number;
  private readonly quantiles: readonly number[];

  constructor(options: DriftOptions) {
    this.horizon = requireWholeNumber('horizon', options.horizon, 1);
    this.quantiles = validateQuantileLevels(options.quantiles ?? DEFAULT_QUANTILES);
  }

  fit(train: ForecastInput): Promise<SeriesForecaster> {
    // The executor turns a thrown InvalidInputError into a rejection, as an async fit would.
    return new Promise((resolve) => resolve(this.build(train)));
  }

  private build(train: ForecastInput): SeriesForecaster {
    const y = train.target;
    requireFiniteSeries('training series for drift', y, 3);
    const count = y.length;
    const drift = ((y[count - 1] as number) - (y[0] as number)) / (count - 1);
    let sumOfSquares = 0;
    for (let t = 1; t < count; t++) sumOfSquares += ((y[t] as number) - (y[t - 1] as number) - drift) ** 2;
    const sigma = Math.sqrt(sumOfSquares / (count - 2));
    return new GaussianBaselineForecaster({
      name: this.name,
      horizon: this.horizon,
      quantiles: this.quantiles,
      inputSize: 1,
      standardDeviations: Float64Array.from({ length: this.horizon }, (_, step) => {
        const h = step + 1;
        return sigma * Math.sqrt(h * (1 + h / count));
      }),
      pointForecast: (window, points) => {
        const last = window[0] as number;
        for (let step = 0; step < points.length; step++) points[step] = last + (step + 1) * drift;
      },
    });
  }
}

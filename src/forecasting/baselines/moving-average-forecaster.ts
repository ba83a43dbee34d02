import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { requireFiniteSeries, requireWholeNumber, validateQuantileLevels } from './baseline-checks.js';
import { GaussianBaselineForecaster } from './gaussian-baseline-forecaster.js';

export interface MovingAverageOptions {
  readonly horizon: number;
  /** Window w: how many trailing values are averaged. */
  readonly window: number;
  readonly quantiles?: readonly number[] | undefined;
}

/**
 * The moving-average baseline: FPP3's mean method (§5.2) over the last w values only, so every step forecasts
 * ŷ_{T+h} = (y_{T-w+1} + .. + y_T) / w. The model is a local level plus i.i.d. noise of variance σ²; FPP3
 * §5.5 gives the mean method's interval σ √(1 + 1/T), here σ_h = σ √(1 + 1/w) for every h (T = w values
 * averaged).
 * Fit on y_1 .. y_T (T >= w + 1): in-sample one-step residuals e_t = y_t - mean(y_{t-w} .. y_{t-1}),
 * t = w + 1 .. T. Under the model each has variance σ² (1 + 1/w) (new noise plus the window mean's error), so
 * σ² = Σ e_t² / ((T - w)(1 + 1/w)) (M = w missing residuals, K = 0): σ_h is then exactly the root mean square
 * of the one-step residuals. Quantile τ is ŷ + Φ⁻¹(τ) σ_h.
 */
export class MovingAverageFactory implements ForecasterFactory {
  readonly name = 'moving-average';
  private readonly horizon: number;
  private readonly window: number;
  private readonly quantiles: readonly number[];

  constructor(options: MovingAverageOptions) {
    this.horizon = requireWholeNumber('horizon', options.horizon, 1);
    this.window = requireWholeNumber('moving-average window', options.window, 1);
    this.quantiles = validateQuantileLevels(options.quantiles ?? DEFAULT_QUANTILES);
  }

  fit(train: ForecastInput): Promise<SeriesForecaster> {
    // The executor turns a thrown InvalidInputError into a rejection, as an async fit would.
    return new Promise((resolve) => resolve(this.build(train)));
  }

  private build(train: ForecastInput): SeriesForecaster {
    const y = train.target;
    const w = this.window;
    requireFiniteSeries('training series for moving-average', y, w + 1);
    // Running sum of the w values before t (O(T) rather than O(T w)): add y_t, drop y_{t-w} after each step.
    let windowSum = 0;
    for (let t = 0; t < w; t++) windowSum += y[t] as number;
    let sumOfSquares = 0;
    for (let t = w; t < y.length; t++) {
      sumOfSquares += ((y[t] as number) - windowSum / w) ** 2;
      windowSum += (y[t] as number) - (y[t - w] as number);
    }
    const inflation = 1 + 1 / w;
    const sigma = Math.sqrt(sumOfSquares / ((y.length - w) * inflation));
    const deviation = sigma * Math.sqrt(inflation);
    return new GaussianBaselineForecaster({
      name: this.name,
      horizon: this.horizon,
      quantiles: this.quantiles,
      inputSize: w,
      standardDeviations: new Float64Array(this.horizon).fill(deviation),
      pointForecast: (window, points) => {
        let sum = 0;
        for (let i = 0; i < window.length; i++) sum += window[i] as number;
        points.fill(sum / window.length);
      },
    });
  }
}

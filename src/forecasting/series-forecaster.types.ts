/**
 * The multi-horizon, probabilistic forecasting contract shared by the baselines, the neural models and the
 * evaluation code (rolling-origin cross-validation, conformal calibration, metrics). Unlike the single-step
 * price `Forecaster` port in model/forecast.types.ts (what strategies see), this one returns the whole path of
 * the next `horizon` values as quantiles.
 */

/** A series to learn from or forecast from: the target and optional exogenous columns of the same length. */
export interface ForecastInput {
  readonly target: Float64Array;
  /** Exogenous features observed with the target (returns, volume, indicators, sentiment), aligned by index. */
  readonly exogenous?: readonly Float64Array[];
}

/**
 * Quantile forecast of the `horizon` values after the history's last one. `values[step * quantiles.length + q]`
 * is the forecast of step `step + 1` at level `quantiles[q]`; levels ascend and include 0.5 (the median, the
 * point forecast). Values are non-decreasing across levels at every step.
 */
export interface QuantileForecast {
  readonly horizon: number;
  readonly quantiles: readonly number[];
  readonly values: Float64Array;
}

/** A fitted model: a pure function from a history to its forecast. */
export interface SeriesForecaster {
  /** Model name for reports, e.g. `nhits`, `seasonal-naive`. */
  readonly name: string;
  readonly horizon: number;
  readonly quantiles: readonly number[];
  /** How many trailing values `predict` reads (the model's input window); shorter histories are refused. */
  readonly inputSize: number;
  /** Forecasts the `horizon` values after the end of `history`; never modifies or keeps `history`. */
  predict(history: ForecastInput): QuantileForecast;
}

/** Something that learns a SeriesForecaster from a training series (a baseline's fit may be trivial). */
export interface ForecasterFactory {
  readonly name: string;
  fit(train: ForecastInput): Promise<SeriesForecaster>;
}

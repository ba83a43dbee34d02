/**
 * The Forecaster port: any forecasting model (a statistical baseline now, the neural models later) behind one
 * call. Strategies depend on this interface only, so a model can be swapped without touching them.
 */

/**
 * A forecast of the price `horizon` bars after the last value of the history it was made from, in the units of
 * that history. `lower` and `upper` bound a central interval holding the future price with probability
 * `confidenceLevel` (0.95: a 95% interval, 2.5% of the probability below `lower` and 2.5% above `upper`).
 * `lower <= mean <= upper` is not promised (a skewed distribution's mean may fall outside a narrow interval),
 * but `0 < lower <= upper` is.
 */
export interface Forecast {
  /** Expected price at t + horizon. */
  readonly mean: number;
  /** Lower bound of the central confidence interval. */
  readonly lower: number;
  /** Upper bound of the central confidence interval. */
  readonly upper: number;
  /** Bars ahead, as asked. */
  readonly horizon: number;
  /** Probability the interval holds, in (0, 1). */
  readonly confidenceLevel: number;
}

/**
 * Forecasts from a history of closes. `forecast` must be a pure function of its arguments: it sees only the
 * closes it is given (up to and including the decision bar), so it cannot look ahead, and the same history
 * gives the same forecast. It must not keep or modify `history` (callers pass a view of a reused buffer).
 * Implementations throw InvalidInputError for a history they cannot use (too short, non-positive prices).
 */
export interface Forecaster {
  /** Short model name for logs and reports, e.g. `drift-ewma`. */
  readonly name: string;
  forecast(history: Float64Array, horizon: number): Forecast;
}

/**
 * The quantile levels every model reports by default: the median (the point forecast) and the bounds of the
 * central 80%, 95% and 99% intervals, the intervals the issue asks for.
 */
export const DEFAULT_QUANTILES: readonly number[] = Object.freeze([
  0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995,
]);

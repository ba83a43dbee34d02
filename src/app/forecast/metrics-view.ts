import type { ForecastMetrics } from '../../forecasting/evaluation/forecast-metrics.js';
import { jsonNumber } from './forecast-request.js';

/** Forecast metrics as plain JSON: NaN (MAPE over a zero actual) becomes null; coverage keyed by percent. */
export interface MetricsView {
  readonly mae: number | null;
  readonly rmse: number | null;
  readonly mape: number | null;
  readonly smape: number | null;
  readonly mase: number | null;
  readonly meanPinball: number | null;
  readonly crps: number | null;
  /** Empirical coverage of each central interval, e.g. { "80": 0.79, "95": 0.94, "99": 0.99 }. */
  readonly coverage: Readonly<Record<string, number | null>>;
}

export function metricsView(metrics: ForecastMetrics): MetricsView {
  return {
    mae: jsonNumber(metrics.mae),
    rmse: jsonNumber(metrics.rmse),
    mape: jsonNumber(metrics.mape),
    smape: jsonNumber(metrics.smape),
    mase: jsonNumber(metrics.mase),
    meanPinball: jsonNumber(metrics.meanPinball),
    crps: jsonNumber(metrics.crps),
    coverage: Object.fromEntries(
      metrics.coverage.map((entry) => [percent(entry.level), jsonNumber(entry.coverage)]),
    ),
  };
}

/** 0.8 → "80", 0.95 → "95", 0.995 → "99.5". */
export function percent(level: number): string {
  return String(Math.round(level * 1e6) / 1e4);
}

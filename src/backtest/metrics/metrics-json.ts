import { InvalidInputError, quote } from '../../core/errors.js';
import { BACKTEST_METRIC_NAMES } from './backtest-metrics.js';
import type { BacktestMetrics } from './backtest-metrics.js';

/**
 * JSON form of a metric. JSON has no NaN or Infinity (JSON.stringify turns both into null, losing
 * profitFactor's Infinity), so: a finite number stays a number, NaN (undefined metric) becomes null, and
 * ±Infinity become the strings "Infinity" / "-Infinity". metricsFromJson reverses it exactly.
 */
export type JsonMetricValue = number | null | 'Infinity' | '-Infinity';
export type BacktestMetricsJson = { readonly [K in keyof BacktestMetrics]: JsonMetricValue };

export function metricsToJson(metrics: BacktestMetrics): BacktestMetricsJson {
  const json: Record<string, JsonMetricValue> = {};
  for (const name of BACKTEST_METRIC_NAMES) json[name] = toJsonValue(metrics[name]);
  return json as BacktestMetricsJson;
}

/** Parses metricsToJson's output back (e.g. read from the store); throws on a missing or malformed value. */
export function metricsFromJson(json: Readonly<Record<string, unknown>>): BacktestMetrics {
  const metrics: Record<string, number> = {};
  for (const name of BACKTEST_METRIC_NAMES) metrics[name] = fromJsonValue(name, json[name]);
  return metrics as BacktestMetrics;
}

function toJsonValue(value: number): JsonMetricValue {
  if (Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

function fromJsonValue(name: string, value: unknown): number {
  if (value === null) return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new InvalidInputError(
    `metric ${quote(name)} value ${quote(value)} must be a finite number, null, "Infinity" or "-Infinity"`,
  );
}

import { createRequire } from 'node:module';
import type { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { readNumericTableFile } from '../run-statistics.js';
import { tableColumn } from '../../data/numeric-table.js';
import type { ForecastInput } from '../../forecasting/series-forecaster.types.js';

/**
 * Shared edges of the forecast use cases: request validation (zod, messages that name the field and quote
 * the value), reading the series a model learns from or forecasts from out of a CSV, and the product version
 * a registered model records.
 */

/** Parses a use case's request; the first problem is reported as `<what> <field> "<value>": <why>`. */
export function parseRequest<Schema extends z.ZodType>(
  what: string,
  schema: Schema,
  raw: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    let value: unknown = raw;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined;
    }
    return `${what} ${issue.path.join('.') || 'request'} ${quote(value)}: ${issue.message}`;
  });
  throw new InvalidInputError(problems.join('; '));
}

export interface ForecastSeries {
  readonly input: ForecastInput;
  /** The column names, target first, as found in the file (case as in the header). */
  readonly columns: { readonly target: string; readonly exogenous: readonly string[] };
  /** The label (date) of each row when the file has a label column, else null. */
  readonly labels: readonly string[] | null;
}

/**
 * Reads the target column and the exogenous columns of a CSV (src/data/numeric-table.ts: header line, optional
 * date/label first column, `,` `;` or tab). Every value must be a finite number: a gap would silently shift the
 * windows, so a missing cell is refused naming its line and column.
 */
export function readForecastSeries(
  path: string,
  column: string,
  exogenous: readonly string[] = [],
): ForecastSeries {
  const table = readNumericTableFile(path);
  const names = [column, ...exogenous];
  const resolved = names.map((name) => {
    const values = tableColumn(table, name);
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      throw new InvalidInputError(
        `column ${quote(name)} of ${quote(path)} has no number in line ${bad + 2}: forecasting needs every value`,
      );
    }
    const index = table.columns.indexOf(values);
    return { name: table.names[index] as string, values };
  });
  const [target, ...features] = resolved as [(typeof resolved)[number], ...typeof resolved];
  return {
    input:
      features.length === 0
        ? { target: target.values }
        : { target: target.values, exogenous: features.map((feature) => feature.values) },
    columns: { target: target.name, exogenous: features.map((feature) => feature.name) },
    labels: table.labels,
  };
}

/** The running product version (package.json): src/app/forecast and dist/app/forecast are 3 levels deep. */
export function productVersion(): string {
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}

/** A number for JSON output: NaN and ±Infinity (e.g. MAPE with a zero actual) become null. */
export function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

import { readFileSync } from 'node:fs';
import { InvalidInputError, quote } from '../core/errors.js';
import { readNumericTable, tableColumn, type NumericTable } from '../data/numeric-table.js';
import { augmentedDickeyFuller, type AdfRegression, type AutolagMethod } from '../stats/adf.js';
import { correlationMatrix } from '../stats/correlation-matrix.js';
import { engleGranger } from '../stats/engle-granger.js';
import type { CriticalValues } from '../stats/mackinnon.js';
import { logReturns, simpleReturns } from '../stats/returns.js';

/** The common shape of a unit-root / cointegration test result at the edges (CLI, REST, MCP). */
export interface TestReport {
  readonly test: 'adf' | 'coint';
  readonly statistic: number;
  readonly pValue: number;
  readonly criticalValues: CriticalValues;
  readonly lags: number | null;
  readonly nobs: number | null;
  readonly regression: AdfRegression;
  /** How lags were chosen: 'fixed' or the information criterion. */
  readonly lagSelection: 'fixed' | AutolagMethod;
}

export interface LagChoice {
  /** A fixed lag count; wins over autolag. */
  readonly lags?: number;
  /** Default 'aic', as statsmodels. */
  readonly autolag?: AutolagMethod;
}

export function readNumericTableFile(path: string): NumericTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`file ${quote(path)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return readNumericTable(text);
}

/** Augmented Dickey-Fuller test on one column (natural log first when `log`). */
export function adfTest(
  table: NumericTable,
  request: LagChoice & { column: string; log?: boolean; regression?: AdfRegression },
): TestReport & { readonly column: string; readonly icBest: number | null } {
  const values = prepare(table, request.column, request.log === true);
  const regression = request.regression ?? 'c';
  const result = augmentedDickeyFuller(values, { regression, ...lagOptions(request) });
  return {
    test: 'adf',
    column: request.column,
    statistic: result.statistic,
    pValue: result.pValue,
    criticalValues: result.criticalValues,
    lags: result.usedLag,
    nobs: result.nobs,
    regression,
    lagSelection: request.lags === undefined ? (request.autolag ?? 'aic') : 'fixed',
    icBest: result.icBest,
  };
}

/** Engle-Granger cointegration test of y on x (constant in the cointegrating regression, as statsmodels `coint`). */
export function cointegrationTest(
  table: NumericTable,
  request: LagChoice & { y: string; x: string; log?: boolean },
): TestReport & {
  readonly y: string;
  readonly x: string;
  readonly hedgeRatio: number;
  readonly intercept: number;
} {
  const y = prepare(table, request.y, request.log === true);
  const x = prepare(table, request.x, request.log === true);
  const result = engleGranger(y, x, { trend: 'c', ...lagOptions(request) });
  return {
    test: 'coint',
    y: request.y,
    x: request.x,
    statistic: result.statistic,
    pValue: result.pValue,
    criticalValues: result.criticalValues,
    lags: result.usedLag,
    nobs: result.nobs,
    regression: 'c',
    lagSelection: request.lags === undefined ? (request.autolag ?? 'aic') : 'fixed',
    intercept: result.regression.params[1] as number, // params are [x, constant]
    hedgeRatio: result.hedgeRatios[0] as number,
  };
}

export interface CorrelationReport {
  readonly names: readonly string[];
  /** Row-major N×N Pearson correlations (pairwise-complete observations). */
  readonly matrix: readonly (readonly number[])[];
  readonly observations: number;
  readonly onReturns: 'none' | 'simple' | 'log';
}

/** Correlation matrix of every numeric column, of the values or of their returns. */
export function correlationTest(
  table: NumericTable,
  request: { returns?: 'simple' | 'log' },
): CorrelationReport {
  if (table.names.length < 2) {
    throw new InvalidInputError(
      `correlation needs at least 2 numeric columns; the file has ${table.names.length}`,
    );
  }
  const series = table.columns.map((column) =>
    request.returns === 'log'
      ? logReturns(column)
      : request.returns === 'simple'
        ? simpleReturns(column)
        : column,
  );
  const result = correlationMatrix(series, { missing: 'pairwise-complete' });
  const n = result.size;
  const matrix = Array.from({ length: n }, (_, i) => Array.from(result.values.subarray(i * n, (i + 1) * n)));
  return { names: table.names, matrix, observations: table.rows, onReturns: request.returns ?? 'none' };
}

function lagOptions(choice: LagChoice): { lags: number } | { autolag: AutolagMethod } {
  return choice.lags === undefined ? { autolag: choice.autolag ?? 'aic' } : { lags: choice.lags };
}

function prepare(table: NumericTable, name: string, log: boolean): Float64Array {
  const column = tableColumn(table, name);
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    if (Number.isNaN(value)) {
      throw new InvalidInputError(
        `column ${quote(name)} has an empty value in data row ${i + 1} (line ${i + 2})`,
      );
    }
    if (log && !(value > 0)) {
      throw new InvalidInputError(
        `column ${quote(name)} value ${quote(value)} in line ${i + 2} must be > 0 to take its log`,
      );
    }
    out[i] = log ? Math.log(value) : value;
  }
  return out;
}

import { readFileSync } from 'node:fs';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { parseBars } from '../data/import/parse-bars.js';
import type { ColumnMap, DateFormat } from '../data/import/import-options.js';
import { computeIndicators, parseIndicatorRequest } from '../indicators/registry.js';

export interface IndicatorTable {
  readonly bars: BarSeries;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

export interface ComputeIndicatorsRequest {
  readonly path: string;
  /** Comma-separated specs: `sma:20,macd:12:26:9,...`. */
  readonly indicators: string;
  readonly columns?: ColumnMap;
  readonly dateFormat?: DateFormat;
}

/**
 * Reads any OHLCV file the importer accepts (validated the same way, bad rows rejected) and computes the
 * requested indicators over it. An indicator that cannot produce a single value on this many rows is an error
 * that names it, rather than a column of blanks.
 */
export function computeIndicatorsFile(request: ComputeIndicatorsRequest): IndicatorTable {
  const specs = request.indicators
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (specs.length === 0)
    throw new InvalidInputError('--indicators must name at least one indicator, e.g. sma:20,rsi:14');
  const requests = specs.map(parseIndicatorRequest);
  let bytes: Buffer;
  try {
    bytes = readFileSync(request.path);
  } catch (error) {
    throw new InvalidInputError(`file ${quote(request.path)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = parseBars(bytes, {
    symbol: 'INPUT',
    timeframe: '1d',
    checkGaps: false,
    ...(request.columns === undefined ? {} : { columns: request.columns }),
    ...(request.dateFormat === undefined ? {} : { dateFormat: request.dateFormat }),
  });
  if (!parsed.ok) throw parsed.error;
  const bars = parsed.value.series;
  const { names, columns } = computeIndicators(bars, requests);
  requests.forEach((r, i) => {
    const first = names.indexOf(r.columns[0] as string);
    const column = columns[first] as Float64Array;
    if (!column.some((v) => !Number.isNaN(v))) {
      throw new InvalidInputError(
        `indicator ${quote(specs[i])} needs more rows than the file's ${bars.length} to produce a value`,
      );
    }
  });
  return { bars, names, columns };
}

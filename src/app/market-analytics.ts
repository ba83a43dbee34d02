import { InvalidInputError, quote } from '../core/errors.js';
import { alignSeries } from '../data/align.js';
import type { BarSeries } from '../data/bar-series.js';
import type { NumericTable } from '../data/numeric-table.js';
import { computeIndicators, parseIndicatorRequest } from '../indicators/registry.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Store } from '../store/repositories.types.js';
import type { IndicatorTable } from './compute-indicators-file.js';
import { showBars } from './query-bars.js';
import { correlationTest, type CorrelationReport } from './run-statistics.js';

export interface StoredRange {
  readonly timeframe?: Timeframe;
  readonly from?: number;
  readonly to?: number;
}

export interface StoredIndicatorsRequest extends StoredRange {
  readonly symbol: string;
  /** Comma-separated specs, as the CLI's --indicators: `sma:20,macd:12:26:9`. */
  readonly indicators: string;
  /** Keep only the latest `limit` rows, computed over the whole range (warm-up included). */
  readonly limit?: number;
}

/**
 * Technical indicators over a stored symbol's bars: the same registry and the same checks as
 * `neural-trader indicators` on a file (computeIndicatorsFile), so both give the same columns for the same
 * bars. An indicator that cannot produce a value on this many bars is an error naming it.
 */
export async function indicatorsForSymbol(
  store: Store,
  request: StoredIndicatorsRequest,
): Promise<IndicatorTable> {
  const specs = request.indicators
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (specs.length === 0) {
    throw new InvalidInputError('indicators must name at least one indicator, e.g. sma:20,rsi:14');
  }
  const requests = specs.map(parseIndicatorRequest);
  const { limit, ...range } = request;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
  }
  const bars = await showBars(store, { ...range, symbol: request.symbol });
  const { names, columns } = computeIndicators(bars, requests);
  requests.forEach((r, i) => {
    const column = columns[names.indexOf(r.columns[0] as string)] as Float64Array;
    if (!column.some((v) => !Number.isNaN(v))) {
      throw new InvalidInputError(
        `indicator ${quote(specs[i])} needs more bars than the ${bars.length} stored in this range to produce a value`,
      );
    }
  });
  if (limit === undefined || limit >= bars.length) return { bars, names, columns };
  const start = bars.length - limit;
  return { bars: bars.slice(start), names, columns: columns.map((c) => c.subarray(start)) };
}

export interface StoredCorrelationRequest extends StoredRange {
  readonly symbols: readonly string[];
  /** Correlate simple or log returns of the closes instead of the closes themselves. */
  readonly returns?: 'simple' | 'log';
}

export type StoredCorrelationReport = CorrelationReport & {
  readonly timeframe: Timeframe;
  readonly first: string;
  readonly last: string;
};

/**
 * Pearson correlation of the stored closes (or their returns) of several symbols on the bars they all have
 * (intersection of timestamps): the same computation as `neural-trader stats corr` on a CSV of those closes.
 */
export async function correlateSymbols(
  store: Store,
  request: StoredCorrelationRequest,
): Promise<StoredCorrelationReport> {
  if (request.symbols.length < 2) {
    throw new InvalidInputError(`correlation needs at least 2 symbols; got ${request.symbols.length}`);
  }
  const { symbols, returns, ...range } = request;
  const series: BarSeries[] = [];
  for (const symbol of symbols) series.push(await showBars(store, { ...range, symbol }));
  const timeframe = (series[0] as BarSeries).timeframe;
  const mixed = series.find((s) => s.timeframe !== timeframe);
  if (mixed !== undefined) {
    throw new InvalidInputError(
      `symbols have different timeframes (${quote(mixed.symbol)} is ${mixed.timeframe}, ${quote(series[0]?.symbol)} ${timeframe}): choose one with timeframe`,
    );
  }
  const aligned = alignSeries(series, { index: 'intersection' });
  if (aligned.ts.length < 3) {
    throw new InvalidInputError(
      `the symbols share ${aligned.ts.length} bars in this range; correlation needs at least 3`,
    );
  }
  const table: NumericTable = {
    names: aligned.symbols,
    columns: aligned.close,
    labels: null,
    rows: aligned.ts.length,
  };
  const report = correlationTest(table, returns === undefined ? {} : { returns });
  const iso = (ms: number | undefined): string => new Date(ms ?? Number.NaN).toISOString();
  return { ...report, timeframe, first: iso(aligned.ts[0]), last: iso(aligned.ts[aligned.ts.length - 1]) };
}

import type { EquityCurve, TradeRecord } from '../backtest.types.js';

/** One row of the metrics table, already formatted by the caller (the report does not re-format metrics). */
export interface TearsheetMetric {
  readonly label: string;
  readonly value: string;
}

/** A benchmark equity curve on the same timestamps as the strategy's (`equity[i]` at `EquityCurve.ts[i]`). */
export interface TearsheetBenchmark {
  readonly name: string;
  readonly equity: Float64Array;
}

/** The traded instrument's closes; trades whose `instrumentId` equals `symbol` get markers on this chart. */
export interface TearsheetPrice {
  readonly symbol: string;
  readonly ts: Float64Array;
  readonly close: Float64Array;
}

/**
 * Everything a tearsheet shows. The renderer reads no clock: `generatedAt` (ISO 8601) is printed as given.
 * Every string is treated as text and escaped.
 */
export interface TearsheetInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly generatedAt: string;
  readonly equity: EquityCurve;
  readonly benchmark?: TearsheetBenchmark;
  readonly price?: TearsheetPrice;
  readonly trades: readonly TradeRecord[];
  readonly metrics: readonly TearsheetMetric[];
  /** Caveats the reader must see (look-ahead-prone fill timing, ambiguous bars, …); empty for none. */
  readonly warnings: readonly string[];
}

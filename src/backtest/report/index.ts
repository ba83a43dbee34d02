/** Backtest reports: the self-contained HTML tearsheet and the calendar-return table it shows. */
export { renderTearsheet } from './tearsheet-html.js';
export type {
  TearsheetBenchmark,
  TearsheetInput,
  TearsheetMetric,
  TearsheetPrice,
} from './tearsheet.types.js';
export { computeMonthlyReturns, type MonthlyReturns } from './monthly-returns.js';
export { underwaterSeries } from './underwater.js';
export { MAX_TRADE_ROWS } from './trades-table.js';
export { MAX_MARKED_TRADES } from './trade-markers.js';
export { MAX_POINTS_PER_SERIES } from './line-chart-svg.js';

import { BAR_FIELDS, BarSeries } from '../data/bar-series.js';
import type { Timeframe } from '../model/timeframe.js';

/** Where one series lives in the shared buffer: six columns of `length` float64 each, from `offset`. */
export interface SharedSeriesEntry {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly length: number;
  /** Index (in float64 units) of the series' first column. */
  readonly offset: number;
}

/** Bar series packed for worker threads: the columns in one SharedArrayBuffer, the rest plain JSON. */
export interface SharedSeries {
  readonly buffer: SharedArrayBuffer;
  readonly entries: readonly SharedSeriesEntry[];
}

/**
 * Copies the series' columns once into one SharedArrayBuffer, laid out series after series, each as ts,
 * open, high, low, close, volume (BAR_FIELDS order). Posting the result to a worker shares the memory (no
 * copy), so N workers hold one copy of the data instead of N.
 */
export function shareSeries(series: readonly BarSeries[]): SharedSeries {
  const total = series.reduce((sum, s) => sum + s.length * BAR_FIELDS.length, 0);
  const buffer = new SharedArrayBuffer(total * Float64Array.BYTES_PER_ELEMENT);
  const values = new Float64Array(buffer);
  const entries: SharedSeriesEntry[] = [];
  let offset = 0;
  for (const s of series) {
    entries.push({ symbol: s.symbol, timeframe: s.timeframe, length: s.length, offset });
    BAR_FIELDS.forEach((field, i) => values.set(s[field], offset + i * s.length));
    offset += s.length * BAR_FIELDS.length;
  }
  return { buffer, entries };
}

/** Rebuilds the series as views over the shared memory (zero-copy; treat them as read-only). */
export function seriesFromShared(shared: SharedSeries): BarSeries[] {
  return shared.entries.map(({ symbol, timeframe, length, offset }) => {
    const column = (i: number): Float64Array =>
      new Float64Array(shared.buffer, (offset + i * length) * Float64Array.BYTES_PER_ELEMENT, length);
    return new BarSeries(symbol, timeframe, {
      ts: column(0),
      open: column(1),
      high: column(2),
      low: column(3),
      close: column(4),
      volume: column(5),
    });
  });
}

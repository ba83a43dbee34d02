import { InvalidInputError, invariant, quote } from '../core/errors.js';
import type { Bar } from '../model/bar.js';
import { instrumentId } from '../core/ids.js';
import type { Timeframe } from '../model/timeframe.js';

export const BAR_FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarField = (typeof BAR_FIELDS)[number];

export interface BarColumns {
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Columnar OHLCV bars of one symbol: one Float64Array per field, timestamps in epoch ms (bar open time),
 * strictly increasing. Slices share memory with their parent (no copy), so treat the columns as read-only.
 */
export class BarSeries implements BarColumns {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;

  constructor(symbol: string, timeframe: Timeframe, columns: BarColumns) {
    const n = columns.ts.length;
    for (const field of BAR_FIELDS) {
      invariant(
        columns[field].length === n,
        `column ${field} has ${columns[field].length} rows, ts has ${n}`,
      );
    }
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.ts = columns.ts;
    this.open = columns.open;
    this.high = columns.high;
    this.low = columns.low;
    this.close = columns.close;
    this.volume = columns.volume;
  }

  /** Allocates zero-filled columns for `length` bars (one buffer, six views: one allocation, cache-friendly). */
  static allocate(symbol: string, timeframe: Timeframe, length: number): BarSeries {
    const buffer = new Float64Array(length * 6);
    const col = (i: number): Float64Array => buffer.subarray(i * length, (i + 1) * length);
    return new BarSeries(symbol, timeframe, {
      ts: col(0),
      open: col(1),
      high: col(2),
      low: col(3),
      close: col(4),
      volume: col(5),
    });
  }

  static fromBars(
    symbol: string,
    timeframe: Timeframe,
    bars: readonly Omit<Bar, 'instrumentId' | 'timeframe'>[],
  ): BarSeries {
    const series = BarSeries.allocate(symbol, timeframe, bars.length);
    bars.forEach((bar, i) => {
      series.ts[i] = bar.tsEvent;
      series.open[i] = bar.open;
      series.high[i] = bar.high;
      series.low[i] = bar.low;
      series.close[i] = bar.close;
      series.volume[i] = bar.volume;
    });
    return series;
  }

  get length(): number {
    return this.ts.length;
  }

  get firstTs(): number {
    return this.length === 0 ? Number.NaN : (this.ts[0] as number);
  }

  get lastTs(): number {
    return this.length === 0 ? Number.NaN : (this.ts[this.length - 1] as number);
  }

  /** Rows [start, end) as a view sharing this series' memory. Negative indices count from the end. */
  slice(start = 0, end = this.length): BarSeries {
    return new BarSeries(this.symbol, this.timeframe, {
      ts: this.ts.subarray(start, end),
      open: this.open.subarray(start, end),
      high: this.high.subarray(start, end),
      low: this.low.subarray(start, end),
      close: this.close.subarray(start, end),
      volume: this.volume.subarray(start, end),
    });
  }

  /** Bars with fromMs <= ts < toMs (either bound optional), as a view. Binary search: O(log n). */
  between(fromMs = -Infinity, toMs = Infinity): BarSeries {
    return this.slice(this.lowerBound(fromMs), this.lowerBound(toMs));
  }

  /** First index whose ts >= ms (length when none). */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ts[mid] as number) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the last bar with ts <= ms, or -1: what was known at time `ms` (no look-ahead). */
  indexAtOrBefore(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ts[mid] as number) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Copies one row into a Bar object. For hot paths read the columns directly instead. */
  barAt(index: number): Bar {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new InvalidInputError(`bar index ${quote(index)} must be in [0, ${this.length})`);
    }
    return {
      instrumentId: instrumentId(this.symbol),
      timeframe: this.timeframe,
      tsEvent: this.ts[index] as number,
      open: this.open[index] as number,
      high: this.high[index] as number,
      low: this.low[index] as number,
      close: this.close[index] as number,
      volume: this.volume[index] as number,
    };
  }

  /** A deep copy that owns its memory (use before handing a slice to another thread or keeping it long). */
  clone(): BarSeries {
    const copy = BarSeries.allocate(this.symbol, this.timeframe, this.length);
    for (const field of BAR_FIELDS) copy[field].set(this[field]);
    return copy;
  }
}

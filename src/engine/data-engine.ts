import type { BarSeries } from '../data/bar-series.js';
import { timeframeMs } from '../model/timeframe.js';
import type { BarView } from '../strategies/strategy.js';

/** The reused bar view handed to strategies: its fields change on every step, so copy what you keep. */
export class MutableBarView implements BarView {
  symbol = '';
  tsEvent = 0;
  /** When the bar was complete (tsEvent + the timeframe): the time the engine's clock shows while it is handled. */
  tsClose = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  /** Index of the series in the data engine, and of the bar in that series. */
  seriesIndex = 0;
  barIndex = 0;
}

/**
 * Replays several bar series (symbols and timeframes) in time order. A bar is delivered when it is
 * complete — at `tsEvent + timeframe` — so a daily bar never reaches a strategy before its day ended and
 * series of different timeframes interleave correctly. Bars completing at the same instant come finer
 * timeframe first (the hour that ends a day before that day's bar), then in the order the series were given.
 * The merge order is computed once (a k-way heap merge into an Int32Array), so replay allocates nothing.
 */
export class DataEngine {
  readonly series: readonly BarSeries[];
  /** Series index of each step; null with a single series (every step is series 0: no array needed). */
  private readonly order: Int32Array | null;
  private readonly total: number;
  private readonly cursors: Int32Array;
  private readonly durations: Float64Array;
  private position = 0;
  readonly view = new MutableBarView();

  constructor(series: readonly BarSeries[]) {
    this.series = series;
    this.durations = Float64Array.from(series.map((s) => timeframeMs(s.timeframe)));
    this.total = series.reduce((sum, s) => sum + s.length, 0);
    this.order = series.length === 1 ? null : mergeOrder(series, this.durations, this.total);
    this.cursors = new Int32Array(series.length);
  }

  get length(): number {
    return this.total;
  }

  get done(): boolean {
    return this.position >= this.total;
  }

  /** Advances to the next bar and fills `view`; returns false at the end. */
  next(): boolean {
    if (this.position >= this.total) return false;
    const s = this.order === null ? 0 : (this.order[this.position] as number);
    this.position++;
    const i = this.cursors[s] as number;
    this.cursors[s] = i + 1;
    const series = this.series[s] as BarSeries;
    const view = this.view;
    view.symbol = series.symbol;
    view.seriesIndex = s;
    view.barIndex = i;
    view.tsEvent = series.ts[i] as number;
    view.tsClose = view.tsEvent + (this.durations[s] as number);
    view.open = series.open[i] as number;
    view.high = series.high[i] as number;
    view.low = series.low[i] as number;
    view.close = series.close[i] as number;
    view.volume = series.volume[i] as number;
    return true;
  }

  reset(): void {
    this.position = 0;
    this.cursors.fill(0);
  }
}

/**
 * Series index of each step, ordered by (completion time, timeframe, series index): a k-way merge with a
 * binary heap of series indices keyed by each series' next completion time (kept in a typed array, so a
 * comparison is two array reads; no allocation inside the loop).
 */
function mergeOrder(series: readonly BarSeries[], durations: Float64Array, total: number): Int32Array {
  const order = new Int32Array(total);
  const k = series.length;
  const cursor = new Int32Array(k);
  const keys = new Float64Array(k);
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number): boolean => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    if (ka !== kb) return ka < kb;
    const da = durations[a] as number;
    const db = durations[b] as number;
    return da < db || (da === db && a < b);
  };
  const siftDown = (): void => {
    const top = heap[0] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const child = r < size && less(heap[r] as number, heap[l] as number) ? r : l;
      if (!less(heap[child] as number, top)) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = top;
  };
  for (let s = 0; s < k; s++) {
    const source = series[s] as BarSeries;
    if (source.length === 0) continue;
    keys[s] = (source.ts[0] as number) + (durations[s] as number);
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(s, heap[parent] as number)) break;
      heap[i] = heap[parent] as number;
      i = parent;
    }
    heap[i] = s;
  }
  for (let step = 0; step < total; step++) {
    const s = heap[0] as number;
    order[step] = s;
    const next = (cursor[s] as number) + 1;
    cursor[s] = next;
    const source = series[s] as BarSeries;
    if (next >= source.length) heap[0] = heap[--size] as number;
    else keys[s] = (source.ts[next] as number) + (durations[s] as number);
    if (size > 0) siftDown();
  }
  return order;
}

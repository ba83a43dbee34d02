import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from './bar-series.js';

export const ALIGN_FILLS = ['forward', 'none'] as const;
export type AlignFill = (typeof ALIGN_FILLS)[number];

/** `union`: every ts any symbol has; `intersection`: the ts all symbols have; or an explicit ts column. */
export type AlignIndex = 'union' | 'intersection' | Float64Array;

export interface AlignOptions {
  readonly index?: AlignIndex;
  readonly fill?: AlignFill;
}

/** Several symbols on one ts column: `field[s][i]` is symbol `s` at `ts[i]`. */
export interface AlignedSeries {
  readonly ts: Float64Array;
  readonly symbols: readonly string[];
  readonly open: readonly Float64Array[];
  readonly high: readonly Float64Array[];
  readonly low: readonly Float64Array[];
  readonly close: readonly Float64Array[];
  readonly volume: readonly Float64Array[];
  /** 1 where the symbol had a real bar at exactly that ts, 0 where the row is filled or empty. */
  readonly present: readonly Uint8Array[];
}

/**
 * Puts several bar series on one timestamp index (default: the union) without look-ahead. Row `i` holds, for
 * each symbol, its bar that opens at `ts[i]` when it has one (`present` = 1). Otherwise, with
 * `fill: 'forward'` (default) the row is a flat bar at the close of the symbol's last bar with ts <= ts[i]
 * (open = high = low = close = that close, volume = 0): only the past is used, never a later bar. Before a
 * symbol's first bar, and for every missing row with `fill: 'none'`, all five fields are NaN.
 *
 * Cost: O(rows x symbols), the size of the output; the index is a k-way merge of the sorted ts columns.
 * Each field is one allocation shared by all symbols (one view per symbol).
 */
export function alignSeries(series: readonly BarSeries[], options: AlignOptions = {}): AlignedSeries {
  const fill = options.fill ?? 'forward';
  if (!(ALIGN_FILLS as readonly string[]).includes(fill)) {
    throw new InvalidInputError(`fill ${quote(fill)} must be one of ${ALIGN_FILLS.join(', ')}`);
  }
  const symbols = series.map((s) => s.symbol);
  const seen = new Set<string>();
  for (const symbol of symbols) {
    if (seen.has(symbol))
      throw new InvalidInputError(
        `symbol ${quote(symbol)} appears twice; each series must be a different symbol`,
      );
    seen.add(symbol);
  }
  for (const s of series) assertIncreasing(s.ts, `series ${quote(s.symbol)}`);

  const index = options.index ?? 'union';
  const ts = typeof index === 'string' ? mergeTimestamps(series, index) : explicitIndex(index);
  const rows = ts.length;
  const k = series.length;
  const columns = (): Float64Array[] => {
    const buffer = new Float64Array(rows * k);
    return series.map((_, s) => buffer.subarray(s * rows, (s + 1) * rows));
  };
  const open = columns();
  const high = columns();
  const low = columns();
  const close = columns();
  const volume = columns();
  const presentBuffer = new Uint8Array(rows * k);
  const present = series.map((_, s) => presentBuffer.subarray(s * rows, (s + 1) * rows));

  series.forEach((source, s) => {
    const from = asOfIndices(source.ts, ts);
    const o = open[s] as Float64Array;
    const h = high[s] as Float64Array;
    const l = low[s] as Float64Array;
    const c = close[s] as Float64Array;
    const v = volume[s] as Float64Array;
    const p = present[s] as Uint8Array;
    for (let i = 0; i < rows; i++) {
      const j = from[i] as number;
      if (j >= 0 && source.ts[j] === ts[i]) {
        o[i] = source.open[j] as number;
        h[i] = source.high[j] as number;
        l[i] = source.low[j] as number;
        c[i] = source.close[j] as number;
        v[i] = source.volume[j] as number;
        p[i] = 1;
      } else if (j >= 0 && fill === 'forward') {
        const last = source.close[j] as number;
        o[i] = last;
        h[i] = last;
        l[i] = last;
        c[i] = last;
        v[i] = 0;
      } else {
        o[i] = Number.NaN;
        h[i] = Number.NaN;
        l[i] = Number.NaN;
        c[i] = Number.NaN;
        v[i] = Number.NaN;
      }
    }
  });
  return { ts, symbols, open, high, low, close, volume, present };
}

/**
 * For each target ts, the index of the last source ts <= it, or -1 when the source has none yet: what was
 * known at that time. Both columns must be increasing. Two pointers: O(source + target).
 */
export function asOfIndices(sourceTs: Float64Array, targetTs: Float64Array): Int32Array {
  const out = new Int32Array(targetTs.length);
  let j = -1;
  const last = sourceTs.length - 1;
  for (let i = 0; i < targetTs.length; i++) {
    const t = targetTs[i] as number;
    while (j < last && (sourceTs[j + 1] as number) <= t) j++;
    out[i] = j;
  }
  return out;
}

function mergeTimestamps(series: readonly BarSeries[], mode: 'union' | 'intersection'): Float64Array {
  if (mode !== 'union' && mode !== 'intersection') {
    throw new InvalidInputError(
      `index ${quote(mode)} must be "union", "intersection" or a Float64Array of ts`,
    );
  }
  const k = series.length;
  if (k === 0) return new Float64Array(0);
  const heads = new Int32Array(k);
  let capacity = 0;
  for (const s of series) capacity = mode === 'union' ? capacity + s.length : Math.max(capacity, s.length);
  const out = new Float64Array(capacity);
  let count = 0;
  for (;;) {
    let next = Infinity;
    for (let s = 0; s < k; s++) {
      const source = series[s] as BarSeries;
      const head = heads[s] as number;
      if (head < source.length && (source.ts[head] as number) < next) next = source.ts[head] as number;
    }
    if (next === Infinity) break;
    let holders = 0;
    for (let s = 0; s < k; s++) {
      const source = series[s] as BarSeries;
      const head = heads[s] as number;
      if (head < source.length && source.ts[head] === next) {
        heads[s] = head + 1;
        holders++;
      }
    }
    if (mode === 'union' || holders === k) out[count++] = next;
  }
  return out.slice(0, count);
}

function explicitIndex(index: Float64Array): Float64Array {
  if (!(index instanceof Float64Array)) {
    throw new InvalidInputError(
      `index ${quote(index)} must be "union", "intersection" or a Float64Array of ts`,
    );
  }
  assertIncreasing(index, 'index');
  return index.slice();
}

function assertIncreasing(ts: Float64Array, label: string): void {
  let previous = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number;
    if (!(t > previous) || !Number.isFinite(t)) {
      throw new InvalidInputError(
        `${label}: ts ${quote(t)} at row ${i} must be finite and greater than the previous ts ${quote(previous)}`,
      );
    }
    previous = t;
  }
}

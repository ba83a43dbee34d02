import { InvalidInputError, quote } from '../core/errors.js';
import type { DataWindow } from './optimize.types.js';

/**
 * Walk-forward folds from bar timestamps. With `train` = N bars and `test` = M bars, fold i tests bars
 * [N + i·M, N + (i+1)·M) (step = M, so test windows tile the data after the first training window without
 * overlap) and trains on
 * - rolling: the N bars just before the test window, [i·M, N + i·M);
 * - anchored: every bar from the first, [0, N + i·M).
 * The last fold's test window may be shorter than M (kept when `partialLastFold`, the default, so every bar
 * after the first training window is tested once). Windows are [from, to) in epoch ms: `from` is the timestamp
 * of the window's first bar, `to` that of the first bar after it (absent for a window that runs to the end).
 * `warmupBars` (test) and `trainWarmupBars` are how many of the requested warm-up bars exist before each window
 * (a strategy needs its indicators primed; those bars are replayed but not measured).
 */
export const WALK_FORWARD_MODES = ['rolling', 'anchored'] as const;
export type WalkForwardMode = (typeof WALK_FORWARD_MODES)[number];

export interface WalkForwardOptions {
  readonly train: number;
  readonly test: number;
  readonly mode?: WalkForwardMode;
  /** Warm-up bars wanted before each window (default 0). */
  readonly warmupBars?: number;
  readonly partialLastFold?: boolean;
}

export interface WalkForwardFold {
  readonly index: number;
  readonly train: DataWindow;
  readonly test: DataWindow;
  readonly warmupBars: number;
  readonly trainWarmupBars: number;
  /** Bar index ranges [start, end) of the two windows. */
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new InvalidInputError(`${name} ${quote(value)} must be an integer >= ${min}`);
  return value;
}

export function walkForwardWindows(timestamps: Float64Array, options: WalkForwardOptions): WalkForwardFold[] {
  const train = count('train bars', options.train, 1);
  const test = count('test bars', options.test, 1);
  const warmup = count('warm-up bars', options.warmupBars ?? 0, 0);
  const mode = options.mode ?? 'rolling';
  if (!(WALK_FORWARD_MODES as readonly string[]).includes(mode))
    throw new InvalidInputError(`walk-forward mode ${quote(mode)} must be rolling or anchored`);
  const bars = timestamps.length;
  for (let i = 1; i < bars; i++)
    if (!((timestamps[i] as number) > (timestamps[i - 1] as number)))
      throw new InvalidInputError(
        `bar timestamps must increase: bar ${i} ${quote(timestamps[i])} follows ${quote(timestamps[i - 1])}`,
      );
  if (bars < train + test)
    throw new InvalidInputError(
      `walk-forward needs at least train + test = ${train + test} bars, got ${quote(bars)}`,
    );
  const window = (start: number, end: number): DataWindow =>
    end < bars
      ? { from: timestamps[start] as number, to: timestamps[end] as number }
      : { from: timestamps[start] as number };
  const folds: WalkForwardFold[] = [];
  for (let testStart = train; testStart < bars; testStart += test) {
    const testEnd = Math.min(testStart + test, bars);
    if (testEnd - testStart < test && options.partialLastFold === false) break;
    const trainStart = mode === 'rolling' ? testStart - train : 0;
    folds.push({
      index: folds.length,
      train: window(trainStart, testStart),
      test: window(testStart, testEnd),
      warmupBars: Math.min(warmup, testStart),
      trainWarmupBars: Math.min(warmup, trainStart),
      trainStart,
      trainEnd: testStart,
      testStart,
      testEnd,
    });
  }
  return folds;
}

export interface FoldReturns {
  readonly returns: Float64Array;
  readonly returnTs: Float64Array;
}

export interface StitchedReturns {
  readonly returns: Float64Array;
  readonly returnTs: Float64Array;
  /** Wealth after each return, from 1 before the first: equity[i] = Π_{j ≤ i} (1 + r_j). */
  readonly equity: Float64Array;
}

/** Concatenates the folds' out-of-sample returns in time order (folds sorted by first timestamp; no overlap). */
export function stitchReturns(folds: readonly FoldReturns[]): StitchedReturns {
  folds.forEach((fold, i) => {
    if (fold.returns.length !== fold.returnTs.length)
      throw new InvalidInputError(
        `fold ${i} has ${fold.returns.length} returns but ${fold.returnTs.length} timestamps`,
      );
  });
  const ordered = folds
    .filter((fold) => fold.returns.length > 0)
    .sort((a, b) => (a.returnTs[0] as number) - (b.returnTs[0] as number));
  const total = ordered.reduce((sum, fold) => sum + fold.returns.length, 0);
  const returns = new Float64Array(total);
  const returnTs = new Float64Array(total);
  const equity = new Float64Array(total);
  let offset = 0;
  let wealth = 1;
  for (const fold of ordered) {
    for (let i = 0; i < fold.returns.length; i++, offset++) {
      const ts = fold.returnTs[i] as number;
      if (offset > 0 && !(ts > (returnTs[offset - 1] as number)))
        throw new InvalidInputError(
          `out-of-sample returns overlap or are unordered at ${quote(ts)} (after ${quote(returnTs[offset - 1])})`,
        );
      const r = fold.returns[i] as number;
      wealth *= 1 + r;
      returns[offset] = r;
      returnTs[offset] = ts;
      equity[offset] = wealth;
    }
  }
  return { returns, returnTs, equity };
}

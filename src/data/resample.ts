import { InvalidInputError, quote } from '../core/errors.js';
import { bucketStart, timeframeMs, type Timeframe } from '../model/timeframe.js';
import { BarSeries } from './bar-series.js';

export interface ResampleOptions {
  /**
   * Drop the last output bar when its bucket is not complete at `asOf` (see {@link isLastBucketComplete}).
   * Default false: the partial bar is kept, and it will change once the rest of its bucket arrives.
   */
  readonly dropPartial?: boolean;
  /**
   * Epoch ms up to which the source is known to be complete. Default: the end of the last source bar
   * (`lastTs + width of the source timeframe`). Session data (a US day ends at 21:00 UTC, its daily bucket at
   * 24:00) should pass the time it knows the session closed, usually the clock's now, or every last day
   * counts as partial.
   */
  readonly asOf?: number;
}

/**
 * Aggregates bars into coarser UTC buckets ({@link bucketStart}): open = first open, high = max of highs,
 * low = min of lows, close = last close, volume = sum, ts = bucket start. Buckets with no source bar produce
 * no output bar (gaps stay gaps: nothing is invented). A bucket's bar is only final once the bucket has
 * ended: a strategy that reads an unfinished daily bar at 15:00 sees a "close" that is really the 15:00 price.
 * The first bucket may also cover only part of its span when the source starts mid-bucket; it still
 * aggregates exactly the bars there are.
 *
 * One pass over the source columns into a scratch buffer, then one copy into exact-size columns: no object
 * per bar. Refuses a target finer than the source; the same timeframe re-buckets (identity on aligned data).
 */
export function resample(series: BarSeries, target: Timeframe, options: ResampleOptions = {}): BarSeries {
  const sourceWidth = timeframeMs(series.timeframe);
  if (timeframeMs(target) < sourceWidth) {
    throw new InvalidInputError(
      `target timeframe ${quote(target)} must not be finer than the source timeframe ${quote(series.timeframe)} of ${quote(series.symbol)}`,
    );
  }
  const n = series.length;
  const { ts, open, high, low, close, volume } = series;
  const scratch = new Float64Array(n * 6);
  const outTs = scratch.subarray(0, n);
  const outOpen = scratch.subarray(n, 2 * n);
  const outHigh = scratch.subarray(2 * n, 3 * n);
  const outLow = scratch.subarray(3 * n, 4 * n);
  const outClose = scratch.subarray(4 * n, 5 * n);
  const outVolume = scratch.subarray(5 * n, 6 * n);

  let m = -1; // index of the output bar being filled
  let currentBucket = Number.NaN;
  let previousTs = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = ts[i] as number;
    if (!(t > previousTs)) {
      throw new InvalidInputError(
        `bar ${i} of ${quote(series.symbol)} has ts ${quote(t)}, which must be greater than the previous ts ${quote(previousTs)}`,
      );
    }
    previousTs = t;
    const bucket = bucketStart(t, target);
    if (bucket !== currentBucket) {
      m++;
      currentBucket = bucket;
      outTs[m] = bucket;
      outOpen[m] = open[i] as number;
      outHigh[m] = high[i] as number;
      outLow[m] = low[i] as number;
      outClose[m] = close[i] as number;
      outVolume[m] = volume[i] as number;
    } else {
      const h = high[i] as number;
      const l = low[i] as number;
      if (h > (outHigh[m] as number)) outHigh[m] = h;
      if (l < (outLow[m] as number)) outLow[m] = l;
      outClose[m] = close[i] as number;
      outVolume[m] = (outVolume[m] as number) + (volume[i] as number);
    }
  }

  let count = m + 1;
  if (count > 0 && options.dropPartial === true && !isLastBucketComplete(series, target, options.asOf))
    count--;
  const result = BarSeries.allocate(series.symbol, target, count);
  result.ts.set(outTs.subarray(0, count));
  result.open.set(outOpen.subarray(0, count));
  result.high.set(outHigh.subarray(0, count));
  result.low.set(outLow.subarray(0, count));
  result.close.set(outClose.subarray(0, count));
  result.volume.set(outVolume.subarray(0, count));
  return result;
}

/**
 * Whether the bucket of `target` that holds the last source bar has ended by `asOf`: bucket end <= asOf.
 * `asOf` defaults to the end of the last source bar (lastTs + source width), i.e. "the data says so".
 * An empty series has no last bucket and counts as complete.
 */
export function isLastBucketComplete(series: BarSeries, target: Timeframe, asOf?: number): boolean {
  if (series.length === 0) return true;
  const known = asOf ?? series.lastTs + timeframeMs(series.timeframe);
  if (Number.isNaN(known)) throw new InvalidInputError(`asOf ${quote(asOf)} must be a number of epoch ms`);
  return bucketEnd(series.lastTs, target) <= known;
}

/** End (exclusive) of the bucket of `timeframe` that contains `ts`. Weekly buckets are 7 days wide too. */
export function bucketEnd(ts: number, timeframe: Timeframe): number {
  return bucketStart(ts, timeframe) + timeframeMs(timeframe);
}

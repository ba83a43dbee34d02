import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn, realParameter } from './indicator-support.js';

const DAY_MS = 86_400_000;

/** Session anchoring of `vwap`: a session is [k * sessionLengthMs + sessionOffsetMs, (k + 1) * ... ) in epoch ms. */
export interface VwapOptions {
  /** Session start within the session length, in ms after 00:00 UTC (default 0: sessions start at midnight UTC). */
  readonly sessionOffsetMs?: number;
  /** Session length in ms (default 86,400,000: one UTC day). */
  readonly sessionLengthMs?: number;
}

/**
 * Session-anchored volume-weighted average price: within a session,
 * vwap[t] = sum(tp_j * volume_j) / sum(volume_j) over the session's bars j <= t, tp = (high + low + close) / 3.
 * The sums restart at the first bar of each session. Sessions are fixed windows of epoch time (`VwapOptions`):
 * by default each UTC day; e.g. for a 24-hour futures session opening 17:00 US Central (22:00 or 23:00 UTC)
 * pass sessionOffsetMs = 22 * 3600_000 (fixed offsets do not follow daylight saving). A bar belongs to the
 * session containing its timestamp (BarSeries `ts`, bar open time). Without timestamps the whole input is one
 * session (the cumulative VWAP of technicalindicators / trading-signals).
 *
 * No warm-up, but NaN while the session's volume is still 0 (VWAP undefined). Plain cumulative sums (no
 * subtraction, so no cancellation). TA-Lib has no VWAP. A NaN input makes the rest of its session NaN;
 * timestamps must be finite.
 */
export function vwap(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  timestamps?: Float64Array,
  options: VwapOptions = {},
  out?: Float64Array,
): Float64Array {
  const { offset, length } = sessionParameters(options);
  const n =
    timestamps === undefined
      ? commonLength('vwap', high, low, close, volume)
      : commonLength('vwap', high, low, close, volume, timestamps);
  const result = outputColumn(n, out);
  let session = Number.NaN;
  let priceVolume = 0;
  let totalVolume = 0;
  for (let i = 0; i < n; i++) {
    if (timestamps !== undefined) {
      const key = Math.floor((timestamps[i]! - offset) / length);
      if (key !== session) {
        session = key;
        priceVolume = 0;
        totalVolume = 0;
      }
    }
    const barVolume = volume[i]!;
    priceVolume += ((high[i]! + low[i]! + close[i]!) / 3) * barVolume;
    totalVolume += barVolume;
    if (totalVolume !== 0) result[i] = priceVolume / totalVolume;
  }
  return result;
}

/**
 * Streaming twin of `vwap`: the session comes from `bar.tsEvent` (a bar without it continues the current
 * session). O(1) per bar; null while the session's volume is 0.
 */
export class VwapStream implements StreamingIndicator<BarLike, number> {
  private readonly offset: number;
  private readonly length: number;
  private session = Number.NaN;
  private priceVolume = 0;
  private totalVolume = 0;
  private ready = false;

  constructor(options: VwapOptions = {}) {
    const { offset, length } = sessionParameters(options);
    this.offset = offset;
    this.length = length;
  }

  get isReady(): boolean {
    return this.ready;
  }

  update(bar: BarLike): number | null {
    if (bar.tsEvent !== undefined) {
      const key = Math.floor((bar.tsEvent - this.offset) / this.length);
      if (key !== this.session) {
        this.session = key;
        this.priceVolume = 0;
        this.totalVolume = 0;
      }
    }
    this.priceVolume += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    this.totalVolume += bar.volume;
    if (this.totalVolume === 0) return null;
    this.ready = true;
    return this.priceVolume / this.totalVolume;
  }

  reset(): void {
    this.session = Number.NaN;
    this.priceVolume = 0;
    this.totalVolume = 0;
    this.ready = false;
  }
}

function sessionParameters(options: VwapOptions): { offset: number; length: number } {
  const length = integerParameter(
    'vwap',
    'sessionLengthMs',
    options.sessionLengthMs ?? DAY_MS,
    1,
    366 * DAY_MS,
  );
  const offset = realParameter('vwap', 'sessionOffsetMs', options.sessionOffsetMs ?? 0, 0, length);
  return { offset, length };
}

import { AtrStream, atr } from './atr.js';
import { EmaStream, ema } from './ema.js';
import type { BarLike, StreamingIndicator } from './indicator-support.js';
import { commonLength, integerParameter, outputColumn, realParameter } from './indicator-support.js';

/** Batch output of `keltnerChannels` (NaN during warm-up). */
export interface KeltnerChannelsOutput {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/** One streaming output (a reused object: copy it to keep it). */
export interface KeltnerChannelsValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

/**
 * Keltner channels, the common modern definition (Raschke; StockCharts, TradingView and trading-signals use it
 * with the same defaults; TA-Lib has no Keltner function):
 * middle = EMA(close, period), upper / lower = middle +- multiplier * ATR(atrPeriod).
 * Defaults period 20, multiplier 2, atrPeriod 10. The middle line is the EMA of the CLOSE (not of the typical
 * price, which Keltner's 1960 original used with a 10-bar SMA).
 * - EMA: this package's `ema` (TA-Lib seeding: SMA of the first `period` closes).
 * - ATR: this package's `atr` (TA-Lib ATR: true range from bar 1, seeded at bar atrPeriod with the mean of
 *   TR[1..atrPeriod], then Wilder's smoothing).
 * So middle[t] === ema(close, period)[t] and (upper - middle) / multiplier is atr(..., atrPeriod)[t] up to the
 * rounding of the multiplication and the sum.
 * - First valid index = max(period - 1, atrPeriod).
 * technicalindicators' KeltnerChannels has the same definition but a default multiplier of 1; trading-signals
 * seeds its EMA with the first close and its ATR with TR[0] = high - low, so its values converge to these.
 * NaN inputs propagate to every later value (EMA and Wilder recurrences).
 */
export function keltnerChannels(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period = 20,
  multiplier = 2,
  atrPeriod = 10,
  out?: KeltnerChannelsOutput,
): KeltnerChannelsOutput {
  checkParameters(period, multiplier, atrPeriod);
  const n = commonLength('keltnerChannels', high, low, close);
  const middle = ema(close, period, out?.middle);
  // The ATR is written into `upper`, then each row becomes middle + width.
  const upper = atr(high, low, close, atrPeriod, out?.upper);
  const lower = outputColumn(n, out?.lower);
  const first = Math.min(n, Math.max(period - 1, atrPeriod));
  middle.fill(Number.NaN, 0, first);
  upper.fill(Number.NaN, 0, first);
  for (let i = first; i < n; i++) {
    const width = multiplier * upper[i]!;
    upper[i] = middle[i]! + width;
    lower[i] = middle[i]! - width;
  }
  return { upper, middle, lower };
}

/** Streaming twin of `keltnerChannels`: O(1) per bar, same numbers. */
export class KeltnerChannelsStream implements StreamingIndicator<BarLike, KeltnerChannelsValue> {
  private readonly middle: EmaStream;
  private readonly atr: AtrStream;
  private readonly multiplier: number;
  private readonly value = { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };
  private ready = false;

  constructor(period = 20, multiplier = 2, atrPeriod = 10) {
    checkParameters(period, multiplier, atrPeriod);
    this.middle = new EmaStream(period);
    this.atr = new AtrStream(atrPeriod);
    this.multiplier = multiplier;
  }

  get isReady(): boolean {
    return this.ready;
  }

  update(bar: BarLike): KeltnerChannelsValue | null {
    const middle = this.middle.update(bar.close);
    const range = this.atr.update(bar);
    if (middle === null || range === null) return null;
    this.ready = true;
    const width = this.multiplier * range;
    this.value.upper = middle + width;
    this.value.middle = middle;
    this.value.lower = middle - width;
    return this.value;
  }

  reset(): void {
    this.middle.reset();
    this.atr.reset();
    this.ready = false;
  }
}

function checkParameters(period: number, multiplier: number, atrPeriod: number): void {
  integerParameter('keltnerChannels', 'period', period, 1);
  realParameter('keltnerChannels', 'multiplier', multiplier, 0, 1_000);
  integerParameter('keltnerChannels', 'atrPeriod', atrPeriod, 1);
}

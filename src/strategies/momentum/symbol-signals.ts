import { AdxStream } from '../../indicators/adx.js';
import { AtrStream } from '../../indicators/atr.js';
import type { BarLike } from '../../indicators/indicator-support.js';
import { RollingStdStream } from '../../indicators/rolling.js';
import { SmaStream } from '../../indicators/sma.js';
import { RingWindow } from '../../indicators/window-support.js';

export interface SignalPeriods {
  readonly lookback: number;
  readonly skip: number;
  /** 0: no trend filter. */
  readonly trendPeriod: number;
  readonly adxPeriod: number;
  readonly volatilityPeriod: number;
  readonly atrPeriod: number;
}

/**
 * One symbol's momentum inputs, updated in O(1) per bar by streaming indicators and a ring of closes
 * (nothing allocated per bar):
 * - momentum return R = C_{t-S} / C_{t-L} - 1 over lookback L with the latest S bars skipped (12-1 momentum:
 *   L = 252, S = 21, leaving out the last month's short-term reversal);
 * - momentum z = ln(C_{t-S} / C_{t-L}) / (σ √(L - S)), σ the sample standard deviation of the last
 *   `volatilityPeriod` one-bar log returns: how many standard deviations of an (L - S)-bar random walk the move
 *   is (a t-statistic; ±Infinity when σ = 0 and the move is not 0);
 * - trend: the close against its `trendPeriod` SMA; ADX (Wilder, TA-Lib); ATR (Wilder, TA-Lib).
 * `ready` once every input has a value: L + 1 closes, the SMA, ADX (2n - 1 bars), σ and ATR; the momentum
 * getters are meaningful only then.
 */
export class SymbolSignals {
  readonly symbol: string;
  /** Position of the symbol in the strategy's list. */
  readonly index: number;
  /** Bars seen. */
  bars = 0;
  close = Number.NaN;
  sma = Number.NaN;
  adx = Number.NaN;
  atr = Number.NaN;
  /** Per-bar standard deviation of log returns (not annualized). */
  barVolatility = Number.NaN;
  ready = false;
  private readonly periods: SignalPeriods;
  private readonly closes: RingWindow;
  private readonly smaStream: SmaStream | null;
  private readonly adxStream: AdxStream;
  private readonly atrStream: AtrStream;
  private readonly returnStd: RollingStdStream;

  constructor(symbol: string, index: number, periods: SignalPeriods) {
    this.symbol = symbol;
    this.index = index;
    this.periods = periods;
    this.closes = new RingWindow(periods.lookback + 1);
    this.smaStream = periods.trendPeriod > 0 ? new SmaStream(periods.trendPeriod) : null;
    this.adxStream = new AdxStream(periods.adxPeriod);
    this.atrStream = new AtrStream(periods.atrPeriod);
    this.returnStd = new RollingStdStream(periods.volatilityPeriod, 'sample');
  }

  /** Feeds one bar; returns `ready`. */
  update(bar: BarLike): boolean {
    const previous = this.close;
    this.bars++;
    this.close = bar.close;
    this.closes.push(bar.close);
    if (this.smaStream !== null) this.sma = this.smaStream.update(bar.close) ?? Number.NaN;
    const adx = this.adxStream.update(bar);
    this.adx = adx === null ? Number.NaN : adx.adx;
    this.atr = this.atrStream.update(bar) ?? Number.NaN;
    if (this.bars > 1)
      this.barVolatility = this.returnStd.update(Math.log(bar.close / previous)) ?? Number.NaN;
    this.ready =
      this.closes.isFull &&
      (this.smaStream === null || !Number.isNaN(this.sma)) &&
      !Number.isNaN(this.adx) &&
      !Number.isNaN(this.atr) &&
      !Number.isNaN(this.barVolatility);
    return this.ready;
  }

  /** R = C_{t-S} / C_{t-L} - 1. */
  get momentumReturn(): number {
    return this.closes.ago(this.periods.skip) / this.closes.ago(this.periods.lookback) - 1;
  }

  /** z = ln(C_{t-S} / C_{t-L}) / (σ √(L - S)). */
  get momentumZ(): number {
    const move = Math.log(this.closes.ago(this.periods.skip) / this.closes.ago(this.periods.lookback));
    if (move === 0) return 0;
    return move / (this.barVolatility * Math.sqrt(this.periods.lookback - this.periods.skip));
  }

  /** Annualized volatility: σ √(bars a year). */
  annualVolatility(barsPerYear: number): number {
    return this.barVolatility * Math.sqrt(barsPerYear);
  }

  /** Whether the trend filter lets a position of this direction (1 long, -1 short) be held. */
  trendAllows(direction: 1 | -1): boolean {
    if (this.smaStream === null) return true;
    return direction === 1 ? this.close > this.sma : this.close < this.sma;
  }
}

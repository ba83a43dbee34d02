import { BollingerBandsStream } from '../../indicators/bollinger-bands.js';
import { RsiStream } from '../../indicators/rsi.js';
import { SmaStream } from '../../indicators/sma.js';
import { ZScoreStream } from '../../indicators/z-score.js';
import type { MeanReversionConfig } from './config.js';

/** +1: the close is stretched below the mean (buy); −1: stretched above it (sell short); 0: neither. */
export type EntryDirection = -1 | 0 | 1;

/**
 * The entry rule and the mean the strategy exits at, updated once per bar (O(1), streaming indicators):
 * - mean = SMA(period) of the close: every signal reverts to it, and positions exit when the close reaches it.
 * - `z-score`: z = (close − mean) / σ over the last `period` closes (population σ, ZScoreStream);
 *   +1 when z ≤ −entryZ, −1 when z ≥ entryZ.
 * - `bollinger` (`breach`): +1 when the close is below the lower band mean − k·σ (k = `deviations`), −1 above
 *   the upper band. With k = entryZ this fires on the same bars as `z-score` (both use the population σ of
 *   the same window); it exists because users think in bands.
 *   (`reentry`): +1 on the first close back at or above the lower band after a close below it, while still
 *   below the mean (−1 mirrored at the upper band): it waits for the breach to stop extending.
 * - `rsi2`: Connors' RSI(2) rule with Wilder's RSI of `rsiPeriod` bars: +1 when RSI < rsiEntry, −1 when
 *   RSI > 100 − rsiEntry.
 * `direction` is 0 until every indicator the rule needs has warmed up (`isReady`).
 */
export class EntrySignal {
  direction: EntryDirection = 0;
  mean = Number.NaN;
  private readonly sma: SmaStream;
  private readonly zScore: ZScoreStream | null;
  private readonly bands: BollingerBandsStream | null;
  private readonly rsi: RsiStream | null;
  private wasBelow = false;
  private wasAbove = false;

  constructor(private readonly config: MeanReversionConfig) {
    this.sma = new SmaStream(config.period);
    this.zScore = config.signal === 'z-score' ? new ZScoreStream(config.period) : null;
    this.bands =
      config.signal === 'bollinger' ? new BollingerBandsStream(config.period, config.deviations) : null;
    this.rsi = config.signal === 'rsi2' ? new RsiStream(config.rsiPeriod) : null;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.mean) && (this.rsi === null || this.rsi.isReady);
  }

  update(close: number): EntryDirection {
    this.mean = this.sma.update(close) ?? Number.NaN;
    this.direction = this.next(close);
    return this.direction;
  }

  private next(close: number): EntryDirection {
    const config = this.config;
    if (this.zScore !== null) {
      const z = this.zScore.update(close);
      if (z === null) return 0;
      return z <= -config.entryZ ? 1 : z >= config.entryZ ? -1 : 0;
    }
    if (this.bands !== null) {
      const band = this.bands.update(close);
      if (band === null) return 0;
      const below = close < band.lower;
      const above = close > band.upper;
      let direction: EntryDirection;
      if (config.bollingerEntry === 'breach') {
        direction = below ? 1 : above ? -1 : 0;
      } else {
        direction = this.wasBelow && !below && close < band.middle ? 1 : 0;
        if (this.wasAbove && !above && close > band.middle) direction = -1;
      }
      this.wasBelow = below;
      this.wasAbove = above;
      return direction;
    }
    const value = (this.rsi as RsiStream).update(close);
    if (value === null) return 0;
    return value < config.rsiEntry ? 1 : value > 100 - config.rsiEntry ? -1 : 0;
  }
}

import { AdxStream } from '../../indicators/adx.js';
import type { BarLike } from '../../indicators/indicator-support.js';
import { LinearRegressionSlopeStream } from '../../indicators/linear-regression-slope.js';
import type { MeanReversionConfig } from './config.js';

/**
 * Decides whether the market trends too strongly to fade (fading a trend is how mean reversion loses most).
 * - `adx`: Wilder's ADX(adxPeriod) above `adxThreshold` (25 is Wilder's own "trending" line). ADX measures
 *   trend strength whatever its direction.
 * - `slope`: |least-squares slope of the last `slopeWindow` closes| / close × 100 above `slopeThreshold`
 *   (percent of the price per bar; 0.1 ≈ 25% a year on daily bars).
 * - `hurst`: the Hurst exponent of the log closes (estimated with the half-life, see RollingReversionStats)
 *   above `hurstThreshold`: a persistent, trending series.
 * - `none`: never stands aside.
 * While its indicator warms up (or is NaN) the filter counts as trending: no entries until it can judge.
 */
export class RegimeGate {
  private readonly adx: AdxStream | null;
  private readonly slope: LinearRegressionSlopeStream | null;
  private slopeValue = Number.NaN;
  private adxValue = Number.NaN;

  constructor(private readonly config: MeanReversionConfig) {
    this.adx = config.regimeFilter === 'adx' ? new AdxStream(config.adxPeriod) : null;
    this.slope = config.regimeFilter === 'slope' ? new LinearRegressionSlopeStream(config.slopeWindow) : null;
  }

  update(bar: BarLike): void {
    if (this.adx !== null) this.adxValue = this.adx.update(bar)?.adx ?? Number.NaN;
    if (this.slope !== null) {
      const slope = this.slope.update(bar.close);
      this.slopeValue = slope === null ? Number.NaN : (Math.abs(slope) / bar.close) * 100;
    }
  }

  /** True while the market trends too strongly (or the filter cannot tell yet); `hurst` from the rolling stats. */
  trending(hurst: number): boolean {
    switch (this.config.regimeFilter) {
      case 'adx':
        return !(this.adxValue <= this.config.adxThreshold);
      case 'slope':
        return !(this.slopeValue <= this.config.slopeThreshold);
      case 'hurst':
        return !(hurst <= this.config.hurstThreshold);
      case 'none':
        return false;
    }
  }
}

import { RollingCovarianceStream } from '../../indicators/rolling-covariance.js';
import { ZScoreStream } from '../../indicators/z-score.js';
import type { PairsConfig } from './config.js';
import { KalmanHedgeStream } from './kalman-hedge-stream.js';

/**
 * Tracks the hedge ratio β of a pair (y on x, in the configured price transform) and the z-score of its spread,
 * one observation per bar, O(1) and allocation-free.
 */
export interface SpreadModel {
  /** Observes y_t and x_t; returns the spread z-score, or null while warming up. */
  update(y: number, x: number): number | null;
  /** Latest β (NaN while warming up). */
  readonly hedgeRatio: number;
  /**
   * Takes the residual variance and the mean of x of a re-test window (the same regression as at formation), for
   * models whose noise is calibrated on it; the others ignore it.
   */
  recalibrate(residualVariance: number, meanX: number): void;
}

/**
 * `rolling-ols`: β_t = OLS slope of y on x over the last `hedgeWindow` bars (RollingCovarianceStream: Sxy / Sxx),
 * spread s_t = y_t − β_t x_t, z_t = (s_t − mean) / σ of s over the last `zWindow` bars (population σ,
 * ZScoreStream). The intercept is absorbed by the rolling mean. First z after hedgeWindow + zWindow − 1 bars.
 */
class RollingOlsSpread implements SpreadModel {
  hedgeRatio = Number.NaN;
  private readonly covariance: RollingCovarianceStream;
  private readonly zScore: ZScoreStream;

  constructor(hedgeWindow: number, zWindow: number) {
    this.covariance = new RollingCovarianceStream(hedgeWindow);
    this.zScore = new ZScoreStream(zWindow);
  }

  update(y: number, x: number): number | null {
    const statistics = this.covariance.update(x, y);
    if (statistics === null) return null;
    this.hedgeRatio = statistics.beta;
    return this.zScore.update(y - this.hedgeRatio * x);
  }

  recalibrate(): void {}
}

/**
 * `kalman`: KalmanHedgeStream with the observation variance V set to the residual variance of the formation
 * regression, and a state drift scaled to the data so that δ (`kalmanDelta`) means the same on prices and on
 * log prices: with q = δ / (1 − δ), W_α = q·V and W_β = q·V / x̄² (x̄ the mean of x over the formation window),
 * i.e. each step's drift of α and of β·x̄ has variance q times the observation noise. (Chan's δ/(1 − δ)·I is
 * tuned to one price scale.) The spread z-score is e_t / √Q_t, the filter's one-step forecast error in its own
 * standard deviations. Starting from a vague prior (β = α = 0, standard deviations 10·|ȳ|/|x̄| and 10·|ȳ|), the
 * filter runs over the formation window, so by the formation bar its state is close to the least-squares fit.
 * Each re-test recalibrates V (and W with it) on the re-test window, so one unlucky formation sample does not
 * scale every later z-score.
 */
class KalmanSpread implements SpreadModel {
  private readonly filter: KalmanHedgeStream;
  private readonly drift: number;

  constructor(delta: number, observationVariance: number, meanY: number, meanX: number) {
    this.drift = delta / (1 - delta);
    const scale = xScale(meanX);
    const level = Math.max(Math.abs(meanY), Math.sqrt(observationVariance));
    this.filter = new KalmanHedgeStream({
      betaDrift: (this.drift * observationVariance) / (scale * scale),
      alphaDrift: this.drift * observationVariance,
      observationVariance,
      initialBetaVariance: ((10 * level) / scale) ** 2,
      initialAlphaVariance: (10 * level) ** 2,
    });
  }

  get hedgeRatio(): number {
    return this.filter.beta;
  }

  update(y: number, x: number): number | null {
    return this.filter.update(y, x);
  }

  /** V and W from the re-test window: V = its residual variance, drifts scaled as at formation. */
  recalibrate(residualVariance: number, meanX: number): void {
    if (!(residualVariance > 0)) return;
    const scale = xScale(meanX);
    this.filter.retune(
      (this.drift * residualVariance) / (scale * scale),
      this.drift * residualVariance,
      residualVariance,
    );
  }
}

function xScale(meanX: number): number {
  return Math.abs(meanX) > 0 ? Math.abs(meanX) : 1;
}

/**
 * Builds the configured model for a newly selected pair and warms it on the formation window (y and x in the
 * price transform, oldest first, the current bar last); returns it with the z-score of the current bar.
 * `residualVariance` is that of the formation (Engle-Granger) regression.
 */
export function warmSpreadModel(
  config: PairsConfig,
  y: Float64Array,
  x: Float64Array,
  residualVariance: number,
): { readonly model: SpreadModel; readonly zScore: number | null } {
  const n = y.length;
  let model: SpreadModel;
  let start: number;
  if (config.hedgeMethod === 'rolling-ols') {
    model = new RollingOlsSpread(config.hedgeWindow, config.zWindow);
    start = Math.max(0, n - (config.hedgeWindow + config.zWindow - 1));
  } else {
    let sumY = 0;
    let sumX = 0;
    for (let i = 0; i < n; i++) {
      sumY += y[i] as number;
      sumX += x[i] as number;
    }
    const variance = residualVariance > 0 ? residualVariance : Number.MIN_VALUE;
    model = new KalmanSpread(config.kalmanDelta, variance, sumY / n, sumX / n);
    start = 0;
  }
  let zScore: number | null = null;
  for (let i = start; i < n; i++) zScore = model.update(y[i] as number, x[i] as number);
  return { model, zScore };
}

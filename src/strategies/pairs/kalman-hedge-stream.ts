import { InvalidInputError, quote } from '../../core/errors.js';

export interface KalmanHedgeStreamOptions {
  /** Random-walk variance per step of β and of α (the diagonal of W). */
  readonly betaDrift: number;
  readonly alphaDrift: number;
  /** Observation noise variance V. */
  readonly observationVariance: number;
  /** Prior mean and variance of β₀ and α₀ (prior covariance diagonal). */
  readonly initialBeta?: number;
  readonly initialAlpha?: number;
  readonly initialBetaVariance: number;
  readonly initialAlphaVariance: number;
}

/**
 * Streaming twin of src/stats/kalman-hedge-ratio.ts (same model, same order of operations), with a diagonal
 * state noise W = diag(betaDrift, alphaDrift) and a diagonal prior instead of δ/(1 − δ)·I and one prior
 * variance, so the drift of β can be scaled to the price level (see SpreadModel). With betaDrift = alphaDrift
 * = δ/(1 − δ) and equal prior variances it reproduces `kalmanHedgeRatio` bit for bit.
 *   y_t = α_t + β_t x_t + ε_t, ε ~ N(0, V);  (β, α)_t = (β, α)_{t−1} + w_t, w ~ N(0, W)
 *   predict  P ← P + W (not before the first observation);  e = y − (β x + α),  Q = F P Fᵀ + V
 *   update   K = P Fᵀ / Q,  (β, α) += K e,  P ← P − K F P
 * `update` returns e / √Q, the one-step forecast error in its own standard deviations: a spread z-score that
 * uses only data before t for its prediction. O(1), no allocation.
 */
export class KalmanHedgeStream {
  beta: number;
  alpha: number;
  /** The latest forecast error e_t and its variance Q_t. */
  error = Number.NaN;
  errorVariance = Number.NaN;
  private betaDrift: number;
  private alphaDrift: number;
  private observationVariance: number;
  private pbb: number;
  private pba = 0;
  private paa: number;
  private started = false;

  constructor(options: KalmanHedgeStreamOptions) {
    for (const [name, value] of Object.entries(options)) {
      const mustBePositive = name !== 'initialBeta' && name !== 'initialAlpha';
      if (!Number.isFinite(value) || (mustBePositive && !(value >= 0))) {
        throw new InvalidInputError(`Kalman ${name} ${quote(value)} must be a finite number >= 0`);
      }
    }
    if (!(options.observationVariance > 0)) {
      throw new InvalidInputError(
        `Kalman observationVariance ${quote(options.observationVariance)} must be > 0`,
      );
    }
    this.betaDrift = options.betaDrift;
    this.alphaDrift = options.alphaDrift;
    this.observationVariance = options.observationVariance;
    this.beta = options.initialBeta ?? 0;
    this.alpha = options.initialAlpha ?? 0;
    this.pbb = options.initialBetaVariance;
    this.paa = options.initialAlphaVariance;
  }

  /** Sets new noise variances (W's diagonal and V) from the next step on; the state and P are kept. */
  retune(betaDrift: number, alphaDrift: number, observationVariance: number): void {
    if (!(
      betaDrift >= 0 &&
      alphaDrift >= 0 &&
      observationVariance > 0 &&
      Number.isFinite(observationVariance)
    )) {
      throw new InvalidInputError(
        `Kalman noise ${quote(`${betaDrift}, ${alphaDrift}, ${observationVariance}`)} must be finite, drifts >= 0, V > 0`,
      );
    }
    this.betaDrift = betaDrift;
    this.alphaDrift = alphaDrift;
    this.observationVariance = observationVariance;
  }

  /** Observes (x_t, y_t); returns e_t / √Q_t. */
  update(y: number, x: number): number {
    if (this.started) {
      this.pbb += this.betaDrift;
      this.paa += this.alphaDrift;
    }
    this.started = true;
    const e = y - (this.beta * x + this.alpha);
    const gainB = this.pbb * x + this.pba; // P Fᵀ
    const gainA = this.pba * x + this.paa;
    const q = gainB * x + gainA + this.observationVariance; // F P Fᵀ + V
    this.beta += (gainB / q) * e;
    this.alpha += (gainA / q) * e;
    this.pbb -= (gainB * gainB) / q;
    this.pba -= (gainB * gainA) / q;
    this.paa -= (gainA * gainA) / q;
    this.error = e;
    this.errorVariance = q;
    return e / Math.sqrt(q);
  }
}

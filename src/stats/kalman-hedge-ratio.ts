import { InvalidInputError, quote } from '../core/errors.js';

export interface KalmanHedgeRatioOptions {
  /**
   * δ in (0, 1): the state (α, β) follows a random walk with covariance W = δ/(1 − δ) · I per step (Chan,
   * "Algorithmic Trading", 2013). Larger δ tracks changes faster and noisier. Default 1e-4.
   */
  readonly delta?: number;
  /** Observation noise variance V of ε_t. Default 1e-3. */
  readonly observationVariance?: number;
  /** Prior mean of α₀ and β₀. Default 0 and 0. */
  readonly initialAlpha?: number;
  readonly initialBeta?: number;
  /** Prior variance of α₀ and of β₀ (prior covariance: this times I). Default 1. */
  readonly initialStateVariance?: number;
}

export interface KalmanHedgeRatioResult {
  /** Filtered α_t and β_t: the estimates after observing (x_t, y_t). */
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  /** One-step forecast error e_t = y_t − (α_{t|t−1} + β_{t|t−1} x_t): the spread, using only data before t. */
  readonly spread: Float64Array;
  /** Its variance Q_t = F_t P_{t|t−1} F_tᵀ + V, so e_t / √Q_t is a z-score of the spread. */
  readonly spreadVariance: Float64Array;
}

/**
 * Dynamic hedge ratio by a Kalman filter: y_t = α_t + β_t x_t + ε_t, ε_t ~ N(0, V), with the state
 * θ_t = (β_t, α_t) a random walk θ_t = θ_{t−1} + w_t, w_t ~ N(0, W), W = δ/(1 − δ) I. With F_t = (x_t, 1):
 *   predict  θ_{t|t−1} = θ_{t−1},  P_{t|t−1} = P_{t−1} + W   (at t = 0: the prior, without W)
 *   update   e_t = y_t − F_t θ_{t|t−1},  Q_t = F_t P_{t|t−1} F_tᵀ + V,  K_t = P_{t|t−1} F_tᵀ / Q_t,
 *            θ_t = θ_{t|t−1} + K_t e_t,  P_t = P_{t|t−1} − K_t F_t P_{t|t−1}
 * Unlike Chan's listing (which starts from P = 0 and so ignores the first observation), the first observation
 * updates a proper prior (`initialStateVariance`). Where x_t or y_t is NaN the filter only predicts: α, β carry
 * over, P grows by W, and spread and spreadVariance are NaN. O(1) per step, 2×2 algebra written out.
 */
export function kalmanHedgeRatio(
  y: Float64Array,
  x: Float64Array,
  options: KalmanHedgeRatioOptions = {},
): KalmanHedgeRatioResult {
  const delta = options.delta ?? 1e-4;
  const observationVariance = options.observationVariance ?? 1e-3;
  const priorVariance = options.initialStateVariance ?? 1;
  if (!(delta > 0 && delta < 1))
    throw new InvalidInputError(`Kalman delta ${quote(delta)} must be in (0, 1)`);
  if (!(observationVariance > 0 && Number.isFinite(observationVariance))) {
    throw new InvalidInputError(
      `Kalman observation variance ${quote(observationVariance)} must be a finite number > 0`,
    );
  }
  if (!(priorVariance > 0 && Number.isFinite(priorVariance))) {
    throw new InvalidInputError(
      `Kalman initial state variance ${quote(priorVariance)} must be a finite number > 0`,
    );
  }
  if (y.length !== x.length)
    throw new InvalidInputError(`y has ${quote(y.length)} values; expected ${x.length}, like x`);

  const n = y.length;
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n);
  const spread = new Float64Array(n);
  const spreadVariance = new Float64Array(n);
  const w = delta / (1 - delta);
  let b = options.initialBeta ?? 0;
  let a = options.initialAlpha ?? 0;
  // P = [[pbb, pba], [pba, paa]] for the state (β, α)
  let pbb = priorVariance;
  let pba = 0;
  let paa = priorVariance;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      pbb += w;
      paa += w;
    }
    const xt = x[t] as number;
    const yt = y[t] as number;
    if (Number.isNaN(xt) || Number.isNaN(yt)) {
      spread[t] = Number.NaN;
      spreadVariance[t] = Number.NaN;
    } else {
      const e = yt - (b * xt + a);
      const gainB = pbb * xt + pba; // P Fᵀ
      const gainA = pba * xt + paa;
      const q = gainB * xt + gainA + observationVariance; // F P Fᵀ + V
      b += (gainB / q) * e;
      a += (gainA / q) * e;
      pbb -= (gainB * gainB) / q;
      pba -= (gainB * gainA) / q;
      paa -= (gainA * gainA) / q;
      spread[t] = e;
      spreadVariance[t] = q;
    }
    alpha[t] = a;
    beta[t] = b;
  }
  return { alpha, beta, spread, spreadVariance };
}

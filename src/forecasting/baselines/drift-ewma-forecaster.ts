import { InvalidInputError, quote } from '../../core/errors.js';
import type { Forecast, Forecaster } from '../../model/forecast.types.js';
import { normalQuantile } from './normal-quantile.js';

export interface DriftEwmaOptions {
  /** EWMA decay λ in (0, 1); RiskMetrics' daily value 0.94 by default (about a 16-bar memory: 1 / (1 - λ)). */
  readonly decay?: number;
  /** Probability of the central interval, in (0, 1); 0.95 by default. */
  readonly confidenceLevel?: number;
}

/**
 * Baseline forecaster: random walk with drift in log price, volatility by exponentially weighted moving
 * average (RiskMetrics), the benchmark a learned model has to beat. From the closes P_0 .. P_m given:
 * - log returns r_k = ln(P_k / P_{k-1}), k = 1 .. m;
 * - drift μ = (ln P_m - ln P_0) / m, the mean log return over the whole history;
 * - variance σ² by the RiskMetrics recursion on zero-mean returns: σ²_1 = r_1², σ²_k = λ σ²_{k-1} + (1 - λ) r_k²;
 *   σ = sqrt(σ²_m) is the one-bar volatility, assumed flat over the horizon (RiskMetrics' square-root-of-time
 *   rule);
 * - ln P_{m+h} ~ N(ln P_m + h μ, h σ²), so with z = Φ⁻¹((1 + c) / 2) for confidence level c:
 *   mean = P_m · exp(h μ + h σ² / 2) (the log-normal mean), lower = P_m · exp(h μ - z σ √h),
 *   upper = P_m · exp(h μ + z σ √h).
 * Pure and deterministic: O(m) in the history given, which it neither keeps nor modifies. Needs at least two
 * closes, all finite and > 0, and a whole horizon >= 1.
 */
export class DriftEwmaForecaster implements Forecaster {
  readonly name = 'drift-ewma';
  readonly decay: number;
  readonly confidenceLevel: number;
  private readonly criticalValue: number;

  constructor(options: DriftEwmaOptions = {}) {
    const decay = options.decay ?? 0.94;
    const confidenceLevel = options.confidenceLevel ?? 0.95;
    if (!(decay > 0 && decay < 1)) throw new InvalidInputError(`decay ${quote(decay)} must be in (0, 1)`);
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new InvalidInputError(`confidenceLevel ${quote(confidenceLevel)} must be in (0, 1)`);
    }
    this.decay = decay;
    this.confidenceLevel = confidenceLevel;
    this.criticalValue = normalQuantile((1 + confidenceLevel) / 2);
  }

  forecast(history: Float64Array, horizon: number): Forecast {
    if (!Number.isInteger(horizon) || horizon < 1) {
      throw new InvalidInputError(`horizon ${quote(horizon)} must be a whole number of bars >= 1`);
    }
    const m = history.length - 1;
    if (m < 1) throw new InvalidInputError(`history of ${quote(history.length)} closes must hold at least 2`);
    const first = history[0] as number;
    if (!(first > 0 && Number.isFinite(first))) throw badClose(0, first);
    const decay = this.decay;
    let previous = first;
    let variance = 0;
    for (let k = 1; k <= m; k++) {
      const close = history[k] as number;
      if (!(close > 0 && Number.isFinite(close))) throw badClose(k, close);
      const r = Math.log(close / previous);
      variance = k === 1 ? r * r : decay * variance + (1 - decay) * r * r;
      previous = close;
    }
    const drift = Math.log(previous / first) / m;
    const center = horizon * drift;
    const spread = this.criticalValue * Math.sqrt(variance * horizon);
    return {
      mean: previous * Math.exp(center + (horizon * variance) / 2),
      lower: previous * Math.exp(center - spread),
      upper: previous * Math.exp(center + spread),
      horizon,
      confidenceLevel: this.confidenceLevel,
    };
  }
}

function badClose(index: number, value: number): InvalidInputError {
  return new InvalidInputError(`history close ${quote(value)} at index ${index} must be a finite number > 0`);
}

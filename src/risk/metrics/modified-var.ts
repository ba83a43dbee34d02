import { tailProbability } from './confidence.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';
import type { ReturnSample } from './return-sample.js';

/**
 * Modified (Cornish-Fisher) VaR and ES, PerformanceAnalytics VaR.CornishFisher and operES.CornishFisher (what
 * VaR(method = "modified") and ES(method = "modified") call; Favre & Galeano 2002, Boudt, Peterson & Croux
 * 2008), in return terms (losses negative). With α = 1 − confidence, z = Φ⁻¹(α), S the skewness and K the
 * excess kurtosis (g₁, g₂ from population moments, see ReturnSample) and σ = √m₂:
 * - Cornish-Fisher quantile h = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36
 * - VaR = r̄ + h·σ
 * - ES: E = φ(h)·[1 + h³S/6 + (h⁶ − 9h⁴ + 9h² + 3)S²/72 + (h⁴ − 2h² − 1)K/24], the tail expectation
 *   −∫_{−∞}^{h} x f(x) dx of the Edgeworth density f = φ·[1 + S·He₃/6 + K·He₄/24 + S²·He₆/72] (integrate
 *   x·Heₙ(x)φ(x) with x·Heₙ = Heₙ₊₁ + n·Heₙ₋₁); ES = r̄ + σ·min(−E/α, h). The min is the "operational" guard
 *   PerformanceAnalytics applies by default (operational = TRUE): the expansion can put ES above VaR for
 *   extreme S and K, and then ES is set to VaR.
 * Caveat: h is not monotone in z for large |S| or K, so the modified VaR can fail to grow with confidence for
 * such samples; this is a property of the Cornish-Fisher expansion, reproduced faithfully.
 */
export function cornishFisherQuantile(z: number, skewness: number, excessKurtosis: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  return (
    z +
    ((z2 - 1) * skewness) / 6 +
    ((z3 - 3 * z) * excessKurtosis) / 24 -
    ((2 * z3 - 5 * z) * skewness * skewness) / 36
  );
}

export function modifiedVar(sample: ReturnSample, confidence: number): number {
  const z = normalQuantile(tailProbability(confidence));
  const h = cornishFisherQuantile(z, sample.skewness, sample.excessKurtosis);
  return sample.mean + h * Math.sqrt(sample.variance);
}

export function modifiedEs(sample: ReturnSample, confidence: number): number {
  const alpha = tailProbability(confidence);
  const z = normalQuantile(alpha);
  const s = sample.skewness;
  const k = sample.excessKurtosis;
  const h = cornishFisherQuantile(z, s, k);
  const h2 = h * h;
  const h4 = h2 * h2;
  const tail =
    normalDensity(h) *
    (1 + (h2 * h * s) / 6 + ((h4 * h2 - 9 * h4 + 9 * h2 + 3) * s * s) / 72 + ((h4 - 2 * h2 - 1) * k) / 24);
  return sample.mean + Math.sqrt(sample.variance) * Math.min(-tail / alpha, h);
}

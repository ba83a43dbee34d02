import { InvalidInputError, quote } from '../../core/errors.js';
import { normalCdf } from '../../stats/normal-distribution.js';

// Peter J. Acklam's rational approximations of the inverse normal CDF (relative error below 1.15e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

function horner(x: number, coefficients: readonly number[]): number {
  let y = 0;
  for (const c of coefficients) y = y * x + c;
  return y;
}

/**
 * Φ⁻¹(p), the standard normal quantile: the z with P(Z ≤ z) = p. Acklam's algorithm (a central rational
 * approximation for p in [0.02425, 0.5], a tail approximation in q = sqrt(-2 ln p) below), then one Halley
 * step against the Cephes-accurate `normalCdf`: e = Φ(x) - p, u = e·√(2π)·exp(x²/2), x ← x - u / (1 + x·u / 2),
 * which takes the 1e-9 approximation to about machine precision. Upper half by symmetry, Φ⁻¹(p) = -Φ⁻¹(1 - p)
 * (1 - p is exact for p ≥ 0.5, and Φ is accurate in the lower tail where the Halley residual is small).
 * p must be in (0, 1); Φ⁻¹(0.975) = 1.959963984540054 (the 95% two-sided critical value).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new InvalidInputError(`probability ${quote(p)} must be in (0, 1)`);
  return p > 0.5 ? -lowerHalfQuantile(1 - p) : lowerHalfQuantile(p);
}

/** Φ⁻¹(p) for p in (0, 0.5]. */
function lowerHalfQuantile(p: number): number {
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = horner(q, C) / (horner(q, D) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(r, A) * q) / (horner(r, B) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_TWO_PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

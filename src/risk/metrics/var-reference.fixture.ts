/**
 * Reference sample for the VaR/ES tests: 40 returns drawn once with numpy (default_rng(7), Student-t with 4
 * degrees of freedom × 0.012 + 0.0004, rounded to 6 decimals), so skewed (S ≈ −1.07) and fat-tailed (K ≈ 2.34).
 * The expected values were computed in Python, independently of this code, with numpy 2.4 / scipy 1.17 and
 * PerformanceAnalytics' definitions written out there:
 * - historical: q = np.quantile(r, 1 − p) (method "linear" = R type 7); ES = r[r < q].mean()
 * - gaussian: m = r.mean(), sd = r.std(ddof=0) (centeredmoment), z = norm.ppf(1 − p); VaR = m + z·sd;
 *   ES = m − sd·norm.pdf(z)/(1 − p)
 * - modified: S = scipy.stats.skew(r, bias=True), K = scipy.stats.kurtosis(r, fisher=True, bias=True),
 *   h = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36, VaR = m + h·sd,
 *   E = norm.pdf(h)(1 + h³S/6 + (h⁶ − 9h⁴ + 9h² + 3)S²/72 + (h⁴ − 2h² − 1)K/24), ES = m + sd·min(−E/(1 − p), h)
 */
export const REFERENCE_RETURNS = Float64Array.from([
  0.000414, -0.013719, 0.000906, -0.006422, 0.002492, 0.017724, -0.045475, -0.005201, 0.002619, -0.006816,
  -0.024106, -0.006995, 8.6e-5, -0.001008, -0.01524, -0.014658, -0.004115, -0.014921, -0.001545, 0.005861,
  0.003633, -0.019499, 0.008411, -0.007886, -0.005925, 0.010745, -0.0016, -0.003103, -0.003913, -0.003529,
  0.00015, 0.01426, -0.014522, -0.029851, 0.001486, -0.00719, -0.002117, 0.011288, 0.001147, -0.00766,
]);

export const REFERENCE_SKEWNESS = -1.0730061652224951;
export const REFERENCE_EXCESS_KURTOSIS = 2.344164652395616;

export const REFERENCE_VALUES = {
  '0.95': {
    historicalVar: -0.024393249999999988,
    historicalEs: -0.037663,
    gaussianVar: -0.023859781261972794,
    gaussianEs: -0.02874114900193876,
    modifiedVar: -0.02661760227777115,
    modifiedEs: -0.03782476748470133,
  },
  '0.99': {
    historicalVar: -0.039381639999999996,
    historicalEs: -0.045475,
    gaussianVar: -0.03182089397053751,
    gaussianEs: -0.035779479369600416,
    modifiedVar: -0.04237826792920442,
    modifiedEs: -0.05411873724809298,
  },
} as const;

/**
 * Hand-worked sample r = [−0.02, −0.01, 0, 0.01, 0.02]: mean 0; m₂ = (4 + 1 + 0 + 1 + 4)·10⁻⁴/5 = 2·10⁻⁴, so
 * σ = √(2·10⁻⁴) = 0.01414213562373095; skewness 0 (symmetric); m₄ = (16 + 1 + 0 + 1 + 16)·10⁻⁸/5 = 6.8·10⁻⁸,
 * so K = 6.8·10⁻⁸/(2·10⁻⁴)² − 3 = 1.7 − 3 = −1.3.
 */
export const HAND_WORKED_RETURNS = Float64Array.from([0.01, -0.02, 0.02, 0, -0.01]);

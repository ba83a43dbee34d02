/**
 * A cheap first pass over candidate pairs: the Engle-Granger τ with a fixed number of ADF lags, computed from
 * sums (normal equations) instead of the QR factorisations of src/stats/engle-granger.ts. It is the same
 * statistic (the two agree to rounding, see the test), about ten times cheaper and allocation-free, so a
 * formation over a universe runs the full test only on the few candidates the screen lets through.
 *
 * 1. OLS of y on x with a constant: β = Sxy / Sxx, α = ȳ − β x̄ (centred sums); residuals e_t = y_t − α − β x_t.
 * 2. With d_t = e_t − e_{t−1} and p lags, the ADF regression without deterministic terms (as statsmodels'
 *    `coint` runs it): d_j = γ e_j + Σ_{i=1..p} φ_i d_{j−i} for j = p … n − 2 (d_j = e_{j+1} − e_j), so
 *    nobs = n − 1 − p; normal equations G b = c with G = XᵀX, c = Xᵀd; SSR = dᵀd − bᵀc;
 *    τ = γ̂ / √(SSR / (nobs − (p + 1)) · (G⁻¹)₀₀).
 * Returns NaN when the regression is degenerate (flat x, or a singular G).
 */
export class CointegrationScreen {
  private readonly residuals: Float64Array;
  private readonly differences: Float64Array;
  private readonly gram: Float64Array;
  private readonly cross: Float64Array;
  private readonly column: Float64Array;
  private readonly k: number;

  constructor(
    window: number,
    private readonly lags: number,
  ) {
    this.k = lags + 1;
    this.residuals = new Float64Array(window);
    this.differences = new Float64Array(window);
    this.gram = new Float64Array(this.k * this.k);
    this.cross = new Float64Array(this.k);
    this.column = new Float64Array(this.k);
  }

  /** τ of the Engle-Granger test of y on x (both as long as the window). */
  tau(y: Float64Array, x: Float64Array): number {
    const n = y.length;
    const e = this.residuals;
    const d = this.differences;
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < n; i++) {
      meanX += x[i] as number;
      meanY += y[i] as number;
    }
    meanX /= n;
    meanY /= n;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const dx = (x[i] as number) - meanX;
      sxx += dx * dx;
      sxy += dx * ((y[i] as number) - meanY);
    }
    if (!(sxx > 0)) return Number.NaN;
    const beta = sxy / sxx;
    for (let i = 0; i < n; i++) e[i] = (y[i] as number) - meanY - beta * ((x[i] as number) - meanX);
    for (let j = 0; j + 1 < n; j++) d[j] = (e[j + 1] as number) - (e[j] as number);
    return this.adfTau(n);
  }

  private adfTau(n: number): number {
    const { k, lags, gram, cross } = this;
    const e = this.residuals;
    const d = this.differences;
    gram.fill(0);
    cross.fill(0);
    let dd = 0;
    const nobs = n - 1 - lags;
    for (let j = lags; j <= n - 2; j++) {
      const target = d[j] as number;
      dd += target * target;
      for (let a = 0; a < k; a++) {
        const xa = a === 0 ? (e[j] as number) : (d[j - a] as number);
        cross[a] = (cross[a] as number) + xa * target;
        for (let b = 0; b <= a; b++) {
          const xb = b === 0 ? (e[j] as number) : (d[j - b] as number);
          gram[a * k + b] = (gram[a * k + b] as number) + xa * xb;
        }
      }
    }
    if (!choleskyInPlace(gram, k)) return Number.NaN;
    // Solve L Lᵀ b = c (b replaces c); the fitted sum of squares bᵀc = bᵀ G b = |Lᵀ b|².
    solveInPlace(gram, k, cross);
    const fitted = quadraticForm(gram, k, cross);
    const ssr = dd - fitted;
    if (!(ssr > 0)) return Number.NaN;
    const inverse00 = inverseFirstDiagonal(gram, k, this.column);
    return (cross[0] as number) / Math.sqrt((ssr / (nobs - k)) * inverse00);
  }
}

/** Lower Cholesky factor of the symmetric matrix (lower triangle given) in place; false if not positive definite. */
function choleskyInPlace(m: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let diagonal = m[j * k + j] as number;
    for (let p = 0; p < j; p++) diagonal -= (m[j * k + p] as number) ** 2;
    if (!(diagonal > 0)) return false;
    const root = Math.sqrt(diagonal);
    m[j * k + j] = root;
    for (let i = j + 1; i < k; i++) {
      let value = m[i * k + j] as number;
      for (let p = 0; p < j; p++) value -= (m[i * k + p] as number) * (m[j * k + p] as number);
      m[i * k + j] = value / root;
    }
  }
  return true;
}

/** Solves L Lᵀ b = c in place (c becomes b). */
function solveInPlace(l: Float64Array, k: number, c: Float64Array): void {
  for (let i = 0; i < k; i++) {
    let value = c[i] as number;
    for (let p = 0; p < i; p++) value -= (l[i * k + p] as number) * (c[p] as number);
    c[i] = value / (l[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let value = c[i] as number;
    for (let p = i + 1; p < k; p++) value -= (l[p * k + i] as number) * (c[p] as number);
    c[i] = value / (l[i * k + i] as number);
  }
}

/** bᵀ (L Lᵀ) b = |Lᵀ b|². */
function quadraticForm(l: Float64Array, k: number, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < k; i++) {
    let value = 0;
    for (let p = i; p < k; p++) value += (l[p * k + i] as number) * (b[p] as number);
    total += value * value;
  }
  return total;
}

/** (G⁻¹)₀₀ from G = L Lᵀ: G⁻¹ = L⁻ᵀ L⁻¹, so (G⁻¹)₀₀ = |v|² with L v = e₀ (forward substitution into `v`). */
function inverseFirstDiagonal(l: Float64Array, k: number, v: Float64Array): number {
  let total = 0;
  for (let i = 0; i < k; i++) {
    let value = i === 0 ? 1 : 0;
    for (let p = 0; p < i; p++) value -= (l[i * k + p] as number) * (v[p] as number);
    v[i] = value / (l[i * k + i] as number);
    total += (v[i] as number) ** 2;
  }
  return total;
}

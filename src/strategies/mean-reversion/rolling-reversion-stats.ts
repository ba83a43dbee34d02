import { InvalidInputError } from '../../core/errors.js';
import { RingWindow } from '../../indicators/window-support.js';
import { halfLife } from '../../stats/half-life.js';
import { hurstExponent } from '../../stats/hurst.js';

/**
 * Mean-reversion statistics of the last `window` closes, re-estimated every `every` bars (the OLS behind them
 * is O(window), too heavy for every bar; a half-life moves slowly, so a stale estimate of a few bars is fine):
 * - `halfLife`: Ornstein-Uhlenbeck half-life in bars from src/stats/half-life.ts, −ln 2 / ln(1 + b) for the
 *   OLS fit Δp_t = a + b p_{t−1} + ε_t on the closes. Infinity when the fit does not revert (b ≥ 0), NaN when
 *   it cannot be estimated (a flat window, b ≤ −1).
 * - `hurst` (only when asked for): the variance-of-differences Hurst exponent of the log closes (src/stats/
 *   hurst.ts): below 0.5 mean reverting, above 0.5 trending; NaN on a flat window.
 * Both are NaN until the window is first full. The closes live in a preallocated ring; the estimates copy it
 * into preallocated scratch arrays, so only the regressions themselves allocate, once every `every` bars.
 */
export class RollingReversionStats {
  halfLife = Number.NaN;
  hurst = Number.NaN;
  private readonly closes: RingWindow;
  private readonly scratch: Float64Array;
  private readonly logScratch: Float64Array | null;
  private untilUpdate = 0;

  constructor(
    readonly window: number,
    private readonly every: number,
    withHurst: boolean,
  ) {
    this.closes = new RingWindow(window);
    this.scratch = new Float64Array(window);
    this.logScratch = withHurst ? new Float64Array(window) : null;
  }

  /** Whether the estimates exist (the window filled at least once). */
  get isReady(): boolean {
    return this.closes.isFull;
  }

  /** Adds a close; re-estimates when the window is full and `every` bars have passed since the last time. */
  update(close: number): void {
    this.closes.push(close);
    if (!this.closes.isFull) return;
    if (--this.untilUpdate > 0) return;
    this.untilUpdate = this.every;
    this.estimate();
  }

  private estimate(): void {
    const n = this.window;
    let low = Infinity;
    let high = -Infinity;
    for (let age = n - 1; age >= 0; age--) {
      const value = this.closes.ago(age);
      this.scratch[n - 1 - age] = value;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    if (!(high > low)) {
      // A flat window: no variation to regress on, and nothing to revert from.
      this.halfLife = Number.NaN;
      this.hurst = Number.NaN;
      return;
    }
    this.halfLife = safeHalfLife(this.scratch);
    const logs = this.logScratch;
    if (logs !== null) {
      for (let i = 0; i < n; i++) logs[i] = Math.log(this.scratch[i] as number);
      this.hurst = hurstExponent(logs).hurst;
    }
  }
}

/**
 * The half-life of the window, or NaN when its regression is degenerate (almost collinear: OLS refuses it).
 * One odd window must not stop a live strategy, so only that refusal is caught; anything else is a bug.
 */
function safeHalfLife(values: Float64Array): number {
  try {
    return halfLife(values).halfLife;
  } catch (error) {
    if (error instanceof InvalidInputError) return Number.NaN;
    throw error;
  }
}

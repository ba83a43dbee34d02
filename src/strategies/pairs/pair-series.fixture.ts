import { SeededRng } from '../../core/rng.js';
import { BarSeries } from '../../data/bar-series.js';

export const DAY = 86_400_000;
export const FIXTURE_START = Date.UTC(2020, 0, 6);

/** A Gaussian random walk: start + Σ step·ε. */
export function randomWalk(length: number, seed: number, start = 100, step = 1): number[] {
  const rng = new SeededRng(seed);
  let level = start;
  return Array.from({ length }, () => (level += step * rng.normal()));
}

export interface CointegratedPairOptions {
  readonly beta?: number;
  readonly intercept?: number;
  /** AR(1) coefficient of the noise u (half-life −ln 2 / ln φ). */
  readonly phi?: number;
  /** Standard deviation of the noise's shocks. */
  readonly noise?: number;
  readonly start?: number;
}

/**
 * x a random walk (unit steps from `start`), y = intercept + β·x + u with u_t = φ u_{t−1} + noise·ε_t: a pair
 * cointegrated with hedge ratio β by construction (defaults β = 1.5, intercept 10, φ = 0.8, noise 1).
 */
export function cointegratedPair(
  length: number,
  seed: number,
  options: CointegratedPairOptions = {},
): { readonly x: number[]; readonly y: number[] } {
  const { beta = 1.5, intercept = 10, phi = 0.8, noise = 1, start = 100 } = options;
  const x = randomWalk(length, seed, start);
  const rng = new SeededRng(seed + 1_000_003);
  let u = 0;
  const y = x.map((level) => {
    u = phi * u + noise * rng.normal();
    return intercept + beta * level + u;
  });
  return { x, y };
}

/** Daily bars from closes (weekends included): open = the previous close, high / low 0.2% beyond the body. */
export function barsFrom(symbol: string, closes: readonly number[]): BarSeries {
  const series = BarSeries.allocate(symbol, '1d', closes.length);
  closes.forEach((close, t) => {
    const open = t === 0 ? close : (closes[t - 1] as number);
    series.ts[t] = FIXTURE_START + t * DAY;
    series.open[t] = open;
    series.close[t] = close;
    series.high[t] = Math.max(open, close) * 1.002;
    series.low[t] = Math.min(open, close) * 0.998;
    series.volume[t] = 1_000_000;
  });
  return series;
}

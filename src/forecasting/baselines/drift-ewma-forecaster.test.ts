import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { DriftEwmaForecaster } from './drift-ewma-forecaster.js';

describe('DriftEwmaForecaster', () => {
  it('gives the hand-worked drift, EWMA variance and log-normal interval', () => {
    // History 100, 110, 99; λ = 0.5; 95% (z = 1.959963984540054); horizon 2.
    // r1 = ln 1.1 = 0.09531017980432493, r2 = ln 0.9 = -0.10536051565782628
    // σ²_1 = r1² = 0.009084030374332749; σ²_2 = 0.5·σ²_1 + 0.5·r2² = 0.010092434317007903
    // μ = ln(99 / 100) / 2 = -0.005025167926750725
    // mean  = 99·exp(2μ + 2σ²/2)          = 99.00416783561627
    // lower = 99·exp(2μ - z·sqrt(2σ²))    = 74.18861081996677
    // upper = 99·exp(2μ + z·sqrt(2σ²))    = 129.4802530176869
    const forecaster = new DriftEwmaForecaster({ decay: 0.5 });
    const forecast = forecaster.forecast(Float64Array.of(100, 110, 99), 2);
    expect(forecast.mean).toBeCloseTo(99.00416783561627, 10);
    expect(forecast.lower).toBeCloseTo(74.18861081996677, 10);
    expect(forecast.upper).toBeCloseTo(129.4802530176869, 10);
    expect(forecast.horizon).toBe(2);
    expect(forecast.confidenceLevel).toBe(0.95);
    expect(forecaster.name).toBe('drift-ewma');
  });

  it('forecasts the last price with a zero-width interval for a flat history', () => {
    // Every return is 0, so μ = 0 and σ² = 0: mean = lower = upper = the last close.
    const forecast = new DriftEwmaForecaster().forecast(Float64Array.of(50, 50, 50, 50), 5);
    expect(forecast).toEqual({ mean: 50, lower: 50, upper: 50, horizon: 5, confidenceLevel: 0.95 });
  });

  it('extrapolates a steady trend: the log-mean grows by h·μ', () => {
    // Closes 100·1.01^k: every r = ln 1.01, μ = ln 1.01, σ² = (ln 1.01)² (zero-mean RiskMetrics variance).
    const history = Float64Array.from({ length: 30 }, (_, k) => 100 * 1.01 ** k);
    const forecast = new DriftEwmaForecaster().forecast(history, 10);
    const last = history[29] as number;
    const r = Math.log(1.01);
    expect(forecast.mean).toBeCloseTo(last * Math.exp(10 * r + (10 * r * r) / 2), 8);
    expect(Math.log(forecast.upper / last) + Math.log(forecast.lower / last)).toBeCloseTo(20 * r, 10);
  });

  it('depends only on the history it is given (a later close cannot change an earlier forecast)', () => {
    const rng = new SeededRng(7);
    const closes = new Float64Array(200);
    closes[0] = 100;
    for (let i = 1; i < closes.length; i++)
      closes[i] = (closes[i - 1] as number) * Math.exp(0.01 * rng.normal());
    const forecaster = new DriftEwmaForecaster();
    const before = forecaster.forecast(closes.slice(0, 120), 5);
    const view = closes.subarray(0, 120);
    closes[150] = 1; // the future changes; the forecast from the first 120 closes must not
    expect(forecaster.forecast(view, 5)).toEqual(before);
    expect(Array.from(view)).toEqual(Array.from(closes.slice(0, 120)));
  });

  it('covers about 95% of one-bar-ahead prices on a simulated random walk with known volatility', () => {
    // Log returns N(0, 0.01²) from a seeded generator: the 95% interval should hold the next close about
    // 95% of the time; EWMA estimation noise widens the tails slightly, hence the band 0.92 .. 0.97.
    const rng = new SeededRng(42);
    const n = 4000;
    const closes = new Float64Array(n);
    closes[0] = 100;
    for (let i = 1; i < n; i++) closes[i] = (closes[i - 1] as number) * Math.exp(0.01 * rng.normal());
    const forecaster = new DriftEwmaForecaster();
    let inside = 0;
    let total = 0;
    for (let t = 100; t < n - 1; t++) {
      const f = forecaster.forecast(closes.subarray(t - 100, t + 1), 1);
      const next = closes[t + 1] as number;
      if (next >= f.lower && next <= f.upper) inside++;
      total++;
    }
    expect(inside / total).toBeGreaterThan(0.92);
    expect(inside / total).toBeLessThan(0.97);
  });

  it('refuses a bad horizon, a short history, non-positive closes and bad options', () => {
    const forecaster = new DriftEwmaForecaster();
    expect(() => forecaster.forecast(Float64Array.of(1, 2), 0)).toThrow('horizon "0" must be a whole number');
    expect(() => forecaster.forecast(Float64Array.of(1, 2), 1.5)).toThrow('horizon "1.5"');
    expect(() => forecaster.forecast(Float64Array.of(1), 1)).toThrow('must hold at least 2');
    expect(() => forecaster.forecast(Float64Array.of(0, 2), 1)).toThrow('close "0" at index 0');
    expect(() => forecaster.forecast(Float64Array.of(1, Number.NaN), 1)).toThrow('close "NaN" at index 1');
    expect(() => new DriftEwmaForecaster({ decay: 1 })).toThrow('decay "1" must be in (0, 1)');
    expect(() => new DriftEwmaForecaster({ confidenceLevel: 0 })).toThrow('confidenceLevel "0"');
  });

  it('widens the interval with the confidence level', () => {
    const history = Float64Array.of(100, 101, 99, 102, 100);
    const narrow = new DriftEwmaForecaster({ confidenceLevel: 0.5 }).forecast(history, 3);
    const wide = new DriftEwmaForecaster({ confidenceLevel: 0.99 }).forecast(history, 3);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
    expect(wide.mean).toBe(narrow.mean);
  });
});

import { describe, expect, it } from 'vitest';
import { pairsConfigSchema } from './config.js';
import { cointegratedPair } from './pair-series.fixture.js';
import { warmSpreadModel } from './spread-model.js';

const config = (params: Record<string, unknown>) =>
  pairsConfigSchema.parse({ symbols: 'Y,X', priceTransform: 'price', ...params });

/** OLS slope of y on x over values [from, to] (inclusive), by a plain two-pass loop. */
function plainSlope(y: readonly number[], x: readonly number[], from: number, to: number): number {
  const n = to - from + 1;
  let meanX = 0;
  let meanY = 0;
  for (let k = from; k <= to; k++) {
    meanX += (x[k] as number) / n;
    meanY += (y[k] as number) / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let k = from; k <= to; k++) {
    sxy += ((x[k] as number) - meanX) * ((y[k] as number) - meanY);
    sxx += ((x[k] as number) - meanX) ** 2;
  }
  return sxy / sxx;
}

describe('spread models', () => {
  it('rolling-ols: β over the last hedgeWindow bars, z of y − βx over the last zWindow bars (plain-loop reference)', () => {
    const { x, y } = cointegratedPair(200, 3);
    const h = 30;
    const w = 10;
    const { model, zScore } = warmSpreadModel(
      config({ hedgeMethod: 'rolling-ols', hedgeWindow: h, zWindow: w, formationWindow: 60 }),
      Float64Array.from(y.slice(0, 60)),
      Float64Array.from(x.slice(0, 60)),
      1,
    );
    // Reference: s_k = y_k − β_k x_k with β_k the slope over bars k−h+1..k; z_t over s_{t−w+1..t} (population σ).
    const spreadAt = (k: number) => (y[k] as number) - plainSlope(y, x, k - h + 1, k) * (x[k] as number);
    const zAt = (t: number) => {
      const s = Array.from({ length: w }, (_, j) => spreadAt(t - w + 1 + j));
      const mean = s.reduce((a, b) => a + b, 0) / w;
      const sigma = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / w);
      return (spreadAt(t) - mean) / sigma;
    };
    expect(zScore).toBeCloseTo(zAt(59), 9);
    expect(model.hedgeRatio).toBeCloseTo(plainSlope(y, x, 60 - h, 59), 9);
    for (let t = 60; t < 200; t++) {
      const z = model.update(y[t] as number, x[t] as number);
      expect(z).toBeCloseTo(zAt(t), 8);
    }
  });

  it('rolling-ols: null while the window is shorter than hedgeWindow + zWindow − 1', () => {
    const { x, y } = cointegratedPair(40, 3);
    const { model, zScore } = warmSpreadModel(
      config({ hedgeMethod: 'rolling-ols', hedgeWindow: 30, zWindow: 10, formationWindow: 40 }),
      Float64Array.from(y.slice(0, 37)),
      Float64Array.from(x.slice(0, 37)),
      1,
    );
    expect(zScore).toBeNull(); // 37 < 30 + 10 − 1 = 39 bars
    model.update(y[37] as number, x[37] as number);
    expect(model.update(y[38] as number, x[38] as number)).not.toBeNull();
  });

  it('kalman: after the formation window its β is the least-squares slope (a slow filter is recursive OLS)', () => {
    const { x, y } = cointegratedPair(252, 8, { noise: 0.5 });
    const { model, zScore } = warmSpreadModel(
      config({ hedgeMethod: 'kalman', kalmanDelta: 1e-7 }),
      Float64Array.from(y),
      Float64Array.from(x),
      0.7,
    );
    expect(Math.abs(model.hedgeRatio - plainSlope(y, x, 0, 251))).toBeLessThan(0.01);
    expect(Math.abs(model.hedgeRatio / 1.5 - 1)).toBeLessThan(0.05);
    expect(zScore).not.toBeNull();
    // A y far above its fitted value is a spread far above zero: a large positive z (about e / √V).
    const fitted = 10 + model.hedgeRatio * (x[251] as number);
    expect(model.update(fitted + 10, x[251] as number)).toBeGreaterThan(5);
  });

  it('kalman: δ scales the drift of β, so a larger δ follows a change of hedge ratio faster', () => {
    const { x, y } = cointegratedPair(252, 8, { noise: 0.5 });
    const warm = (kalmanDelta: number) =>
      warmSpreadModel(
        config({ hedgeMethod: 'kalman', kalmanDelta }),
        Float64Array.from(y),
        Float64Array.from(x),
        0.7,
      ).model;
    const slow = warm(1e-6);
    const fast = warm(1e-2);
    // The hedge ratio jumps from 1.5 to 2 for 100 bars.
    for (let t = 0; t < 100; t++) {
      const level = (x[251] as number) + Math.sin(t) * 5;
      slow.update(10 + 2 * level, level);
      fast.update(10 + 2 * level, level);
    }
    expect(Math.abs(fast.hedgeRatio - 2)).toBeLessThan(Math.abs(slow.hedgeRatio - 2));
  });

  it('kalman: a re-test recalibrates the observation variance, rescaling later z-scores', () => {
    const { x, y } = cointegratedPair(252, 8, { noise: 0.5 });
    const warm = () =>
      warmSpreadModel(config({ hedgeMethod: 'kalman' }), Float64Array.from(y), Float64Array.from(x), 0.7)
        .model;
    const same = warm();
    const tighter = warm();
    tighter.recalibrate(0.7 / 4, 100);
    const level = x[251] as number;
    const spreadUp = 10 + 1.5 * level + 3;
    // z = e / √Q with Q ≈ V: a quarter of the variance doubles the z-score (to within the state's own variance).
    const ratio = (tighter.update(spreadUp, level) as number) / (same.update(spreadUp, level) as number);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.01);
  });

  it('rolling-ols ignores recalibration', () => {
    const { x, y } = cointegratedPair(60, 3);
    const settings = config({
      hedgeMethod: 'rolling-ols',
      hedgeWindow: 30,
      zWindow: 10,
      formationWindow: 60,
    });
    const a = warmSpreadModel(settings, Float64Array.from(y), Float64Array.from(x), 1).model;
    const b = warmSpreadModel(settings, Float64Array.from(y), Float64Array.from(x), 1).model;
    b.recalibrate(0.01, 100);
    expect(b.update(200, 100)).toBe(a.update(200, 100));
  });
});

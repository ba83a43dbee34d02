import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { kalmanHedgeRatio } from '../../stats/kalman-hedge-ratio.js';
import { KalmanHedgeStream } from './kalman-hedge-stream.js';

/** No drift, V = 1 and a certain prior β = 2, α = 1: the first forecast error is y − (2x + 1) with Q = V. */
const CERTAIN = {
  betaDrift: 0,
  alphaDrift: 0,
  observationVariance: 1,
  initialBeta: 2,
  initialAlpha: 1,
  initialBetaVariance: 0,
  initialAlphaVariance: 0,
};

describe('streaming Kalman hedge ratio', () => {
  it('reproduces the batch filter of src/stats bit for bit with W = δ/(1 − δ)·I and one prior variance', () => {
    const rng = new SeededRng(4);
    const n = 300;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let level = 50;
    for (let t = 0; t < n; t++) {
      level += rng.normal();
      x[t] = level;
      y[t] = 3 + 1.5 * level + 0.5 * rng.normal();
    }
    const delta = 1e-4;
    const batch = kalmanHedgeRatio(y, x, { delta, observationVariance: 0.25, initialStateVariance: 2 });
    const drift = delta / (1 - delta);
    const stream = new KalmanHedgeStream({
      betaDrift: drift,
      alphaDrift: drift,
      observationVariance: 0.25,
      initialBetaVariance: 2,
      initialAlphaVariance: 2,
    });
    for (let t = 0; t < n; t++) {
      const z = stream.update(y[t] as number, x[t] as number);
      expect(stream.beta).toBe(batch.beta[t]);
      expect(stream.alpha).toBe(batch.alpha[t]);
      expect(stream.error).toBe(batch.spread[t]);
      expect(stream.errorVariance).toBe(batch.spreadVariance[t]);
      expect(z).toBe((batch.spread[t] as number) / Math.sqrt(batch.spreadVariance[t] as number));
    }
    expect(Math.abs(stream.beta - 1.5)).toBeLessThan(0.1); // it tracks the true slope 1.5
  });

  it('starts from the given prior mean', () => {
    // First step, no drift added: e = 10 − (2·4 + 1) = 1; Q = P_ββ x² + P_αα + V = 0 + 0 + 1 (a certain prior).
    const stream = new KalmanHedgeStream(CERTAIN);
    expect(stream.update(10, 4)).toBe(1);
    expect(stream.beta).toBe(2);
    expect(stream.alpha).toBe(1);
  });

  it('refuses a negative or non-finite variance and a zero observation variance', () => {
    const valid = CERTAIN;
    expect(() => new KalmanHedgeStream({ ...valid, betaDrift: -1 })).toThrow(/betaDrift "-1"/);
    expect(() => new KalmanHedgeStream({ ...valid, initialAlphaVariance: Infinity })).toThrow(
      /initialAlphaVariance/,
    );
    expect(() => new KalmanHedgeStream({ ...valid, initialBeta: Number.NaN })).toThrow(/initialBeta/);
    expect(() => new KalmanHedgeStream({ ...valid, observationVariance: 0 })).toThrow(
      /observationVariance "0"/,
    );
  });

  it('retunes its noise from the next step on, and refuses invalid noise', () => {
    const stream = new KalmanHedgeStream(CERTAIN);
    stream.retune(0, 0, 4);
    // A certain state: Q = V = 4, e = 10 − 9 = 1, z = 1 / 2.
    expect(stream.update(10, 4)).toBe(0.5);
    expect(() => stream.retune(-1, 0, 1)).toThrow(/must be finite/);
    expect(() => stream.retune(0, 0, 0)).toThrow(/must be finite/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  deserializeScaler,
  fitScaler,
  meanAndDeviation,
  serializeScaler,
  windowScale,
  type ScalerKind,
} from './scalers.js';

const values = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);

describe('scalers', () => {
  it('fit the published statistics (hand-worked on 2, 4, 4, 4, 5, 5, 7, 9)', () => {
    // mean 5, population sd 2 (the textbook example)
    expect(fitScaler('standard', [values]).channels).toEqual([{ center: 5, scale: 2 }]);
    // numpy: median 4.5, Q1 = 4 (position 1.75), Q3 = 5.5 (position 5.25 -> 5 + 0.25·2) -> IQR 1.5
    expect(fitScaler('robust', [values]).channels).toEqual([{ center: 4.5, scale: 1.5 }]);
    expect(fitScaler('min-max', [values]).channels).toEqual([{ center: 2, scale: 7 }]);
    expect(fitScaler('identity', [values]).channels).toEqual([{ center: 0, scale: 1 }]);
    expect(fitScaler('revin', [values]).channels).toEqual([]);
  });

  it('replace a zero scale (constant channel) by 1', () => {
    const constant = new Float64Array(5).fill(3);
    for (const kind of ['standard', 'robust', 'min-max'] as const) {
      expect(fitScaler(kind, [constant]).channels[0]!.scale).toBe(1);
    }
    expect(meanAndDeviation(constant)).toEqual({ center: 3, scale: 1 });
  });

  it('fit one pair per channel and give revin the statistics of each window', () => {
    const state = fitScaler('standard', [values, Float64Array.from([1, 1, 1, 1, 3, 3, 3, 3])]);
    expect(state.channels[1]).toEqual({ center: 2, scale: 1 });
    expect(windowScale(state, 1, values, 0, 3)).toEqual({ center: 2, scale: 1 });
    expect(() => windowScale(state, 2, values, 0, 3)).toThrow(
      'scaler was fitted on 2 channels, channel 2 requested',
    );
    const revin = fitScaler('revin', [values]);
    // window 4, 5, 5, 7 (index 3..6): mean 5.25, sd √(((−1.25)² + 2·(−0.25)² + 1.75²)/4) = √1.1875
    const window = windowScale(revin, 0, values, 3, 4);
    expect(window.center).toBeCloseTo(5.25, 12);
    expect(window.scale).toBeCloseTo(Math.sqrt(1.1875), 12);
  });

  it('refuse unknown kinds, empty channels and non-finite values with the value quoted', () => {
    expect(() => fitScaler('zscore' as ScalerKind, [values])).toThrow(
      'scaler "zscore" must be one of identity',
    );
    expect(() => fitScaler('standard', [new Float64Array(0)])).toThrow('scaler channel 0 is empty');
    expect(() => fitScaler('standard', [Float64Array.from([1, NaN])])).toThrow(
      'scaler channel 0 value "NaN" at index 1 must be finite',
    );
  });

  it('round-trip through JSON and refuse malformed state', () => {
    for (const kind of ['standard', 'robust', 'min-max', 'identity', 'revin'] as const) {
      const state = fitScaler(kind, [values, values]);
      expect(deserializeScaler(serializeScaler(state))).toEqual(state);
    }
    expect(() => deserializeScaler('{')).toThrow('scaler state is not JSON');
    expect(() => deserializeScaler('{"kind":"standard","channels":[{"center":0,"scale":0}]}')).toThrow(
      'scaler state channels.0.scale: must be > 0',
    );
    expect(() => deserializeScaler('{"kind":"revin","channels":[{"center":0,"scale":1}]}')).toThrow(
      'revin keeps no fitted channels',
    );
  });
});

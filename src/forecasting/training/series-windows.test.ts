import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { fitScaler } from './scalers.js';
import { buildBatch, sampleOrigins, seriesChannels, splitWindows } from './series-windows.js';

describe('series windows', () => {
  it('split origins so that validation targets are never training targets', () => {
    // n = 20, input 4, horizon 3, validation 6: training o in [4, 11], validation o in [14, 17]
    const split = splitWindows(20, 4, 3, 6);
    expect(Array.from(split.training)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(split.validation)).toEqual([14, 15, 16, 17]);
    // the last training target ends at index 11 + 3 - 1 = 13, before the validation part (14..19)
    expect(Array.from(splitWindows(10, 4, 3, 0).training)).toEqual([4, 5, 6, 7]);
    expect(splitWindows(10, 4, 3, 0).validation).toHaveLength(0);
  });

  it('refuse a validation part shorter than the horizon and series too short to train on', () => {
    expect(() => splitWindows(20, 4, 3, 2)).toThrow(
      'validationSize "2" must be 0 or an integer >= horizon 3',
    );
    expect(() => splitWindows(10, 4, 3, 4)).toThrow(
      'series of 10 values is too short for one training window of 4 + 3 values before a validation part of 4',
    );
    expect(() => splitWindows(6, 4, 3, 0)).toThrow('series of 6 values is too short');
  });

  it('sample origins with replacement, the same for a seed', () => {
    const origins = Int32Array.from([10, 11, 12]);
    const first = sampleOrigins(origins, 50, new SeededRng(3));
    expect(first).toEqual(sampleOrigins(origins, 50, new SeededRng(3)));
    expect(new Set(first)).toEqual(new Set([10, 11, 12]));
  });

  it('build scaled [batch, input, channels] inputs and targets (hand-worked)', () => {
    const target = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    const exogenous = Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80]);
    const scaler = {
      kind: 'standard',
      channels: [
        { center: 1, scale: 2 },
        { center: 0, scale: 10 },
      ],
    } as const;
    const batch = buildBatch([target, exogenous], [3, 5], 3, 2, scaler, true);
    expect(batch.size).toBe(2);
    // origin 3: inputs t = 0, 1, 2 -> target (x - 1)/2, exogenous x/10, interleaved per time step
    expect(Array.from(batch.input.subarray(0, 6))).toEqual([-0.5, 1, 0, 2, 0.5, 3]);
    // targets of origin 3 (values 3, 4) and origin 5 (values 5, 6)
    expect(Array.from(batch.target!)).toEqual([1, 1.5, 2, 2.5]);
    expect(Array.from(batch.centers)).toEqual([1, 1]);
    expect(Array.from(batch.scales)).toEqual([2, 2]);
    const revin = buildBatch([target], [4], 4, 1, fitScaler('revin', [target]), false);
    // window 0..3: mean 1.5, sd √1.25
    expect(revin.centers[0]).toBe(1.5);
    expect(revin.scales[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(revin.target).toBeUndefined();
  });

  it('check channels: equal lengths and finite values', () => {
    expect(() => seriesChannels({ target: new Float64Array(3), exogenous: [new Float64Array(2)] })).toThrow(
      'exogenous feature 0 has 2 values, the target 3',
    );
    expect(() => seriesChannels({ target: Float64Array.from([1, Infinity]) })).toThrow(
      'target value "Infinity" at index 1 must be finite',
    );
    expect(() =>
      seriesChannels({ target: new Float64Array(2), exogenous: [Float64Array.from([0, NaN])] }),
    ).toThrow('exogenous feature 0 value "NaN" at index 1 must be finite');
  });
});

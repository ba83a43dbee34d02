import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import type { TrialResult } from '../../optimize/optimize.types.js';
import { decodeFloat64, decodeTrialResult, encodeFloat64, encodeTrialResult } from './trial-codec.js';

const result: TrialResult = {
  id: 'run-1:7',
  index: 7,
  params: { fast: 5, slow: 50, mode: 'long', short: false },
  metrics: {
    sharpeRatio: 1.25,
    maxDrawdown: -0.2,
    profitFactor: Infinity,
    worst: -Infinity,
    odd: NaN,
    sortino: null,
  },
  returns: new Float64Array([0.01, -0.02, 0]),
  returnTs: new Float64Array([86_400_000, 172_800_000, 259_200_000]),
  durationMs: 12.5,
  error: null,
};

describe('trial result codec', () => {
  it('writes float64 values as base64 of little-endian bytes', () => {
    // 1.0 is 0x3FF0000000000000: little-endian bytes 00 00 00 00 00 00 F0 3F. Base64 of 00 00 00 | 00 00 00 |
    // F0 3F (padded): "AAAA" + "AAAA" + 111100 000011 111100 = "8D8" + "=".
    expect(encodeFloat64(new Float64Array([1]))).toBe('AAAAAAAA8D8=');
    expect(Array.from(decodeFloat64('AAAAAAAA8D8='))).toEqual([1]);
    expect(encodeFloat64(new Float64Array(0))).toBe('');
  });

  it('round-trips any float64 array exactly', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 64 }), (values) => {
        const back = decodeFloat64(encodeFloat64(values));
        expect(back.length).toBe(values.length);
        for (let i = 0; i < values.length; i++) expect(Object.is(back[i], values[i])).toBe(true);
      }),
    );
  });

  it('round-trips a result through JSON, non-finite metrics and null included', () => {
    const wire = JSON.parse(JSON.stringify(encodeTrialResult(result))) as unknown;
    const back = decodeTrialResult(wire);
    expect(back).toEqual(result);
    expect(back.returns).toBeInstanceOf(Float64Array);
    expect(back.metrics['odd']).toBeNaN();
    expect(back.metrics['profitFactor']).toBe(Infinity);
    expect(back.metrics['worst']).toBe(-Infinity);
    expect(back.metrics['sortino']).toBeNull();
  });

  it('keeps the error of a failed trial', () => {
    const failed = { ...result, error: 'fast "60" must be < slow "50"' };
    expect(decodeTrialResult(encodeTrialResult(failed)).error).toBe('fast "60" must be < slow "50"');
  });

  it('refuses a payload with a missing field, naming it', () => {
    const { returns: _dropped, ...rest } = encodeTrialResult(result);
    expect(() => decodeTrialResult(rest)).toThrow(InvalidInputError);
    expect(() => decodeTrialResult(rest)).toThrow(/"returns"/);
    expect(() => decodeTrialResult(null)).toThrow(InvalidInputError);
  });

  it('refuses float64 payloads that are not whole values', () => {
    // "AAAA" is 3 bytes: not a multiple of 8.
    expect(() => decodeTrialResult({ ...encodeTrialResult(result), returns: 'AAAA' })).toThrow(/float64/);
    expect(() => decodeFloat64('AAAA')).toThrow(/"3" bytes must be a multiple of 8/);
  });

  it('refuses returns and return times of different lengths', () => {
    const wire = { ...encodeTrialResult(result), returnTs: encodeFloat64(new Float64Array(2)) };
    expect(() => decodeTrialResult(wire)).toThrow(/"3" returns but "2" return times/);
  });
});

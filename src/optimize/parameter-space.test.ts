import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import {
  dimensionIndex,
  dimensionSize,
  dimensionValue,
  gridIndices,
  paramsAt,
  paramsKey,
  parseParameterSpace,
  parseParameterValue,
  spaceSize,
} from './parameter-space.js';

describe('parseParameterSpace', () => {
  it('parses ranges, choices, numbers and booleans from the CLI spec', () => {
    const space = parseParameterSpace(
      'fast=5:50:5,slow=50:300:10,mode=a|b,fractional=true|false,k=0.5:2:0.25',
    );
    expect(space).toEqual([
      { kind: 'range', name: 'fast', min: 5, max: 50, step: 5, integer: true },
      { kind: 'range', name: 'slow', min: 50, max: 300, step: 10, integer: true },
      { kind: 'choice', name: 'mode', values: ['a', 'b'] },
      { kind: 'choice', name: 'fractional', values: [true, false] },
      { kind: 'range', name: 'k', min: 0.5, max: 2, step: 0.25, integer: false },
    ]);
  });

  it('reads a single value as a fixed choice and numeric choices as numbers', () => {
    expect(parseParameterSpace('period=14, mult=1|1.5|2e0')).toEqual([
      { kind: 'choice', name: 'period', values: [14] },
      { kind: 'choice', name: 'mult', values: [1, 1.5, 2] },
    ]);
  });

  it.each([
    ['', /at least one parameter/],
    ['fast', /"fast" must be name=min:max:step/],
    ['fast=5:50', /range "5:50" must be min:max:step/],
    ['fast=5:x:5', /max "x" must be a number/],
    ['fast=5:50:0', /step "0" must be > 0/],
    ['fast=50:5:5', /min "50" must be <= max "5"/],
    ['fast=5:50:5,fast=1|2', /"fast" is given twice/],
    ['1x=1|2', /name "1x" must be/],
    ['mode=a||b', /empty choice/],
    ['mode=a|a', /choice "a" is repeated/],
    ['mode=', /value must not be empty/],
  ])('rejects %j naming the part and value', (spec, message) => {
    expect(() => parseParameterSpace(spec)).toThrow(InvalidInputError);
    expect(() => parseParameterSpace(spec)).toThrow(message);
  });
});

describe('grid arithmetic', () => {
  it('counts combinations as the product of the dimension sizes', () => {
    // fast 5..50 step 5: 10 values; slow 50..300 step 10: 26 values; mode 2; fractional 2 → 10·26·2·2 = 1040
    expect(spaceSize(parseParameterSpace('fast=5:50:5,slow=50:300:10,mode=a|b,fractional=true|false'))).toBe(
      1040,
    );
    // 0.1..0.5 step 0.1 has 5 values although (0.5 − 0.1)/0.1 = 3.9999999999999996 in floating point
    expect(dimensionSize(parseParameterSpace('x=0.1:0.5:0.1')[0]!)).toBe(5);
    // max off the step: 0..10 step 3 → 0, 3, 6, 9
    expect(dimensionSize(parseParameterSpace('x=0:10:3')[0]!)).toBe(4);
  });

  it('gives decimal grid values as typed, not with float noise', () => {
    const [x] = parseParameterSpace('x=0.1:0.5:0.1');
    expect([0, 1, 2, 3, 4].map((k) => dimensionValue(x!, k))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('maps values back to grid indices (nearest step, clamped; -1 when not a value)', () => {
    const [x, mode] = parseParameterSpace('x=5:50:5,mode=a|b');
    expect(dimensionIndex(x!, 20)).toBe(3);
    expect(dimensionIndex(x!, 21)).toBe(3);
    expect(dimensionIndex(x!, 500)).toBe(9);
    expect(dimensionIndex(x!, 'a')).toBe(-1);
    expect(dimensionIndex(mode!, 'b')).toBe(1);
    expect(dimensionIndex(mode!, 'c')).toBe(-1);
    expect(dimensionIndex(mode!, undefined)).toBe(-1);
  });

  it('decodes combination numbers with the last dimension fastest', () => {
    const space = parseParameterSpace('a=1:3:1,b=x|y');
    // 3 × 2 grid: 0 → (1,x), 1 → (1,y), 2 → (2,x), 5 → (3,y)
    expect(paramsAt(space, gridIndices(space, 0))).toEqual({ a: 1, b: 'x' });
    expect(paramsAt(space, gridIndices(space, 1))).toEqual({ a: 1, b: 'y' });
    expect(paramsAt(space, gridIndices(space, 2))).toEqual({ a: 2, b: 'x' });
    expect(paramsAt(space, gridIndices(space, 5))).toEqual({ a: 3, b: 'y' });
  });

  it('keys points by their values in dimension order', () => {
    const space = parseParameterSpace('a=1:3:1,b=x|y');
    expect(paramsKey(space, { b: 'y', a: 2 })).toBe('[2,"y"]');
    expect(paramsKey(space, { a: 2 })).toBe('[2,null]');
  });

  it('refuses a grid beyond 2^53 combinations', () => {
    const spec = Array.from({ length: 6 }, (_, i) => `p${i}=1:1000000:1`).join(',');
    expect(() => spaceSize(parseParameterSpace(spec))).toThrow(/more than 2\^53/);
  });

  it('parses single values as booleans, numbers or strings', () => {
    expect(parseParameterValue(' true ')).toBe(true);
    expect(parseParameterValue('false')).toBe(false);
    expect(parseParameterValue('-1.5e-3')).toBe(-0.0015);
    expect(parseParameterValue('.5')).toBe(0.5);
    expect(parseParameterValue('1.2.3')).toBe('1.2.3');
    expect(parseParameterValue('ema')).toBe('ema');
  });
});

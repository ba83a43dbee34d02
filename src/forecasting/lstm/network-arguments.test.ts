import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseHyperparameters, validateNetworkShape } from './network-arguments.js';

const schema = z
  .object({
    size: z.number().int().min(1).default(4),
    mode: z.enum(['a', 'b']).default('a'),
    nested: z.object({ depth: z.number().max(3) }).optional(),
  })
  .strict();

describe('parseHyperparameters', () => {
  it('fills defaults from an empty, undefined or null input', () => {
    expect(parseHyperparameters('m', schema, {})).toEqual({ size: 4, mode: 'a' });
    expect(parseHyperparameters('m', schema, undefined)).toEqual({ size: 4, mode: 'a' });
    expect(parseHyperparameters('m', schema, null)).toEqual({ size: 4, mode: 'a' });
  });

  it('names every bad field with its value, nested paths included', () => {
    expect(() => parseHyperparameters('m', schema, { size: 0, mode: 'c' })).toThrow(
      /^m hyperparameter size "0": .+; m hyperparameter mode "c": /,
    );
    expect(() => parseHyperparameters('m', schema, { nested: { depth: 9 } })).toThrow(
      /^m hyperparameter nested\.depth "9": /,
    );
  });

  it('refuses unknown keys and a non-object at the root', () => {
    expect(() => parseHyperparameters('m', schema, { extra: 1 })).toThrow(
      /^m hyperparameters \{"extra":1\}: .*extra/,
    );
    expect(() => parseHyperparameters('m', schema, 5)).toThrow(/^m hyperparameters "5": /);
  });
});

describe('validateNetworkShape', () => {
  const shape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };

  it('accepts a valid shape', () => {
    expect(() => validateNetworkShape('m', shape)).not.toThrow();
  });

  it('refuses counts out of range and unordered or out-of-range quantiles', () => {
    expect(() => validateNetworkShape('m', { ...shape, inputSize: 0 })).toThrow(
      'm shape inputSize "0" must be an integer in [1, 100000]',
    );
    expect(() => validateNetworkShape('m', { ...shape, channels: 1.5 })).toThrow('m shape channels "1.5"');
    expect(() => validateNetworkShape('m', { ...shape, quantiles: [] })).toThrow(
      'm shape quantiles [] must not be empty',
    );
    expect(() => validateNetworkShape('m', { ...shape, quantiles: [0.5, 0.5] })).toThrow(
      'm shape quantiles [0.5,0.5]: level "0.5" must be in (0, 1) and above the previous one',
    );
    expect(() => validateNetworkShape('m', { ...shape, quantiles: [0.5, 1] })).toThrow('level "1"');
    expect(() => validateNetworkShape('m', { ...shape, quantiles: [0] })).toThrow('level "0"');
  });
});

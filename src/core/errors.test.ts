import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  IllegalStateError,
  InvalidInputError,
  NeuralTraderError,
  NotFoundError,
  invariant,
  quote,
} from './errors.js';

describe('typed errors', () => {
  it('carries a code, a name, retryable false by default and the cause', () => {
    const cause = new Error('socket closed');
    const error = new NeuralTraderError('PROVIDER_FAILURE', 'quote feed down', { retryable: true, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'PROVIDER_FAILURE', name: 'NeuralTraderError', retryable: true });
    expect(error.message).toBe('quote feed down');
    expect(error.cause).toBe(cause);
    const plain = new NeuralTraderError('INTERNAL', 'x');
    expect(plain.retryable).toBe(false);
    expect('cause' in plain).toBe(false);
  });

  it('gives each subclass its code and name and keeps the hierarchy', () => {
    const cases = [
      [new InvalidInputError('a'), 'INVALID_INPUT', 'InvalidInputError'],
      [new IllegalStateError('b'), 'ILLEGAL_STATE', 'IllegalStateError'],
      [new NotFoundError('c'), 'NOT_FOUND', 'NotFoundError'],
    ] as const;
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(NeuralTraderError);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(ERROR_CODES).toContain(code);
    }
    expect(new InvalidInputError('a')).not.toBeInstanceOf(IllegalStateError);
  });
});

describe('quote', () => {
  it('quotes strings as JSON and numbers, booleans and bigints in double quotes', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote(-5)).toBe('"-5"');
    expect(quote(Number.NaN)).toBe('"NaN"');
    expect(quote(true)).toBe('"true"');
    expect(quote(12n)).toBe('"12"');
  });

  it('writes undefined bare and objects as JSON', () => {
    expect(quote(undefined)).toBe('undefined');
    expect(quote(null)).toBe('null');
    expect(quote({ a: 1 })).toBe('{"a":1}');
    expect(quote([1, 'x'])).toBe('[1,"x"]');
  });

  it('falls back to String for values JSON cannot write', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(quote(circular)).toBe('[object Object]');
    expect(quote(Symbol('s'))).toBe('Symbol(s)');
    expect(quote({ big: 1n })).toBe('[object Object]');
  });
});

describe('invariant', () => {
  it('passes silently when the condition holds', () => {
    expect(() => invariant(1 + 1 === 2, 'arithmetic')).not.toThrow();
  });

  it('throws an INTERNAL error naming the broken invariant', () => {
    try {
      invariant(false, 'cash must be finite');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NeuralTraderError);
      expect(error).toMatchObject({ code: 'INTERNAL', message: 'invariant violated: cash must be finite' });
    }
  });
});

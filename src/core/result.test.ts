import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import { err, ok, unwrap, type Result } from './result.js';

function parsePositive(text: string): Result<number, InvalidInputError> {
  const value = Number(text);
  return value > 0 ? ok(value) : err(new InvalidInputError(`value "${text}" must be > 0`));
}

describe('Result', () => {
  it('wraps a value and an error, discriminated by ok', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('bad')).toEqual({ ok: false, error: 'bad' });
    const parsed = parsePositive('-1');
    expect(parsed.ok ? parsed.value : parsed.error.code).toBe('INVALID_INPUT');
  });

  it('unwraps a success to its value', () => {
    expect(unwrap(parsePositive('2.5'))).toBe(2.5);
  });

  it('throws the very error of a failure', () => {
    const result = parsePositive('0');
    expect(() => unwrap(result)).toThrow(InvalidInputError);
    expect(() => unwrap(result)).toThrow('value "0" must be > 0');
  });

  it('wraps a failure that is not an Error in one', () => {
    expect(() => unwrap(err('no data'))).toThrow(new Error('no data'));
    expect(() => unwrap(err(42))).toThrow('42');
  });
});

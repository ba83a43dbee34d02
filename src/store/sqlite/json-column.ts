import { InvalidInputError, quote } from '../../core/errors.js';
import type { JsonValue } from '../repositories.types.js';

/**
 * JSON columns hold JSON text. Values are checked to survive the round trip: NaN, Infinity, undefined,
 * functions and class instances other than plain objects and arrays would come back changed, so they are
 * refused instead of silently rewritten (JSON.stringify turns NaN into null).
 */
export function toJsonText(value: JsonValue, what: string): string {
  assertJson(value, what);
  return JSON.stringify(value);
}

export function fromJsonText(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}

function assertJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, value, 'a finite number');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJson(item, `${path}[${index}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertJson(item, `${path}.${key}`);
    return;
  }
  throw invalid(path, value, 'JSON (null, boolean, finite number, string, array or plain object)');
}

function invalid(path: string, value: unknown, expected: string): InvalidInputError {
  return new InvalidInputError(
    `${path} ${quote(typeof value === 'number' ? value : String(value))} must be ${expected}`,
  );
}

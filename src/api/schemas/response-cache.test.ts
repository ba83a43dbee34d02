import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cachingSerializerCompiler, immutableResponse } from './response-cache.js';

const schema = z.object({ a: z.number(), label: z.string().optional() });
const compile = () => cachingSerializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('cachingSerializerCompiler', () => {
  it('serializes ordinary bodies every time, so later changes show', () => {
    const serialize = compile();
    const body = { a: 1 };
    expect(serialize(body)).toBe('{"a":1}');
    body.a = 2;
    expect(serialize(body)).toBe('{"a":2}');
  });

  it('serializes an immutable body once per schema and freezes it', () => {
    const serialize = compile();
    const body = immutableResponse({ a: 1, label: 'x', extra: 'stripped by the schema' });
    const first = serialize(body);
    expect(first).toBe('{"a":1,"label":"x"}');
    expect(serialize(body)).toBe(first);
    expect(Object.isFrozen(body)).toBe(true);
    expect(() => {
      (body as { a: number }).a = 2;
    }).toThrow(TypeError);
    const other = cachingSerializerCompiler({
      schema: z.object({ a: z.number() }),
      method: 'GET',
      url: '/y',
      httpStatus: '200',
    });
    expect(other(body)).toBe('{"a":1}'); // its own text for another schema
  });

  it('still validates: an immutable body that does not match the schema fails to serialize', () => {
    const serialize = compile();
    expect(() => serialize(immutableResponse({ a: 'not a number' }))).toThrow(
      /Response doesn't match the schema/,
    );
    expect(() => serialize('plain text')).toThrow(/Response doesn't match the schema/);
  });
});

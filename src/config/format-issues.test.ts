import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closest, editDistance, formatIssues, formatPath, quoteShort, valueAt } from './format-issues.js';

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['trading', 'strategies', 0])).toBe('trading.strategies[0]');
    expect(formatPath(['PORT'])).toBe('PORT');
  });

  it('brackets keys that are not identifiers, so a newline cannot split the line', () => {
    expect(formatPath(['server', 'bad key'])).toBe('server["bad key"]');
    expect(formatPath(['a\nb'])).toBe('["a\\nb"]');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('valueAt', () => {
  it('walks objects and arrays and yields undefined off the end', () => {
    const input = { a: { b: [10, 20] } };
    expect(valueAt(input, ['a', 'b', 1])).toBe(20);
    expect(valueAt(input, ['a', 'x', 'y'])).toBeUndefined();
    expect(valueAt(5, ['a'])).toBeUndefined();
  });
});

describe('quoteShort', () => {
  it('quotes like the rest of the codebase', () => {
    expect(quoteShort('extreme')).toBe('"extreme"');
    expect(quoteShort(-5)).toBe('"-5"');
  });

  it('shortens long values to about 80 characters', () => {
    expect(quoteShort('x'.repeat(500)).length).toBeLessThanOrEqual(84);
    expect(quoteShort({ list: Array.from({ length: 100 }, (_, i) => i) }).length).toBeLessThanOrEqual(84);
  });
});

describe('editDistance', () => {
  it('counts single-character edits', () => {
    expect(editDistance('risk_levl', 'risk_level')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('closest', () => {
  it('suggests a near key and nothing for a far one', () => {
    expect(closest('prot', ['host', 'port'])).toBe('port');
    expect(closest('LOG_LEVEL', ['log_level', 'workers'])).toBe('log_level');
    expect(closest('completely_different', ['host', 'port'])).toBeUndefined();
  });

  it('falls back to a prefix match for a shortened or lengthened key', () => {
    expect(closest('stop_loss', ['symbols', 'stop_loss_percentage'])).toBe('stop_loss_percentage');
    expect(closest('workers_count', ['host', 'workers'])).toBe('workers');
    expect(closest('st', ['stop_loss_percentage'])).toBeUndefined();
  });
});

describe('formatIssues', () => {
  const schema = z.strictObject({ port: z.number({ error: 'must be a number' }).optional() });

  it('writes one line per problem with the quoted value, or none when the value is absent', () => {
    const issues = schema.safeParse({ port: 'x' }).error?.issues ?? [];
    expect(formatIssues(issues, { input: { port: 'x' }, prefix: ['server'] })).toEqual([
      'server.port "x" must be a number',
    ]);
    const missing = z.object({ a: z.string({ error: 'must be set' }) }).safeParse({}).error?.issues ?? [];
    expect(formatIssues(missing, { input: {} })).toEqual(['a must be set']);
  });

  it('masks secrets', () => {
    const issues = schema.safeParse({ port: 'zq9' }).error?.issues ?? [];
    const lines = formatIssues(issues, { input: { port: 'zq9' }, isSecret: () => true });
    expect(lines).toEqual(['port "***" must be a number']);
  });

  it('names each unknown key on its own line without its value', () => {
    const input = { prt: 'zq9', other: 1 };
    const issues = schema.safeParse(input).error?.issues ?? [];
    expect(formatIssues(issues, { input, knownKeys: () => ['port'] })).toEqual([
      'prt is not a known key (did you mean port?); allowed keys: port',
      'other is not a known key; allowed keys: port',
    ]);
    expect(formatIssues(issues, { input })).toEqual(['prt is not a known key', 'other is not a known key']);
  });
});

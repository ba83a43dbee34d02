import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { GridSearch } from './grid-search.js';
import { parseParameterSpace } from './parameter-space.js';

describe('GridSearch', () => {
  it('yields every combination once in nested-loop order, whatever the batch sizes', () => {
    const space = parseParameterSpace('fast=5:15:5,slow=20:30:10,mode=a|b');
    // Reference: plain nested loops in spec order.
    const expected: unknown[] = [];
    for (const fast of [5, 10, 15])
      for (const slow of [20, 30]) for (const mode of ['a', 'b']) expected.push({ fast, slow, mode });
    const grid = new GridSearch(space);
    expect(grid.total).toBe(12);
    const got = [...grid.ask(5), ...grid.ask(1), ...grid.ask(100)];
    grid.tell([{ params: got[0]!, objective: 1 }]);
    expect(got).toEqual(expected);
    expect(grid.ask(3)).toEqual([]);
  });

  it('rejects a non-positive ask count', () => {
    const grid = new GridSearch(parseParameterSpace('a=1|2'));
    expect(() => grid.ask(0)).toThrow(InvalidInputError);
    expect(() => grid.ask(1.5)).toThrow(/ask count "1.5" must be an integer >= 1/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrialParams } from './optimize.types.js';
import { paramsKey, parseParameterSpace } from './parameter-space.js';
import { RandomSearch } from './random-search.js';

const drain = (search: RandomSearch, batch: number): TrialParams[] => {
  const all: TrialParams[] = [];
  for (let points = search.ask(batch); points.length > 0; points = search.ask(batch)) {
    search.tell(points.map((params) => ({ params, objective: 0 })));
    all.push(...points);
  }
  return all;
};

describe('RandomSearch', () => {
  const space = parseParameterSpace('fast=5:50:5,slow=50:300:10,k=0.5:2:0.25,mode=a|b');

  it('gives the same trials for the same seed whatever the batch size, and others for another seed', () => {
    const a = drain(new RandomSearch(space, { trials: 50, seed: 7 }), 1);
    const b = drain(new RandomSearch(space, { trials: 50, seed: 7 }), 13);
    const c = drain(new RandomSearch(space, { trials: 50, seed: 8 }), 13);
    expect(a).toHaveLength(50);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('draws distinct grid points: integers on integer ranges, values on the step', () => {
    const points = drain(new RandomSearch(space, { trials: 300, seed: 3 }), 32);
    expect(new Set(points.map((p) => paramsKey(space, p))).size).toBe(300);
    for (const p of points) {
      expect(Number.isInteger(p.fast) && (p.fast as number) % 5 === 0).toBe(true);
      expect((p.slow as number) >= 50 && (p.slow as number) <= 300 && (p.slow as number) % 10 === 0).toBe(
        true,
      );
      expect([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]).toContain(p.k);
      expect(['a', 'b']).toContain(p.mode);
    }
  });

  it('covers the whole grid, each point once, when asked for more trials than points', () => {
    const small = parseParameterSpace('a=1:4:1,b=x|y|z');
    const points = drain(new RandomSearch(small, { trials: 100, seed: 1 }), 5);
    expect(points).toHaveLength(12);
    expect(new Set(points.map((p) => paramsKey(small, p))).size).toBe(12);
  });

  it('samples each grid value about equally often (chi-square below the 0.1% critical value)', () => {
    const wide = parseParameterSpace('a=0:9:1,b=0:999:1');
    const points = drain(new RandomSearch(wide, { trials: 5000, seed: 11 }), 100);
    const counts = new Array<number>(10).fill(0);
    for (const p of points) counts[p.a as number]!++;
    // 10 cells, 500 expected each; the chi-square critical value with 9 degrees of freedom at p = 0.001 is 27.88.
    const chi2 = counts.reduce((sum, count) => sum + (count - 500) ** 2 / 500, 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it('never exceeds the requested trials (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer(),
        (trials, batch, seed) => {
          const points = drain(new RandomSearch(space, { trials, seed }), batch);
          return points.length === trials && new Set(points.map((p) => paramsKey(space, p))).size === trials;
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects a bad trial count', () => {
    expect(() => new RandomSearch(space, { trials: 0, seed: 1 })).toThrow(
      /trials "0" must be an integer >= 1/,
    );
  });
});

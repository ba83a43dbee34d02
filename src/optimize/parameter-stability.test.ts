import { describe, expect, it } from 'vitest';
import type { TrialParams } from './optimize.types.js';
import { parseParameterSpace } from './parameter-space.js';
import { parameterStability } from './parameter-stability.js';

const space = parseParameterSpace('fast=5:25:5,slow=50:70:10,mode=a|b');

function gridResults(objective: (p: TrialParams) => number) {
  const results = [];
  for (const fast of [5, 10, 15, 20, 25])
    for (const slow of [50, 60, 70])
      for (const mode of ['a', 'b']) {
        const params = { fast, slow, mode };
        results.push({ params, objective: objective(params) });
      }
  return results;
}

describe('parameterStability', () => {
  it('calls a smooth optimum a plateau, with its neighbours and slices', () => {
    // objective = 10 − |fast − 15|/5 − |slow − 60|/10 − (mode = b ? 1 : 0): best 10 at (15, 60, a).
    // Neighbours: fast 10 → 9, fast 20 → 9, slow 50 → 9, slow 70 → 9, mode: no "down", up b → 9.
    // mean 9, worst 9, relative drop (10 − 9)/10 = 0.1 ≤ 0.25 → plateau.
    const result = parameterStability(
      space,
      gridResults(
        (p) =>
          10 -
          Math.abs((p.fast as number) - 15) / 5 -
          Math.abs((p.slow as number) - 60) / 10 -
          (p.mode === 'b' ? 1 : 0),
      ),
    );
    expect(result.best).toEqual({ fast: 15, slow: 60, mode: 'a' });
    expect(result.bestObjective).toBe(10);
    expect(result.neighboursFound).toBe(5);
    expect(result.meanNeighbourObjective).toBe(9);
    expect(result.worstNeighbourObjective).toBe(9);
    expect(result.relativeDrop).toBeCloseTo(0.1, 12);
    expect(result.classification).toBe('plateau');
    const fast = result.dimensions[0]!;
    expect(fast.down).toEqual({ value: 10, objective: 9 });
    expect(fast.up).toEqual({ value: 20, objective: 9 });
    expect(fast.slice.map((s) => s.objective)).toEqual([8, 9, 10, 9, 8]);
    expect(result.dimensions[2]!.down).toBeNull();
    expect(result.dimensions[2]!.up).toEqual({ value: 'b', objective: 9 });
  });

  it('calls an isolated peak a spike', () => {
    // 5 at (20, 70, b), 1 elsewhere: neighbours fast 15, slow 60, mode a all 1 (fast 25 → 1 too; slow and
    // mode have no "up"): mean 1, drop (5 − 1)/5 = 0.8 > 0.25 → spike.
    const result = parameterStability(
      space,
      gridResults((p) => (p.fast === 20 && p.slow === 70 && p.mode === 'b' ? 5 : 1)),
    );
    expect(result.neighboursFound).toBe(4);
    expect(result.relativeDrop).toBeCloseTo(0.8, 12);
    expect(result.classification).toBe('spike');
  });

  it('works from partial results and reports missing neighbours as null', () => {
    const results = [
      { params: { fast: 10, slow: 60, mode: 'a' }, objective: 2 },
      { params: { fast: 15, slow: 60, mode: 'a' }, objective: -Infinity },
      { params: { fast: 5, slow: 60, mode: 'a' }, objective: Number.NaN },
    ];
    const result = parameterStability(space, results);
    expect(result.dimensions[0]!.down).toEqual({ value: 5, objective: null });
    expect(result.dimensions[0]!.up).toEqual({ value: 15, objective: null });
    expect(result.neighboursFound).toBe(0);
    expect(result.classification).toBe('unknown');
    expect(result.meanNeighbourObjective).toBeNaN();
  });

  it('rejects results with no finite objective or a bad threshold', () => {
    expect(() =>
      parameterStability(space, [{ params: { fast: 5, slow: 50, mode: 'a' }, objective: -Infinity }]),
    ).toThrow(/at least one trial with a finite objective/);
    expect(() => parameterStability(space, [], { plateauDrop: -1 })).toThrow(/plateauDrop "-1" must be >= 0/);
    expect(() =>
      parameterStability(space, [{ params: { fast: 5, slow: 50, mode: 'z' }, objective: 1 }]),
    ).toThrow(/"mode" = "z" is not in the space/);
  });
});

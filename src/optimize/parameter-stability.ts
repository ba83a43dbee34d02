import { InvalidInputError, quote } from '../core/errors.js';
import type { ParameterDimension, ParameterSpace, ParameterValue, TrialParams } from './optimize.types.js';
import { dimensionIndex, dimensionSize, dimensionValue, paramsKey } from './parameter-space.js';
import type { TrialObservation } from './search-method.js';

/**
 * Parameter stability around the optimum: is the best trial on a plateau (its neighbours score about as
 * well) or a spike (one lucky point)? Works on whatever results exist (grid, random or TPE).
 * - Neighbours: for each dimension, the point one grid step down and one up (for choices, the previous and next
 *   choice in the list), every other parameter as in the best trial; looked up among the results.
 * - Slices: for each dimension, the objective at every grid value with the other parameters fixed at the
 *   optimum (null where no trial ran) — a one-dimensional map of the surface through the optimum.
 * - Summary over the neighbours that ran with a finite objective: mean, worst, and the relative drop
 *   (best − mean) / |best| (NaN when best is 0). `plateau` when the relative drop ≤ `plateauDrop` (default
 *   0.25: neighbours keep at least 75% of the objective), `spike` otherwise, `unknown` with no neighbour.
 * Objectives are scores (larger is better, see objective.ts); −Infinity / NaN results count as missing.
 */
export interface NeighbourResult {
  readonly value: ParameterValue;
  readonly objective: number | null;
}

export interface DimensionStability {
  readonly name: string;
  readonly bestValue: ParameterValue;
  readonly down: NeighbourResult | null;
  readonly up: NeighbourResult | null;
  readonly slice: readonly NeighbourResult[];
}

export const STABILITY_CLASSES = ['plateau', 'spike', 'unknown'] as const;
export type StabilityClass = (typeof STABILITY_CLASSES)[number];

export interface ParameterStability {
  readonly best: TrialParams;
  readonly bestObjective: number;
  readonly dimensions: readonly DimensionStability[];
  readonly neighboursFound: number;
  readonly meanNeighbourObjective: number;
  readonly worstNeighbourObjective: number;
  readonly relativeDrop: number;
  readonly classification: StabilityClass;
}

export interface StabilityOptions {
  readonly plateauDrop?: number;
}

export function parameterStability(
  space: ParameterSpace,
  results: readonly TrialObservation[],
  options: StabilityOptions = {},
): ParameterStability {
  const plateauDrop = options.plateauDrop ?? 0.25;
  if (!(plateauDrop >= 0)) throw new InvalidInputError(`plateauDrop ${quote(plateauDrop)} must be >= 0`);
  const byKey = new Map<string, number>();
  let best: TrialObservation | null = null;
  for (const result of results) {
    if (!Number.isFinite(result.objective)) continue;
    const key = paramsKey(space, result.params);
    const previous = byKey.get(key);
    if (previous === undefined || result.objective > previous) byKey.set(key, result.objective);
    if (best === null || result.objective > best.objective) best = result;
  }
  if (best === null)
    throw new InvalidInputError('parameter stability needs at least one trial with a finite objective');
  const bestParams = best.params;
  const at = (dimension: ParameterDimension, k: number): NeighbourResult => {
    const value = dimensionValue(dimension, k);
    const objective = byKey.get(paramsKey(space, { ...bestParams, [dimension.name]: value }));
    return { value, objective: objective ?? null };
  };
  const neighbours: number[] = [];
  const dimensions = space.map((dimension): DimensionStability => {
    const size = dimensionSize(dimension);
    const k = dimensionIndex(dimension, bestParams[dimension.name]);
    if (k < 0)
      throw new InvalidInputError(
        `best trial's ${quote(dimension.name)} = ${quote(bestParams[dimension.name])} is not in the space`,
      );
    const down = k > 0 ? at(dimension, k - 1) : null;
    const up = k < size - 1 ? at(dimension, k + 1) : null;
    for (const neighbour of [down, up])
      if (neighbour?.objective != null) neighbours.push(neighbour.objective);
    const slice = Array.from({ length: size }, (_, i) => at(dimension, i));
    return { name: dimension.name, bestValue: dimensionValue(dimension, k), down, up, slice };
  });
  const bestObjective = best.objective;
  const mean = neighbours.length > 0 ? neighbours.reduce((a, b) => a + b, 0) / neighbours.length : Number.NaN;
  const worst = neighbours.length > 0 ? Math.min(...neighbours) : Number.NaN;
  const relativeDrop = bestObjective !== 0 ? (bestObjective - mean) / Math.abs(bestObjective) : Number.NaN;
  const classification: StabilityClass =
    neighbours.length === 0 ? 'unknown' : relativeDrop <= plateauDrop ? 'plateau' : 'spike';
  return {
    best: bestParams,
    bestObjective,
    dimensions,
    neighboursFound: neighbours.length,
    meanNeighbourObjective: mean,
    worstNeighbourObjective: worst,
    relativeDrop,
    classification,
  };
}

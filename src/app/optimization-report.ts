import { deflatedSharpeFromReturns, type DeflatedSharpeResult } from '../optimize/deflated-sharpe.js';
import type { Objective } from '../optimize/objective.js';
import type { ParameterSpace, TrialResult } from '../optimize/optimize.types.js';
import { parameterStability, type ParameterStability } from '../optimize/parameter-stability.js';
import { probabilityOfBacktestOverfitting } from '../optimize/pbo.js';
import { trialScore } from '../optimize/run-search.js';
import type { StoredTrial } from '../store/repositories.types.js';

export interface RankedTrial {
  readonly rank: number;
  readonly id: string;
  readonly params: StoredTrial['params'];
  /** The objective metric's value (null when the trial failed or is infeasible). */
  readonly objective: number | null;
  readonly feasible: boolean;
  readonly metrics: StoredTrial['metrics'];
  readonly error: string | null;
}

/** Trials best first by score (failed and infeasible last, then by index). */
export function rankTrials(objective: Objective, results: readonly TrialResult[]): RankedTrial[] {
  const scored = results.map((r) => ({ r, s: trialScore(objective, r) }));
  scored.sort((a, b) => (b.s === a.s ? a.r.index - b.r.index : b.s > a.s || Number.isNaN(a.s) ? 1 : -1));
  return scored.map(({ r, s }, i) => {
    const value = r.metrics[objective.metric];
    return {
      rank: i + 1,
      id: r.id,
      params: r.params,
      objective: typeof value === 'number' && Number.isFinite(s) ? value : null,
      feasible: Number.isFinite(s),
      metrics: r.metrics,
      error: r.error,
    };
  });
}

/**
 * PBO by CSCV over the trials that ran (same window, same bar count), 16 blocks, or fewer when the record is
 * short (at least 2 rows per block); null with fewer than 2 such trials or 4 returns.
 */
export function overfitting(results: readonly TrialResult[]): number | null {
  const usable = results.filter((r) => r.error === null && r.returns.length > 0);
  if (usable.length < 2) return null;
  const rows = Math.min(...usable.map((r) => r.returns.length));
  let blocks = 16;
  while (blocks > 2 && rows < 2 * blocks) blocks -= 2;
  if (rows < 2 * blocks) return null;
  return probabilityOfBacktestOverfitting(
    usable.map((r) => r.returns.subarray(r.returns.length - rows)),
    { blocks },
  ).pbo;
}

/** Deflated Sharpe of `chosen` given every trial tried (failed ones count in N). */
export function deflated(chosen: Float64Array, results: readonly TrialResult[]): DeflatedSharpeResult | null {
  if (chosen.length < 3) return null;
  const returns = results.filter((r) => r.error === null).map((r) => r.returns);
  return deflatedSharpeFromReturns(chosen, returns, results.length);
}

export function stability(
  space: ParameterSpace,
  objective: Objective,
  results: readonly TrialResult[],
): ParameterStability | null {
  const observations = results.map((r) => ({ params: r.params, objective: trialScore(objective, r) }));
  return observations.some((o) => Number.isFinite(o.objective))
    ? parameterStability(space, observations)
    : null;
}

export type { DeflatedSharpeResult, ParameterStability };

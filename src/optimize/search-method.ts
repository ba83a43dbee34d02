import { InvalidInputError, quote } from '../core/errors.js';
import { GridSearch } from './grid-search.js';
import type { ParameterSpace, TrialParams } from './optimize.types.js';
import { RandomSearch } from './random-search.js';
import { TpeSearch, type TpeOptions } from './tpe-search.js';

/**
 * One interface for every search method: the coordinator asks for points, runs them, and tells the results.
 *
 * Reproducibility rule: the coordinator asks in batches (`ask(batchSize)`) and, once a batch has finished,
 * tells its results in one `tell` call in trial-index order — never in completion order. A method's state then
 * depends only on the seed and the sequence of batches, so the same seed and batch size give the same trials
 * whatever the worker timing or the number of machines. (Grid and random search ignore the results; TPE learns
 * from them.) Resuming replays the stored results the same way: ask the same batches, tell them in index order.
 */
export interface TrialObservation {
  readonly params: TrialParams;
  /** The objective's score, larger is better (see objective.ts); −Infinity for infeasible or failed trials. */
  readonly objective: number;
}

export interface SearchMethod {
  /** Up to `count` new points to evaluate; fewer near the end; an empty array when the search is done. */
  ask(count: number): TrialParams[];
  /** Results of points asked before, in trial-index order. */
  tell(results: readonly TrialObservation[]): void;
}

/** `bayes` is the CLI's name for the Bayesian method, implemented as TPE. */
export const SEARCH_METHOD_NAMES = ['grid', 'random', 'tpe', 'bayes'] as const;
export type SearchMethodName = (typeof SEARCH_METHOD_NAMES)[number];

export interface SearchMethodOptions {
  readonly method: SearchMethodName;
  /** Trials of random / TPE search (grid search runs every combination and ignores it). */
  readonly trials?: number;
  readonly seed?: number;
  readonly tpe?: Omit<TpeOptions, 'trials' | 'seed'>;
}

export function isSearchMethodName(value: string): value is SearchMethodName {
  return (SEARCH_METHOD_NAMES as readonly string[]).includes(value);
}

export function createSearchMethod(space: ParameterSpace, options: SearchMethodOptions): SearchMethod {
  const seed = options.seed ?? 1;
  switch (options.method) {
    case 'grid':
      return new GridSearch(space);
    case 'random':
      return new RandomSearch(space, { trials: requireTrials(options.trials), seed });
    case 'tpe':
    case 'bayes':
      return new TpeSearch(space, { ...options.tpe, trials: requireTrials(options.trials), seed });
    default:
      throw new InvalidInputError(
        `search method ${quote(options.method)} must be one of ${SEARCH_METHOD_NAMES.join(', ')}`,
      );
  }
}

function requireTrials(trials: number | undefined): number {
  if (trials === undefined || !Number.isInteger(trials) || trials < 1)
    throw new InvalidInputError(`trials ${quote(trials)} must be an integer >= 1`);
  return trials;
}

/** Checks an `ask` count: a positive integer. */
export function assertAskCount(count: number): void {
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidInputError(`ask count ${quote(count)} must be an integer >= 1`);
}

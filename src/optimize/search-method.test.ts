import { describe, expect, it } from 'vitest';
import { GridSearch } from './grid-search.js';
import { parseParameterSpace } from './parameter-space.js';
import { RandomSearch } from './random-search.js';
import { createSearchMethod, isSearchMethodName } from './search-method.js';
import { TpeSearch } from './tpe-search.js';

describe('createSearchMethod', () => {
  const space = parseParameterSpace('a=1:10:1,b=x|y');

  it('builds each method by name, bayes being TPE', () => {
    expect(createSearchMethod(space, { method: 'grid' })).toBeInstanceOf(GridSearch);
    expect(createSearchMethod(space, { method: 'random', trials: 5 })).toBeInstanceOf(RandomSearch);
    expect(createSearchMethod(space, { method: 'tpe', trials: 5, seed: 2 })).toBeInstanceOf(TpeSearch);
    expect(createSearchMethod(space, { method: 'bayes', trials: 5, tpe: { gamma: 0.2 } })).toBeInstanceOf(
      TpeSearch,
    );
  });

  it('requires a trial count for random and Bayesian search and rejects unknown methods', () => {
    expect(() => createSearchMethod(space, { method: 'random' })).toThrow(
      /trials undefined must be an integer >= 1/,
    );
    expect(() => createSearchMethod(space, { method: 'anneal' as never, trials: 3 })).toThrow(
      /search method "anneal" must be one of grid, random, tpe, bayes/,
    );
  });

  it('recognizes method names', () => {
    expect(isSearchMethodName('bayes')).toBe(true);
    expect(isSearchMethodName('annealing')).toBe(false);
  });
});

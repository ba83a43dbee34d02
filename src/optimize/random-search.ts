import { InvalidInputError, quote } from '../core/errors.js';
import { SeededRng } from '../core/rng.js';
import type { ParameterDimension, ParameterSpace, TrialParams } from './optimize.types.js';
import { dimensionSize, gridIndices, paramsAt, spaceSize } from './parameter-space.js';
import { assertAskCount, type SearchMethod, type TrialObservation } from './search-method.js';

export interface RandomSearchOptions {
  readonly trials: number;
  readonly seed: number;
}

/**
 * Seeded random search over the grid: each dimension's grid index is drawn uniformly (a range sampled
 * uniformly and snapped to its step, each grid value equally likely, integer ranges giving integers), and no
 * point is drawn twice, so the search runs min(trials, spaceSize) distinct points.
 * - When the trials cover at least half the grid, the combination numbers are shuffled (Fisher-Yates) and the
 *   first ones taken: no wasted draws near exhaustion.
 * - Otherwise each point is drawn dimension by dimension and redrawn if seen (expected draws per point < 2).
 * The sequence depends only on the seed and the space, never on ask batch sizes or results.
 */
export class RandomSearch implements SearchMethod {
  private readonly rng: SeededRng;
  private readonly total: number;
  private readonly order: Float64Array | null;
  private readonly seen = new Set<string>();
  private readonly indices: Int32Array;
  private produced = 0;

  constructor(
    private readonly space: ParameterSpace,
    options: RandomSearchOptions,
  ) {
    if (!Number.isInteger(options.trials) || options.trials < 1)
      throw new InvalidInputError(`trials ${quote(options.trials)} must be an integer >= 1`);
    this.rng = new SeededRng(options.seed);
    this.indices = new Int32Array(space.length);
    const size = spaceSize(space);
    this.total = Math.min(options.trials, size);
    this.order = this.total * 2 >= size ? shuffledRange(size, this.rng) : null;
  }

  ask(count: number): TrialParams[] {
    assertAskCount(count);
    const points: TrialParams[] = [];
    while (points.length < count && this.produced < this.total) {
      points.push(
        this.order === null ? this.drawUnseen() : this.fromOrder(this.order[this.produced] as number),
      );
      this.produced++;
    }
    return points;
  }

  tell(results: readonly TrialObservation[]): void {
    void results; // random search does not learn
  }

  private fromOrder(index: number): TrialParams {
    return paramsAt(this.space, gridIndices(this.space, index, this.indices));
  }

  private drawUnseen(): TrialParams {
    for (;;) {
      for (let d = 0; d < this.space.length; d++)
        this.indices[d] = this.rng.int(0, dimensionSize(this.space[d] as ParameterDimension) - 1);
      const key = this.indices.join(',');
      if (!this.seen.has(key)) {
        this.seen.add(key);
        return paramsAt(this.space, this.indices);
      }
    }
  }
}

/** 0 … size−1 in a seeded random order (Fisher-Yates). */
function shuffledRange(size: number, rng: SeededRng): Float64Array {
  const order = new Float64Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

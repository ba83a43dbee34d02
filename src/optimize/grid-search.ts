import type { ParameterSpace, TrialParams } from './optimize.types.js';
import { gridIndices, paramsAt, spaceSize } from './parameter-space.js';
import { assertAskCount, type SearchMethod, type TrialObservation } from './search-method.js';

/**
 * Exhaustive grid search: every combination once, in grid order (first dimension slowest, see
 * parameter-space.ts), decoded from the combination number so the grid is never materialized. Trial index i
 * is always combination i, whatever the batch sizes.
 */
export class GridSearch implements SearchMethod {
  private readonly size: number;
  private next = 0;
  private readonly indices: Int32Array;

  constructor(private readonly space: ParameterSpace) {
    this.size = spaceSize(space);
    this.indices = new Int32Array(space.length);
  }

  /** Number of combinations this search will produce. */
  get total(): number {
    return this.size;
  }

  ask(count: number): TrialParams[] {
    assertAskCount(count);
    const points: TrialParams[] = [];
    while (points.length < count && this.next < this.size) {
      points.push(paramsAt(this.space, gridIndices(this.space, this.next, this.indices)));
      this.next++;
    }
    return points;
  }

  tell(results: readonly TrialObservation[]): void {
    void results; // the grid does not depend on results
  }
}

import { integerParameter } from '../../indicators/indicator-support.js';

/**
 * The latest `capacity` closes as one contiguous Float64Array view, for a Forecaster's `history` argument. Values
 * live in a buffer of twice the capacity; when it is full the latest capacity - 1 are copied to its start, so a
 * push is amortized O(1) (one copy of the window every `capacity` pushes) and nothing is allocated but the view
 * `view()` returns.
 */
export class HistoryWindow {
  readonly capacity: number;
  private readonly buffer: Float64Array;
  private end = 0;

  constructor(capacity: number) {
    this.capacity = integerParameter('historyWindow', 'capacity', capacity, 1, 10_000_000);
    this.buffer = new Float64Array(2 * capacity);
  }

  get size(): number {
    return Math.min(this.end, this.capacity);
  }

  push(value: number): void {
    if (this.end === this.buffer.length) {
      const keep = this.capacity - 1;
      this.buffer.copyWithin(0, this.end - keep, this.end);
      this.end = keep;
    }
    this.buffer[this.end++] = value;
  }

  /** The latest `size` values, oldest first (a view: valid until the next push). */
  view(): Float64Array {
    return this.buffer.subarray(this.end - this.size, this.end);
  }
}

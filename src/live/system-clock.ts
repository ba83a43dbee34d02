import type { Clock } from '../core/clock.js';

/**
 * The live node's clock: wall-clock epoch ms (the live layer may read the system time; domain layers ask a
 * Clock). The wall clock can step back (NTP corrections, manual changes); this clock then holds its last
 * reading until the wall clock catches up, so event timestamps never decrease, as in a simulation.
 */
export class SystemClock implements Clock {
  private last = Number.NEGATIVE_INFINITY;

  /** `source` is the wall clock; tests pass a fake one. */
  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    const reading = this.source();
    if (reading > this.last) this.last = reading;
    return this.last;
  }
}

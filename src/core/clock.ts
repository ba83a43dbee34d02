/**
 * The Clock port. Domain code never reads the system time: it asks a Clock, so a backtest replays time and a
 * live node reads the wall clock through the same interface (ARCHITECTURE §1). Times are epoch ms.
 */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to; the backtest engine advances it to each event's timestamp. */
export class SimulatedClock implements Clock {
  private current: number;

  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`clock start "${startMs}" must be a finite epoch ms`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward; time never runs backwards in a simulation. */
  advanceTo(ms: number): void {
    if (!(ms >= this.current)) {
      throw new RangeError(`clock cannot move back from ${this.current} to ${ms}`);
    }
    this.current = ms;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}

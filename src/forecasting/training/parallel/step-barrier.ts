import { IllegalStateError } from '../../../core/errors.js';

const ARRIVALS = 0;
const GENERATION = 1;
const ABORTED = 2;

/**
 * A reusable barrier for the workers of one training run, on three Int32 words of shared memory
 * (shared-training-memory.ts `control`): a generation barrier (the last of `parties` arrivals resets the count,
 * advances the generation and wakes the others, so the same words serve every step). Workers block in
 * Atomics.wait, which costs no CPU while a peer finishes its share; only worker threads may block, the
 * coordinator merely aborts.
 *
 * Abort exists because a worker that fails before arriving would otherwise leave its peers blocked for ever:
 * abort() sets the flag, advances the generation (so a peer about to wait sees a changed value instead of
 * missing the notification) and wakes every waiter; a waiter that wakes to a set flag throws.
 */
export class StepBarrier {
  private readonly words: Int32Array;
  private readonly parties: number;

  constructor(control: SharedArrayBuffer, parties: number) {
    this.words = new Int32Array(control);
    this.parties = parties;
  }

  get aborted(): boolean {
    return Atomics.load(this.words, ABORTED) !== 0;
  }

  /** Blocks until all `parties` have arrived; throws if the run was aborted before or while waiting. */
  arriveAndWait(): void {
    this.throwIfAborted();
    const generation = Atomics.load(this.words, GENERATION);
    if (Atomics.add(this.words, ARRIVALS, 1) === this.parties - 1) {
      Atomics.store(this.words, ARRIVALS, 0);
      Atomics.add(this.words, GENERATION, 1);
      Atomics.notify(this.words, GENERATION);
      return;
    }
    while (Atomics.load(this.words, GENERATION) === generation) {
      Atomics.wait(this.words, GENERATION, generation);
    }
    this.throwIfAborted();
  }

  /** Makes every current and future wait throw (a worker failed, or the coordinator gave up). */
  abort(): void {
    Atomics.store(this.words, ABORTED, 1);
    Atomics.add(this.words, GENERATION, 1);
    Atomics.notify(this.words, GENERATION);
  }

  private throwIfAborted(): void {
    if (this.aborted) throw new IllegalStateError(ABORTED_MESSAGE);
  }
}

/** The message of a wait ended by abort: the coordinator reports the failure that caused it instead. */
export const ABORTED_MESSAGE = 'training step aborted: another worker failed';

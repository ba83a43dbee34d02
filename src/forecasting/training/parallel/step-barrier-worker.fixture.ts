/**
 * Test fixture: a worker that meets its peers at a StepBarrier for `rounds` rounds. Before arriving it writes
 * its round number into its cell of `cells` (after a delay that differs by worker and round, so that a
 * barrier that did not wait would be caught); after the barrier it checks that every party's cell of the
 * round is written. Posts `{ done: rounds }`, or `{ error }` with the message of what it caught.
 * With `rounds` 0 it posts `{ arriving: true }` and waits once at the barrier (abort and release tests).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StepBarrier } from './step-barrier.js';

interface FixtureData {
  readonly control: SharedArrayBuffer;
  readonly cells: SharedArrayBuffer;
  readonly parties: number;
  readonly index: number;
  readonly rounds: number;
}

const data = workerData as FixtureData;
const barrier = new StepBarrier(data.control, data.parties);
const cells = new Int32Array(data.cells);
const pause = new Int32Array(new SharedArrayBuffer(4));
try {
  if (data.rounds === 0) {
    parentPort?.postMessage({ arriving: true });
    barrier.arriveAndWait();
  }
  for (let round = 0; round < data.rounds; round++) {
    Atomics.wait(pause, 0, 0, (data.index * 7 + round) % 4); // 0-3 ms
    Atomics.store(cells, round * data.parties + data.index, round + 1);
    barrier.arriveAndWait();
    for (let party = 0; party < data.parties; party++) {
      const value = Atomics.load(cells, round * data.parties + party);
      if (value !== round + 1) throw new Error(`round ${round}: party ${party} wrote ${value}`);
    }
  }
  parentPort?.postMessage({ done: data.rounds });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

import { InvalidInputError, quote } from '../../../core/errors.js';

/**
 * The memory one data-parallel training run shares between the coordinator (main thread) and its workers.
 * Everything bulky lives in SharedArrayBuffers, allocated once per run and posted once: posting a
 * SharedArrayBuffer shares it, so the series is held once however many workers read it, and gradients and
 * weights cross threads without a structured-clone copy per step.
 * - `series`: the channels (target first) as float64, channel after channel, `seriesLength` values each;
 * - `control`: the Int32 words of the workers' step barrier (step-barrier.ts);
 * - `gradients`: one float32 slot of `parameterCount` values per worker, the variables concatenated in the
 *   network's order; worker w writes only slot w, every worker reads all of them after the barrier;
 * - `losses`: one float64 per worker, the mean loss of its windows in the current step;
 * - `weights`: `parameterCount` float32, the current weights: initialised by the coordinator, then each
 *   variable rewritten by the worker that owns its update (partitionVariables) after every step.
 */
export interface SharedTrainingMemory {
  readonly workers: number;
  readonly parameterCount: number;
  readonly seriesLength: number;
  readonly channelCount: number;
  readonly series: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly gradients: SharedArrayBuffer;
  readonly losses: SharedArrayBuffer;
  readonly weights: SharedArrayBuffer;
}

/** Int32 words of `control`: barrier arrivals, barrier generation, abort flag. */
export const CONTROL_WORDS = 3;

/** Allocates the run's memory and copies the series' channels into it (the only copy workers read). */
export function allocateTrainingMemory(
  channels: readonly Float64Array[],
  initialWeights: Float32Array,
  workers: number,
): SharedTrainingMemory {
  const parameterCount = initialWeights.length;
  if (!(Number.isInteger(workers) && workers >= 1)) {
    throw new InvalidInputError(`workers ${quote(workers)} must be an integer >= 1`);
  }
  const seriesLength = channels[0]?.length ?? 0;
  if (channels.some((values) => values.length !== seriesLength)) {
    throw new InvalidInputError(`every channel must hold ${seriesLength} values like the target`);
  }
  const series = new SharedArrayBuffer(channels.length * seriesLength * Float64Array.BYTES_PER_ELEMENT);
  const packed = new Float64Array(series);
  channels.forEach((values, channel) => packed.set(values, channel * seriesLength));
  const weights = new SharedArrayBuffer(parameterCount * Float32Array.BYTES_PER_ELEMENT);
  new Float32Array(weights).set(initialWeights);
  return {
    workers,
    parameterCount,
    seriesLength,
    channelCount: channels.length,
    series,
    control: new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT),
    gradients: new SharedArrayBuffer(workers * parameterCount * Float32Array.BYTES_PER_ELEMENT),
    losses: new SharedArrayBuffer(workers * Float64Array.BYTES_PER_ELEMENT),
    weights,
  };
}

/** The channels as zero-copy views over the shared series (read-only by convention). */
export function sharedChannels(memory: SharedTrainingMemory): Float64Array[] {
  return Array.from(
    { length: memory.channelCount },
    (_, channel) =>
      new Float64Array(
        memory.series,
        channel * memory.seriesLength * Float64Array.BYTES_PER_ELEMENT,
        memory.seriesLength,
      ),
  );
}

/** Worker w's gradient slot. */
export function gradientSlot(memory: SharedTrainingMemory, worker: number): Float32Array {
  return new Float32Array(
    memory.gradients,
    worker * memory.parameterCount * Float32Array.BYTES_PER_ELEMENT,
    memory.parameterCount,
  );
}

/**
 * Which windows of a batch of `batchSize` each of `workers` workers computes: worker w takes the contiguous
 * range [floor(w·B/W), floor((w+1)·B/W)), so the shares differ by at most one window and cover the batch in
 * its drawn order. Returns the W + 1 boundaries.
 */
export function shareBoundaries(batchSize: number, workers: number): number[] {
  if (!(Number.isInteger(batchSize) && batchSize >= workers)) {
    throw new InvalidInputError(
      `batch of ${quote(batchSize)} windows cannot give each of ${workers} workers at least one window`,
    );
  }
  return Array.from({ length: workers + 1 }, (_, w) => Math.floor((w * batchSize) / workers));
}

/**
 * Which worker updates each variable (the optimizer state is sharded, as ZeRO stage 1 shards it): variables
 * largest first, each to the worker with the fewest parameters so far (ties: the lower index), so the Adam
 * work is balanced and every replica computes the same owners from the same sizes.
 */
export function partitionVariables(sizes: readonly number[], workers: number): number[] {
  const owners = sizes.map(() => 0);
  const load = Array.from({ length: workers }, () => 0);
  const order = sizes
    .map((_, index) => index)
    .sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  for (const variable of order) {
    let lightest = 0;
    for (let w = 1; w < workers; w++) if ((load[w] as number) < (load[lightest] as number)) lightest = w;
    owners[variable] = lightest;
    load[lightest] = (load[lightest] as number) + (sizes[variable] as number);
  }
  return owners;
}

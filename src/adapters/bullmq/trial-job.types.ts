import type { TrialContext, TrialResult, TrialSpec } from '../../optimize/optimize.types.js';

/**
 * Where a worker finds the bars of an optimization: plain JSON, put in every job, so that any machine with the
 * same store (or the same files) can load them. The coordinator chooses its shape, e.g.
 * `{ kind: 'store', symbols: ['SPY'], timeframe: '1d' }`; the worker's evaluate function interprets it.
 */
export type DataReference = Readonly<Record<string, unknown>>;

/** The data of one BullMQ job: one trial, with everything a worker needs to run it. */
export interface TrialJobData {
  readonly spec: TrialSpec;
  readonly context: TrialContext;
  readonly data: DataReference;
}

/** Runs one trial on a worker. A bad parameter combination is a result with `error` set, not a throw. */
export type EvaluateTrial = (
  spec: TrialSpec,
  context: TrialContext,
  data: DataReference,
) => Promise<TrialResult>;

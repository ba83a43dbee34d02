/**
 * Shared vocabulary of the optimizer (issue 7). Search methods produce TrialSpecs, executors (a worker pool on
 * one machine, BullMQ workers on many) turn them into TrialResults, validation statistics consume results.
 */

/** One parameter's value in a trial. */
export type ParameterValue = number | string | boolean;
export type TrialParams = Readonly<Record<string, ParameterValue>>;

/** A parameter dimension of the search: numeric range with a step (grid) or an explicit list of choices. */
export type ParameterDimension =
  | {
      readonly kind: 'range';
      readonly name: string;
      readonly min: number;
      readonly max: number;
      /** Grid step; random and Bayesian search sample the range (integers when `integer`). */
      readonly step: number;
      readonly integer: boolean;
    }
  | { readonly kind: 'choice'; readonly name: string; readonly values: readonly ParameterValue[] };

export type ParameterSpace = readonly ParameterDimension[];

/** A time window of the data, [from, to) in epoch ms; absent bounds are unbounded. */
export interface DataWindow {
  readonly from?: number;
  readonly to?: number;
}

/** One backtest to run. `id` is deterministic (the same run, search and index give the same id). */
export interface TrialSpec {
  readonly id: string;
  readonly index: number;
  readonly params: TrialParams;
  /** The data window to run on (a walk-forward fold); absent: all the data. */
  readonly window?: DataWindow;
  /** Bars before `window.from` given to the strategy to warm up (their P&L is not measured). */
  readonly warmupBars?: number;
}

/** What a trial produced. Metrics use the backtest metrics' names (sharpeRatio, maxDrawdown, closedTrades ...). */
export interface TrialResult {
  readonly id: string;
  readonly index: number;
  readonly params: TrialParams;
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Simple return of each bar of the measured window (for PBO and the deflated Sharpe ratio). */
  readonly returns: Float64Array;
  /** Time of each of those returns (bar completion, epoch ms). */
  readonly returnTs: Float64Array;
  readonly durationMs: number;
  /** Set when the trial could not run (bad parameter combination): it is ranked last, never retried. */
  readonly error: string | null;
}

/** Runs trials somewhere (threads, machines); results arrive in completion order. */
export interface TrialExecutor {
  run(trials: readonly TrialSpec[], onResult: (result: TrialResult) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything a trial needs besides its parameters, fixed for a whole optimization: the strategy, the
 * simulation settings (cash, costs, fill timing, leverage, risk preset) as plain JSON so it can cross thread
 * and machine boundaries. The bars travel separately (shared memory, or loaded from the store by id).
 */
export interface TrialContext {
  readonly strategy: string;
  /** Parameters fixed for every trial (merged under each trial's own). */
  readonly baseParams: TrialParams;
  readonly settings: Readonly<Record<string, unknown>>;
}

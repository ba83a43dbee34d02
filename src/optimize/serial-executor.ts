import type { BarSeries } from '../data/bar-series.js';
import { evaluateTrial } from './evaluate-trial.js';
import type { TrialContext, TrialExecutor, TrialResult, TrialSpec } from './optimize.types.js';

/** Runs trials one after another in this thread: the executor for one worker (and the tests' reference). */
export class SerialExecutor implements TrialExecutor {
  constructor(
    private readonly context: TrialContext,
    private readonly series: readonly BarSeries[],
  ) {}

  run(trials: readonly TrialSpec[], onResult: (result: TrialResult) => void): Promise<void> {
    for (const trial of trials) onResult(evaluateTrial(trial, this.context, this.series));
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

import type { Store } from '../../store/repositories.types.js';
import { backtestsTotal } from '../metrics/app-metrics.js';
import { runBacktest, type BacktestSummary, type RunBacktestRequest } from '../run-backtest.js';
import { runOptimization, type OptimizationReport, type OptimizeRequest } from '../run-optimization.js';
import type { JobManager, JobSnapshot } from './job-manager.js';

export const BACKTEST_JOB = 'backtest';
export const OPTIMIZATION_JOB = 'optimization';

/**
 * Runs a backtest (the same use case as `neural-trader backtest`) as a background job. The engine reports no
 * intermediate progress, so the job shows 0 of 1 steps while it runs and 1 of 1 when done.
 */
export function submitBacktestJob(
  jobs: JobManager,
  store: Store,
  request: RunBacktestRequest,
): JobSnapshot<BacktestSummary> {
  return jobs.submit(BACKTEST_JOB, async (context) => {
    context.progress(0, 1);
    try {
      const summary = await runBacktest(store, request);
      backtestsTotal.inc({ status: 'completed' });
      context.progress(1, 1);
      return summary;
    } catch (error) {
      backtestsTotal.inc({ status: 'failed' });
      throw error;
    }
  });
}

/**
 * Runs an optimization (the same use case as `neural-trader optimize`) as a background job: progress is the
 * trials done of the expected total, with the best objective value so far. Every trial is stored as it
 * completes, so a run cut short by a shutdown can be resumed (`neural-trader optimize --resume ID`).
 */
export function submitOptimizationJob(
  jobs: JobManager,
  store: Store,
  request: Omit<OptimizeRequest, 'onProgress'>,
): JobSnapshot<OptimizationReport> {
  return jobs.submit(OPTIMIZATION_JOB, (context) =>
    runOptimization(store, {
      ...request,
      onProgress: (done, total, best) => context.progress(done, total, { best }),
    }),
  );
}

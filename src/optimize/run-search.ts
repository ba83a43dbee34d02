import { score, type Objective } from './objective.js';
import type { DataWindow, ParameterSpace, TrialExecutor, TrialResult, TrialSpec } from './optimize.types.js';
import { createSearchMethod, type SearchMethodOptions } from './search-method.js';

export interface SearchRun {
  readonly space: ParameterSpace;
  readonly method: SearchMethodOptions;
  readonly objective: Objective;
  readonly executor: TrialExecutor;
  /** Trial ids are `${idPrefix}${index}`: deterministic, so a resumed run finds its finished trials. */
  readonly idPrefix: string;
  readonly window?: DataWindow;
  readonly warmupBars?: number;
  /** Points asked per batch (the search is told each batch's results in trial-index order). */
  readonly batchSize: number;
  /** Results already stored (resume): their trials are not run again. */
  readonly completed?: ReadonlyMap<string, TrialResult>;
  /** Each new result as it completes (store it: the run is durable trial by trial). */
  readonly onResult?: (result: TrialResult) => Promise<void>;
}

/** The objective's score of a result: larger is better, −Infinity when it failed or is infeasible. */
export function trialScore(objective: Objective, result: TrialResult): number {
  return result.error === null ? score(objective, result.metrics) : Number.NEGATIVE_INFINITY;
}

/**
 * Runs a search to the end: ask a batch, run the trials not already completed, tell the batch in index order,
 * repeat. Because the search only ever sees whole batches in index order, the same seed gives the same trials
 * however the executor orders completions, and a resumed run asks exactly the trials it asked before.
 * Returns every result in trial-index order.
 */
export async function runSearch(run: SearchRun): Promise<TrialResult[]> {
  const search = createSearchMethod(run.space, run.method);
  const completed = run.completed ?? new Map<string, TrialResult>();
  const results: TrialResult[] = [];
  let index = 0;
  for (;;) {
    const batch = search.ask(run.batchSize);
    if (batch.length === 0) break;
    const specs: TrialSpec[] = batch.map((params) => ({
      id: `${run.idPrefix}${index}`,
      index: index++,
      params,
      ...(run.window === undefined ? {} : { window: run.window }),
      ...(run.warmupBars === undefined ? {} : { warmupBars: run.warmupBars }),
    }));
    const got = new Map<string, TrialResult>();
    for (const spec of specs) {
      const done = completed.get(spec.id);
      if (done !== undefined) got.set(spec.id, done);
    }
    const todo = specs.filter((spec) => !got.has(spec.id));
    const saving: Promise<void>[] = [];
    if (todo.length > 0) {
      await run.executor.run(todo, (result) => {
        if (got.has(result.id)) return; // a duplicate delivery (a retried distributed job): keep the first
        got.set(result.id, result);
        if (run.onResult !== undefined) saving.push(run.onResult(result));
      });
    }
    await Promise.all(saving);
    const ordered = specs.map((spec) => {
      const result = got.get(spec.id);
      if (result === undefined) throw new Error(`trial ${spec.id} finished without a result`);
      return result;
    });
    results.push(...ordered);
    search.tell(ordered.map((r) => ({ params: r.params, objective: trialScore(run.objective, r) })));
  }
  return results;
}

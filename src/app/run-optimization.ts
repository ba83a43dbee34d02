import { z } from 'zod';
import { periodsPerYearFor } from '../backtest/metrics/index.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { runId as toRunId, type RunId } from '../core/ids.js';
import type { BarSeries } from '../data/bar-series.js';
import { parseTrialSettings } from '../optimize/evaluate-trial.js';
import { describeObjective, parseObjective, type Objective } from '../optimize/objective.js';
import type { ParameterSpace, TrialContext, TrialExecutor, TrialResult } from '../optimize/optimize.types.js';
import { parseParameterSpace, spaceSize } from '../optimize/parameter-space.js';
import { runSearch, trialScore } from '../optimize/run-search.js';
import {
  SEARCH_METHOD_NAMES,
  type SearchMethodName,
  type SearchMethodOptions,
} from '../optimize/search-method.js';
import { SerialExecutor } from '../optimize/serial-executor.js';
import { stitchReturns, walkForwardWindows, WALK_FORWARD_MODES } from '../optimize/walk-forward-windows.js';
import { WorkerPool } from '../optimize/worker-pool.js';
import type { JsonValue, Store, StoredTrial } from '../store/repositories.types.js';
import { loadBacktestSeries, type BacktestData } from './backtest-data.js';
import {
  deflated,
  overfitting,
  rankTrials,
  stability,
  type DeflatedSharpeResult,
  type ParameterStability,
  type RankedTrial,
} from './optimization-report.js';

export type { RankedTrial } from './optimization-report.js';

/** Everything that defines an optimization; stored with the run so `--resume` repeats it exactly. */
export const optimizeConfigSchema = z.strictObject({
  strategy: z.string().min(1),
  /** The parameter space, e.g. `fast=5:50:5,slow=50:300:10`. */
  params: z.string().min(1),
  method: z.enum(SEARCH_METHOD_NAMES).default('grid'),
  trials: z.int().min(1).max(1_000_000).optional(),
  seed: z.int().default(1),
  objective: z.string().default('sharpeRatio'),
  constraints: z.string().default(''),
  walkForward: z
    .strictObject({
      train: z.int().min(2),
      test: z.int().min(2),
      mode: z.enum(WALK_FORWARD_MODES).default('rolling'),
    })
    .optional(),
  data: z.union([
    z.strictObject({
      kind: z.literal('file'),
      path: z.string(),
      symbol: z.string().optional(),
      timeframe: z.string().optional(),
    }),
    z.strictObject({
      kind: z.literal('store'),
      symbols: z.array(z.string()).min(1),
      timeframe: z.string().optional(),
    }),
  ]),
  from: z.number().optional(),
  to: z.number().optional(),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type OptimizeConfig = z.input<typeof optimizeConfigSchema>;

export interface OptimizeRequest {
  readonly config?: OptimizeConfig;
  /** Continue this stored run instead (its trials already stored are not run again). */
  readonly resume?: string;
  /** Worker threads (default 1: in this thread). */
  readonly workers?: number;
  /**
   * After each stored trial: trials done (this session and resumed), the expected total, and the best
   * objective value so far (null until a feasible trial).
   */
  readonly onProgress?: (done: number, total: number, best: number | null) => void;
  /** Where trials run (default: this thread, or a worker pool when `workers` > 1); e.g. BullMQ workers. */
  readonly executor?: (context: TrialContext, series: readonly BarSeries[], runId: string) => TrialExecutor;
  readonly now?: () => number;
}

export interface OptimizationReport {
  readonly runId: string;
  readonly strategy: string;
  readonly method: SearchMethodName;
  readonly objective: string;
  readonly trials: readonly RankedTrial[];
  readonly best: RankedTrial | null;
  /** Probability of backtest overfitting (CSCV over the trials' returns); null when it cannot be computed. */
  readonly pbo: number | null;
  readonly deflatedSharpe: DeflatedSharpeResult | null;
  readonly stability: ParameterStability | null;
  /** Walk-forward: each fold's chosen parameters and out-of-sample figures, and the stitched OOS result. */
  readonly walkForward: {
    readonly folds: readonly {
      readonly fold: number;
      readonly best: StoredTrial['params'] | null;
      readonly outOfSample: StoredTrial['metrics'] | null;
    }[];
    readonly outOfSampleReturn: number;
    readonly outOfSampleSharpe: number | null;
  } | null;
}

/**
 * Optimizes a strategy's parameters: a seeded grid / random / Bayesian (TPE) search over the space, each trial
 * a backtest with the same settings, run in this thread or on a worker pool; every trial is stored as it
 * completes (a killed run resumes with the same id and redoes nothing finished). With walk-forward, each
 * fold optimizes on its training window and runs its best parameters on the next test window; the test
 * windows' returns are stitched into one out-of-sample record. Reports trials ranked by the objective, the
 * best, PBO (CSCV, 16 blocks, over the measured trials' returns) and the deflated Sharpe ratio of the best.
 */
export async function runOptimization(store: Store, request: OptimizeRequest): Promise<OptimizationReport> {
  const now = request.now ?? Date.now;
  let id: RunId;
  let config: z.output<typeof optimizeConfigSchema>;
  if (request.resume !== undefined) {
    const run = await store.runs.get(toRunId(request.resume));
    if (run === null || run.kind === 'backtest') {
      throw new InvalidInputError(`optimization run ${quote(request.resume)} does not exist`);
    }
    id = run.id;
    config = optimizeConfigSchema.parse(run.config);
  } else {
    if (request.config === undefined)
      throw new InvalidInputError('give an optimization config or --resume ID');
    const parsed = optimizeConfigSchema.safeParse(request.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(
        `optimization ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    config = parsed.data;
    parseTrialSettings(config.settings); // refuse bad settings before anything is stored
    id = toRunId(`opt-${now()}-${Math.floor(now() % 1e6).toString(36)}`);
    await store.runs.create({
      id,
      kind: config.walkForward === undefined ? 'optimization' : 'walk_forward',
      status: 'running',
      config: JSON.parse(JSON.stringify(config)) as JsonValue,
      metrics: null,
      startedAt: now(),
      finishedAt: null,
    });
  }
  const space = parseParameterSpace(config.params);
  const objective = parseObjective(config.objective, config.constraints);
  const series = await loadBacktestSeries(store, config.data as BacktestData, config.from, config.to);
  const context: TrialContext = {
    strategy: config.strategy,
    baseParams: {},
    settings: config.settings,
  };
  const completed = new Map((await store.trials.list(id)).map((t) => [t.id, t]));
  const workers = request.workers ?? 1;
  const executor: TrialExecutor =
    request.executor !== undefined
      ? request.executor(context, series, id)
      : workers > 1
        ? new WorkerPool({ context, series, workers })
        : new SerialExecutor(context, series);
  const method = {
    method: config.method,
    seed: config.seed,
    ...(config.trials === undefined ? {} : { trials: config.trials }),
  };
  // Grid and random ignore what they are told, so larger batches keep every worker busy; TPE learns per batch.
  const batchSize =
    config.method === 'grid' || config.method === 'random' ? Math.max(64, workers) : Math.max(1, workers);
  const points = spaceSize(space);
  const perSearch = config.method === 'grid' ? points : Math.min(points, config.trials ?? points);
  const total =
    config.walkForward === undefined
      ? perSearch
      : (perSearch + 1) * walkForwardWindows(series[0]?.ts ?? new Float64Array(0), config.walkForward).length;
  let done = completed.size;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestValue: number | null = null;
  const save = async (result: TrialResult): Promise<void> => {
    await store.trials.save(id, result);
    const s = trialScore(objective, result);
    const value = result.metrics[objective.metric];
    if (s > bestScore && typeof value === 'number') [bestScore, bestValue] = [s, value];
    request.onProgress?.(++done, total, bestValue);
  };
  try {
    const report =
      config.walkForward === undefined
        ? await optimizeOnce(config, series, space, objective, executor, method, batchSize, completed, save)
        : await optimizeWalkForward(
            config,
            series,
            space,
            objective,
            executor,
            method,
            batchSize,
            completed,
            save,
          );
    const full: OptimizationReport = { runId: id, ...report };
    await store.runs.update(id, {
      status: 'completed',
      finishedAt: now(),
      metrics: JSON.parse(JSON.stringify({ ...full, trials: full.trials.slice(0, 100) })) as JsonValue,
    });
    return full;
  } finally {
    await executor.close();
  }
}

type Config = z.output<typeof optimizeConfigSchema>;
type Save = (result: TrialResult) => Promise<void>;
type ReportBody = Omit<OptimizationReport, 'runId'>;

async function optimizeOnce(
  config: Config,
  _series: readonly BarSeries[],
  space: ParameterSpace,
  objective: Objective,
  executor: TrialExecutor,
  method: SearchMethodOptions,
  batchSize: number,
  completed: ReadonlyMap<string, TrialResult>,
  save: Save,
): Promise<ReportBody> {
  const results = await runSearch({
    space,
    method,
    objective,
    executor,
    idPrefix: 't',
    batchSize,
    completed,
    onResult: save,
  });
  const trials = rankTrials(objective, results);
  const best = trials[0]?.feasible === true ? trials[0] : null;
  const bestResult = best === null ? undefined : results.find((r) => r.id === best.id);
  return {
    strategy: config.strategy,
    method: config.method,
    objective: describeObjective(objective),
    trials,
    best,
    pbo: overfitting(results),
    deflatedSharpe: bestResult === undefined ? null : deflated(bestResult.returns, results),
    stability: stability(space, objective, results),
    walkForward: null,
  };
}

async function optimizeWalkForward(
  config: Config,
  series: readonly BarSeries[],
  space: ParameterSpace,
  objective: Objective,
  executor: TrialExecutor,
  method: SearchMethodOptions,
  batchSize: number,
  completed: ReadonlyMap<string, TrialResult>,
  save: Save,
): Promise<ReportBody> {
  const walk = config.walkForward as NonNullable<Config['walkForward']>;
  const clock = series.reduce((longest, s) => (s.length > longest.length ? s : longest));
  const folds = walkForwardWindows(clock.ts, { train: walk.train, test: walk.test, mode: walk.mode });
  const all: TrialResult[] = [];
  const outOfSample: TrialResult[] = [];
  const foldReports: {
    fold: number;
    best: TrialResult['params'] | null;
    outOfSample: TrialResult['metrics'] | null;
  }[] = [];
  let lastFold: TrialResult[] = [];
  for (const fold of folds) {
    const results = await runSearch({
      space,
      method,
      objective,
      executor,
      idPrefix: `f${fold.index}-t`,
      window: fold.train,
      warmupBars: fold.trainWarmupBars,
      batchSize,
      completed,
      onResult: save,
    });
    all.push(...results);
    lastFold = results;
    const chosen = rankTrials(objective, results)[0];
    if (chosen === undefined || !chosen.feasible) {
      foldReports.push({ fold: fold.index, best: null, outOfSample: null });
      continue;
    }
    // The fold's best parameters on the next window; the training bars before it are its warm-up.
    const testId = `f${fold.index}-oos`;
    let test = completed.get(testId);
    if (test === undefined) {
      const spec = {
        id: testId,
        index: 1_000_000_000 + fold.index,
        params: chosen.params,
        window: fold.test,
        warmupBars: fold.testStart - fold.trainStart,
      };
      await executor.run([spec], (r) => (test = r));
      if (test !== undefined) await save(test);
    }
    if (test === undefined) throw new Error(`out-of-sample trial ${testId} finished without a result`);
    outOfSample.push(test);
    foldReports.push({ fold: fold.index, best: chosen.params, outOfSample: test.metrics });
  }
  const stitched = stitchReturns(outOfSample.filter((r) => r.error === null));
  const trials = rankTrials(objective, all);
  const sharpe = stitched.returns.length > 2 ? annualizedSharpe(stitched.returns, clock) : null;
  return {
    strategy: config.strategy,
    method: config.method,
    objective: describeObjective(objective),
    trials,
    best: trials[0]?.feasible === true ? trials[0] : null,
    pbo: overfitting(lastFold),
    // The stitched out-of-sample record, deflated by the trials of the last fold's search.
    deflatedSharpe: stitched.returns.length > 2 ? deflated(stitched.returns, lastFold) : null,
    stability: stability(space, objective, lastFold),
    walkForward: {
      folds: foldReports,
      outOfSampleReturn:
        stitched.equity.length === 0 ? 0 : (stitched.equity[stitched.equity.length - 1] as number) - 1,
      outOfSampleSharpe: sharpe,
    },
  };
}

/** mean / sd (n − 1) × √(bars per year of the series' timeframe). */
function annualizedSharpe(returns: Float64Array, series: BarSeries): number | null {
  let mean = 0;
  let m2 = 0;
  returns.forEach((r, i) => {
    const delta = r - mean;
    mean += delta / (i + 1);
    m2 += delta * (r - mean);
  });
  const sd = Math.sqrt(m2 / (returns.length - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYearFor(series.timeframe)) : null;
}

/** A stored run's report, rebuilt from its stored trials (`optimize show ID`). */
export async function showOptimization(store: Store, id: string): Promise<OptimizationReport> {
  const run = await store.runs.get(toRunId(id));
  if (run === null || run.kind === 'backtest')
    throw new InvalidInputError(`optimization run ${quote(id)} does not exist`);
  if (run.status === 'completed' && run.metrics !== null) {
    const trials = (await store.trials.list(run.id)) as TrialResult[];
    const config = optimizeConfigSchema.parse(run.config);
    const objective = parseObjective(config.objective, config.constraints);
    return {
      ...(run.metrics as unknown as OptimizationReport),
      trials: rankTrials(
        objective,
        trials.filter((t) => !t.id.endsWith('-oos')),
      ),
    };
  }
  throw new InvalidInputError(
    `optimization run ${quote(id)} is ${run.status}: resume it with --resume ${id}`,
  );
}

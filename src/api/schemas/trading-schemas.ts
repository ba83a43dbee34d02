import { z } from 'zod';
import { JOB_STATUSES, type JobSnapshot } from '../../app/jobs/job-manager.js';
import { SEARCH_METHOD_NAMES } from '../../optimize/search-method.js';
import { WALK_FORWARD_MODES } from '../../optimize/walk-forward-windows.js';
import { riskConfigSchema } from '../../risk/pre-trade/risk-config.js';
import { immutableResponse } from './response-cache.js';
import { STRATEGY_PARAMETER_VALUE } from './strategy-schemas.js';
import {
  dateSchema,
  type Defined,
  withoutUndefined,
  isoTime,
  jsonSafe,
  looseObject,
  metricsSchema,
  numberOrNull,
  riskLevelSchema,
  symbolSchema,
  timeframeSchema,
} from './common.js';

/** Stored bars to run on. Files on the server are not readable through the API (the CLI reads files). */
export const dataFields = {
  symbols: z.array(symbolSchema).min(1).max(50).describe('stored symbols (import or generate them first)'),
  timeframe: timeframeSchema.optional().describe('default 1d'),
  from: dateSchema.optional().describe('first bar, inclusive'),
  to: dateSchema.optional().describe('last bar, exclusive'),
};

/** Costs, sizing and account: the CLI's backtest flags, under the same names as the use cases take. */
export const settingsFields = {
  cash: z.number().positive().finite().optional().describe('starting cash (default 1,000,000)'),
  quantity: z.number().positive().finite().optional().describe('fixed units per entry'),
  percentEquity: z.number().positive().finite().optional().describe('percent of equity per entry'),
  commissionPerOrder: z.number().min(0).finite().optional(),
  commissionBps: z.number().min(0).finite().optional(),
  slippageBps: z.number().min(0).finite().optional(),
  leverage: z
    .number()
    .positive()
    .finite()
    .optional()
    .describe('max gross exposure per unit of equity (default 1)'),
  fill: z.enum(['next-open', 'next-close', 'close']).optional().describe('fill timing (default next-open)'),
};

/** Inputs beyond bars: seeded synthetic disclosures (the mirror strategy) and news sentiment. */
export const inputFields = {
  disclosures: z
    .strictObject({ kind: z.literal('synthetic'), edge: z.number().min(0).max(1), seed: z.int().optional() })
    .optional()
    .describe('synthetic disclosed trades for the mirror strategy, with this edge'),
  news: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('synthetic'),
        edge: z.number().min(0).max(1),
        seed: z.int().optional(),
      }),
      z.strictObject({ kind: z.literal('store') }),
    ])
    .optional()
    .describe('news sentiment for the news-driven strategies: synthetic, or the stored articles'),
};

export const backtestBodySchema = z
  .strictObject({
    strategy: z.string().min(1).describe('strategy name, e.g. sma-cross'),
    params: z
      .record(z.string(), STRATEGY_PARAMETER_VALUE)
      .optional()
      .describe('e.g. {"fast": 10, "slow": 30}'),
    ...dataFields,
    ...settingsFields,
    ...inputFields,
    risk: z
      .union([riskLevelSchema, riskConfigSchema])
      .optional()
      .describe('pre-trade risk limits: a risk level preset or a full configuration (default: none)'),
    riskFreeRate: z.number().min(0).finite().optional().describe('annual, e.g. 0.04'),
    benchmark: symbolSchema.optional().describe('stored symbol for alpha and beta'),
  })
  .meta({ id: 'BacktestRequest' });

export const optimizeBodySchema = z
  .strictObject({
    strategy: z.string().min(1),
    params: z.string().min(1).describe("parameter space, e.g. 'fast=5:50:5,slow=50:300:10,mode=a|b'"),
    method: z.enum(SEARCH_METHOD_NAMES).default('grid'),
    trials: z.int().min(1).max(1_000_000).optional().describe('trials of random / bayes search'),
    seed: z.int().default(1),
    objective: z.string().default('sharpeRatio'),
    constraints: z.string().default('').describe("e.g. 'maxDrawdown<=0.2,closedTrades>=30'"),
    walkForward: z
      .strictObject({
        train: z.int().min(2),
        test: z.int().min(2),
        mode: z.enum(WALK_FORWARD_MODES).default('rolling'),
      })
      .optional(),
    ...dataFields,
    ...settingsFields,
    workers: z
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe('worker threads for the trials (capped by MAX_WORKERS)'),
  })
  .meta({ id: 'OptimizeRequest' });

/** The settings fields as parsed from a request body (any of them may be absent). */
export type SettingsInput = {
  [K in keyof typeof settingsFields]?: z.output<(typeof settingsFields)[K]> | undefined;
};

/** The same settings under the names SimulationSettings uses (`leverage` is `maxLeverage`). */
export function simulationSettings(
  body: SettingsInput,
): Omit<Defined<SettingsInput>, 'leverage'> & { maxLeverage?: number } {
  const { leverage, ...rest } = withoutUndefined(body);
  return { ...rest, ...(leverage === undefined ? {} : { maxLeverage: leverage }) };
}

export const backtestSummarySchema = z
  .looseObject({
    runId: z.string(),
    strategy: z.string(),
    params: z.record(z.string(), z.unknown()),
    symbols: z.array(z.string()),
    timeframe: z.string(),
    fillTiming: z.string(),
    bars: z.int(),
    metrics: metricsSchema,
    fills: z.int(),
    deniedOrders: z.int(),
    netPnl: numberOrNull,
    finalEquity: numberOrNull,
    tradesHash: z.string(),
    warnings: z.array(z.string()),
    trades: z.array(looseObject),
  })
  .meta({ id: 'BacktestSummary' });

export const optimizationReportSchema = z
  .looseObject({
    runId: z.string(),
    strategy: z.string(),
    method: z.string(),
    objective: z.string(),
    trials: z.array(
      z.looseObject({
        rank: z.int(),
        id: z.string(),
        objective: numberOrNull,
        feasible: z.boolean(),
        metrics: metricsSchema,
      }),
    ),
    best: looseObject.nullable(),
    pbo: numberOrNull,
    deflatedSharpe: looseObject.nullable(),
    stability: looseObject.nullable(),
    walkForward: looseObject.nullable(),
  })
  .meta({ id: 'OptimizationReport' });

/** A background job as the API shows it (times in ISO 8601), its result once completed. */
export function jobSchema<T extends z.ZodType>(result: T, id: string) {
  return z
    .object({
      id: z.string(),
      kind: z.string(),
      status: z.enum(JOB_STATUSES),
      progress: z.object({
        done: z.number(),
        total: z.number(),
        detail: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).nullable(),
      }),
      result: result.nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      submittedAt: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      links: z.object({ self: z.string() }),
    })
    .meta({ id });
}

/** Views of job snapshots: a snapshot is replaced, never changed, so its view (and JSON) can be reused. */
const views = new WeakMap<JobSnapshot, Record<string, unknown>>();

/** The job as the API shows it; a finished job's body is serialized once however often it is polled. */
export function jobView(job: JobSnapshot, path: string): Record<string, unknown> {
  let view = views.get(job);
  if (view === undefined) {
    view = immutableResponse({
      ...(jsonSafe(job) as Record<string, unknown>),
      submittedAt: isoTime(job.submittedAt),
      startedAt: isoTime(job.startedAt),
      finishedAt: isoTime(job.finishedAt),
      links: { self: `${path}/${job.id}` },
    });
    views.set(job, view);
  }
  return view;
}

import { z } from 'zod';
import {
  BACKTEST_JOB,
  OPTIMIZATION_JOB,
  submitBacktestJob,
  submitOptimizationJob,
} from '../../app/jobs/trading-jobs.js';
import { strategyInfo } from '../../app/strategy-catalog.js';
import type { RouteModule } from '../api-context.js';
import { asResponse, errorResponses, withoutUndefined } from '../schemas/common.js';
import {
  backtestBodySchema,
  backtestSummarySchema,
  jobSchema,
  jobView,
  optimizationReportSchema,
  optimizeBodySchema,
  simulationSettings,
} from '../schemas/trading-schemas.js';

const backtestJobSchema = jobSchema(backtestSummarySchema, 'BacktestJob');
const optimizationJobSchema = jobSchema(optimizationReportSchema, 'OptimizationJob');
const jobParams = z.object({ id: z.string().min(1).max(100) });

/**
 * Backtests and optimizations as background jobs: POST returns 202 with the job id at once; GET .../{id}
 * gives status, progress and, once completed, the result (the same report as the CLI's --json); the `jobs`
 * WebSocket topic streams the progress.
 */
export const tradingRoutes: RouteModule = {
  name: 'trading',
  register(app, context) {
    app.post(
      '/trading/backtest',
      {
        schema: {
          tags: ['trading'],
          summary: 'Start a backtest job on stored bars',
          body: backtestBodySchema,
          response: { 202: backtestJobSchema, ...errorResponses, 503: errorResponses[400] },
        },
      },
      (request, reply) => {
        const body = withoutUndefined(request.body);
        strategyInfo(body.strategy); // an unknown strategy is a 400 now rather than a failed job later
        const { strategy, params, symbols, timeframe, benchmark, cash, quantity, percentEquity, ...rest } =
          body;
        const { commissionPerOrder, commissionBps, slippageBps, leverage, fill, ...inputs } = rest;
        const job = submitBacktestJob(context.jobs, context.store, {
          ...inputs,
          strategy,
          params: params ?? {},
          data: { kind: 'store', symbols, ...(timeframe === undefined ? {} : { timeframe }) },
          ...(benchmark === undefined ? {} : { benchmark: { kind: 'store', symbol: benchmark } }),
          ...simulationSettings({
            cash,
            quantity,
            percentEquity,
            commissionPerOrder,
            commissionBps,
            slippageBps,
            leverage,
            fill,
          }),
        });
        void reply.code(202);
        return asResponse(backtestJobSchema, jobView(job, '/trading/backtest'));
      },
    );

    app.get(
      '/trading/backtest/:id',
      {
        schema: {
          tags: ['trading'],
          summary: "A backtest job's status, progress and result",
          params: jobParams,
          response: { 200: backtestJobSchema, ...errorResponses },
        },
      },
      (request) =>
        asResponse(
          backtestJobSchema,
          jobView(context.jobs.get(request.params.id, BACKTEST_JOB), '/trading/backtest'),
        ),
    );

    app.post(
      '/trading/optimize',
      {
        schema: {
          tags: ['trading'],
          summary: "Start an optimization job: search a strategy's parameters on stored bars",
          body: optimizeBodySchema,
          response: { 202: optimizationJobSchema, ...errorResponses, 503: errorResponses[400] },
        },
      },
      (request, reply) => {
        const body = withoutUndefined(request.body);
        strategyInfo(body.strategy);
        const { workers, symbols, timeframe, from, to, cash, quantity, percentEquity, ...rest } = body;
        const { commissionPerOrder, commissionBps, slippageBps, leverage, fill, ...search } = rest;
        const job = submitOptimizationJob(context.jobs, context.store, {
          config: {
            ...search,
            data: { kind: 'store', symbols, ...(timeframe === undefined ? {} : { timeframe }) },
            ...(from === undefined ? {} : { from }),
            ...(to === undefined ? {} : { to }),
            settings: simulationSettings({
              cash,
              quantity,
              percentEquity,
              commissionPerOrder,
              commissionBps,
              slippageBps,
              leverage,
              fill,
            }),
          },
          workers: Math.min(workers, context.config.performance.maxWorkers),
        });
        void reply.code(202);
        return asResponse(optimizationJobSchema, jobView(job, '/trading/optimize'));
      },
    );

    app.get(
      '/trading/optimize/:id',
      {
        schema: {
          tags: ['trading'],
          summary: "An optimization job's status, progress (trials done, best so far) and report",
          params: jobParams,
          response: { 200: optimizationJobSchema, ...errorResponses },
        },
      },
      (request) =>
        asResponse(
          optimizationJobSchema,
          jobView(context.jobs.get(request.params.id, OPTIMIZATION_JOB), '/trading/optimize'),
        ),
    );
  },
};

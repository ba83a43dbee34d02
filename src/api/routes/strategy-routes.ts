import { z } from 'zod';
import { compareStrategies } from '../../app/compare-strategies.js';
import { recommendStrategy } from '../../app/recommend-strategy.js';
import { listStrategies, strategyInfo } from '../../app/strategy-catalog.js';
import type { RouteModule } from '../api-context.js';
import { asResponse, errorResponses, jsonSafe, withoutUndefined } from '../schemas/common.js';
import {
  comparisonSchema,
  costFields,
  RANK_METRIC_NAMES,
  recommendationSchema,
  recommendBodySchema,
  strategyInfoSchema,
  strategySummarySchema,
  STRATEGY_PARAMETER_VALUE,
} from '../schemas/strategy-schemas.js';
import { dataFields, inputFields, simulationSettings } from '../schemas/trading-schemas.js';

const compareBodySchema = z
  .strictObject({
    strategies: z.array(z.string().min(1)).min(1).max(20),
    params: z
      .record(z.string(), z.record(z.string(), STRATEGY_PARAMETER_VALUE))
      .optional()
      .describe('per strategy, e.g. {"sma-cross": {"fast": 5, "slow": 20}}'),
    rankBy: z.enum(RANK_METRIC_NAMES).default('sharpeRatio'),
    ...dataFields,
    ...costFields,
    ...inputFields,
  })
  .meta({ id: 'CompareRequest' });

/** The strategy catalog, comparisons and recommendations: the CLI's `strategies` commands. */
export const strategyRoutes: RouteModule = {
  name: 'strategies',
  register(app, context) {
    app.get(
      '/strategies',
      {
        schema: {
          tags: ['strategies'],
          summary: 'Registered strategies: style, risk level, symbols, description',
          response: { 200: z.object({ strategies: z.array(strategySummarySchema) }), ...errorResponses },
        },
      },
      () => ({ strategies: asResponse(z.array(strategySummarySchema), listStrategies()) }),
    );

    app.get(
      '/strategies/:name',
      {
        schema: {
          tags: ['strategies'],
          summary: 'One strategy with the JSON Schema of its parameters',
          params: z.object({ name: z.string().min(1).max(64) }),
          response: { 200: strategyInfoSchema, ...errorResponses },
        },
      },
      (request) => asResponse(strategyInfoSchema, strategyInfo(request.params.name)),
    );

    app.post(
      '/strategies/compare',
      {
        schema: {
          tags: ['strategies'],
          summary: 'Backtest several strategies on the same bars and costs; rank them by a metric',
          body: compareBodySchema,
          response: { 200: comparisonSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { symbols, timeframe, cash, commissionBps, slippageBps, leverage, ...rest } = withoutUndefined(
          request.body,
        );
        const comparison = await compareStrategies(context.store, {
          ...rest,
          data: { kind: 'store', symbols, ...(timeframe === undefined ? {} : { timeframe }) },
          ...simulationSettings({ cash, commissionBps, slippageBps, leverage }),
        });
        return asResponse(comparisonSchema, jsonSafe(comparison));
      },
    );

    app.post(
      '/strategies/recommend',
      {
        schema: {
          tags: ['strategies'],
          summary: 'Recommend a strategy for symbols and a risk level from the regime and recent backtests',
          body: recommendBodySchema,
          response: { 200: recommendationSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { commissionBps, slippageBps, leverage, ...rest } = withoutUndefined(request.body);
        const recommendation = await recommendStrategy(context.store, {
          ...rest,
          ...simulationSettings({ commissionBps, slippageBps, leverage }),
        });
        return asResponse(recommendationSchema, jsonSafe(recommendation));
      },
    );
  },
};

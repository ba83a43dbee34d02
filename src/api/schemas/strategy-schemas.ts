import { z } from 'zod';
import { RANK_METRICS } from '../../app/compare-strategies.js';
import {
  looseObject,
  metricsSchema,
  numberOrNull,
  riskLevelSchema,
  symbolSchema,
  timeframeSchema,
} from './common.js';

/** A strategy parameter value as the CLI's `--params k=v` parses it. */
export const STRATEGY_PARAMETER_VALUE = z.union([z.number(), z.string(), z.boolean()]);

export const strategySummarySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    style: z.string(),
    riskLevel: riskLevelSchema,
    markets: z.array(z.string()),
    timeframes: z.array(z.string()),
    symbols: z.object({ min: z.int(), max: z.int().nullable().describe('null: unbounded') }),
  })
  .meta({ id: 'StrategySummary' });

export const strategyInfoSchema = strategySummarySchema
  .extend({ parameters: z.record(z.string(), z.unknown()).describe('JSON Schema of the parameters') })
  .meta({ id: 'StrategyInfo' });

const RANK_METRIC_NAMES = Object.keys(RANK_METRICS) as [
  keyof typeof RANK_METRICS,
  ...(keyof typeof RANK_METRICS)[],
];

export const costFields = {
  cash: z.number().positive().finite().optional().describe('starting cash (default 1,000,000)'),
  commissionBps: z.number().min(0).finite().optional(),
  slippageBps: z.number().min(0).finite().optional(),
  leverage: z
    .number()
    .positive()
    .finite()
    .optional()
    .describe('max gross exposure per unit of equity (default 1)'),
};

export const comparisonRowSchema = z.object({
  rank: z.int(),
  strategy: z.string(),
  mode: z.enum(['portfolio', 'per-symbol']),
  metrics: metricsSchema,
  fills: z.int(),
  netPnl: numberOrNull,
  finalEquity: numberOrNull,
  error: z.string().nullable(),
});

export const comparisonSchema = z
  .object({
    symbols: z.array(z.string()),
    timeframe: z.string(),
    bars: z.int(),
    rankedBy: z.enum(RANK_METRIC_NAMES),
    rows: z.array(comparisonRowSchema),
  })
  .meta({ id: 'StrategyComparison' });

export const recommendBodySchema = z
  .strictObject({
    symbols: z.array(symbolSchema).min(1).max(50),
    risk: riskLevelSchema.default('medium').describe('your risk level: strategies above it are excluded'),
    timeframe: timeframeSchema.optional(),
    folds: z.int().min(1).max(50).optional().describe('recent out-of-sample windows (default 4)'),
    foldBars: z.int().min(5).max(100_000).optional().describe('bars per window (default 63)'),
    commissionBps: costFields.commissionBps,
    slippageBps: costFields.slippageBps,
    leverage: costFields.leverage,
  })
  .meta({ id: 'RecommendRequest' });

export const recommendationSchema = z
  .object({
    symbols: z.array(z.string()),
    risk: riskLevelSchema,
    recommended: z.string().nullable(),
    reasons: z.array(z.string()),
    regime: z.object({ symbols: z.array(looseObject), bestPair: looseObject.nullable() }),
    candidates: z.array(
      z.looseObject({
        strategy: z.string(),
        riskLevel: riskLevelSchema,
        windowSharpes: z.array(numberOrNull),
        meanSharpe: numberOrNull,
        score: numberOrNull,
        reasons: z.array(z.string()),
      }),
    ),
    excluded: z.array(z.object({ strategy: z.string(), reason: z.string() })),
  })
  .meta({ id: 'Recommendation' });

export { RANK_METRIC_NAMES };

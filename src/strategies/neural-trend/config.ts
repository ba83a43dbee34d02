import { z } from 'zod';
import { TIMEFRAMES } from '../../model/timeframe.js';

/**
 * neural-trend parameters (README.md explains each). Two groups: the forecast (horizons of the two timeframes,
 * the interval it reads, the walk-forward windows) and the trading rule (thresholds on the combined z-score,
 * sizing). The walk-forward settings also drive the pre-training helper (walk-forward-schedule.ts), which
 * parses the same schema so that the folds it trains are the folds the strategy expects.
 */
export const neuralTrendConfigSchema = z
  .strictObject({
    symbols: z.array(z.string().min(1)).min(1).describe('instruments traded'),
    timeframe: z
      .enum(TIMEFRAMES)
      .default('1d')
      .describe('bar timeframe it subscribes to (the base timeframe)'),
    horizon: z
      .number()
      .int()
      .min(1)
      .max(720)
      .default(5)
      .describe('steps 1..horizon of the base-timeframe forecast path that are traded'),
    higherTimeframeBars: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(5)
      .describe('base bars per bar of the higher timeframe (5 daily bars: a rolling week)'),
    higherHorizon: z
      .number()
      .int()
      .min(1)
      .max(720)
      .default(2)
      .describe('steps of the higher-timeframe forecast path that are traded'),
    higherWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('weight of the higher timeframe in the combined score; 0 trades the base timeframe alone'),
    trainWindow: z
      .number()
      .int()
      .min(20)
      .max(1_000_000)
      .default(250)
      .describe('trailing base bars each (re)training reads; also the drift baseline estimation window'),
    retrainEvery: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(50)
      .describe('base bars between walk-forward retrainings (the length of a fold)'),
    intervalLevel: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.8)
      .describe('central interval whose width measures the uncertainty (its quantiles must be forecast)'),
    entryThreshold: z
      .number()
      .gt(0)
      .max(3)
      .default(0.5)
      .describe('enter when the combined z-score reaches this (in its direction)'),
    exitThreshold: z
      .number()
      .min(0)
      .max(3)
      .default(0.1)
      .describe('hold while the combined z-score stays at or beyond this in the position direction'),
    fullSizeZ: z
      .number()
      .gt(0)
      .max(3)
      .default(2)
      .describe('combined |z| at which the position reaches maxPositionPercent'),
    maxPositionPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(100)
      .describe('largest position, percent of equity'),
    rebalanceBand: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe('resize an open position only when it is off its target by more than this fraction'),
    forecastEvery: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .describe('bars between forecasts of a symbol (decisions happen only on forecast bars)'),
    allowShort: z.boolean().default(false).describe('trade a negative score short instead of staying flat'),
    fractional: z.boolean().default(false).describe('allow fractional quantities (crypto)'),
  })
  .check((ctx) => {
    const c = ctx.value;
    const problem =
      c.exitThreshold > c.entryThreshold
        ? { path: 'exitThreshold', message: `must be <= entryThreshold (${c.entryThreshold})` }
        : c.trainWindow < 2 * c.higherTimeframeBars + 1
          ? {
              path: 'trainWindow',
              message: `must be >= 2 × higherTimeframeBars + 1 (${2 * c.higherTimeframeBars + 1}): the higher timeframe needs 3 bars`,
            }
          : null;
    if (problem !== null) {
      ctx.issues.push({ code: 'custom', message: problem.message, path: [problem.path], input: c });
    }
  });

export type NeuralTrendConfig = z.output<typeof neuralTrendConfigSchema>;

/** The walk-forward part of the configuration, which the pre-training helper needs. */
export type WalkForwardSettings = Pick<
  NeuralTrendConfig,
  'trainWindow' | 'retrainEvery' | 'higherTimeframeBars' | 'higherWeight' | 'timeframe'
>;

import { z } from 'zod';
import { momentumShape, withMomentumRules } from '../momentum/config.js';

/**
 * enhanced-momentum parameters: every momentum parameter (momentum/config.ts) plus the weights of the three
 * inputs, the forecast's horizon and history, and the news filter. `entryThreshold` / `exitThreshold` apply to
 * the combined score, which is on the momentum z-score's scale (see strategy.ts).
 */
export const enhancedMomentumConfigSchema = withMomentumRules(
  z.strictObject({
    ...momentumShape,
    momentumWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('weight w_m of the momentum z-score in the combined score'),
    forecastWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe('weight w_f of the forecast z-score (expected log return / its standard deviation)'),
    sentimentWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe('weight w_s of the news sentiment (×3, so full conviction counts like a 3-sigma signal)'),
    forecastHorizon: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(21)
      .describe('bars ahead the forecaster predicts'),
    forecastWindow: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(252)
      .describe('latest closes handed to the forecaster (its whole view of the past)'),
    forecastEvery: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .describe('bars between forecasts of a symbol (the last one is reused in between)'),
    forecastDecay: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.94)
      .describe('EWMA decay λ of the baseline drift-ewma forecaster (unused when a forecaster is supplied)'),
    sentimentVeto: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe('no long entry while sentiment < -this, no short entry while > this; 1 = never veto'),
    minArticles: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .describe('a sentiment reading counts only when it aggregates at least this many articles'),
  }),
  (c) =>
    c.momentumWeight + c.forecastWeight + c.sentimentWeight > 0
      ? null
      : { path: 'momentumWeight', message: 'at least one of the three weights must be > 0' },
);

export type EnhancedMomentumConfig = z.output<typeof enhancedMomentumConfigSchema>;

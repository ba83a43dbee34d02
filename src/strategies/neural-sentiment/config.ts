import { z } from 'zod';
import { TIMEFRAMES } from '../../model/timeframe.js';

/** How a sentiment signal must be confirmed by the price before it is traded. */
export const PRICE_CONFIRMATIONS = ['return', 'none'] as const;
export type PriceConfirmation = (typeof PRICE_CONFIRMATIONS)[number];

/**
 * neural-sentiment parameters (README.md explains each). The sentiment itself comes from the `sentiment`
 * input (a SentimentSource: stored articles scored by the news module, or the synthetic news stream); these
 * settings say how its readings become trades.
 */
export const neuralSentimentConfigSchema = z
  .strictObject({
    symbols: z.array(z.string().min(1)).min(1).describe('instruments traded'),
    timeframe: z.enum(TIMEFRAMES).default('1d').describe('bar timeframe it subscribes to'),
    fastPeriod: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(3)
      .describe('bars of the fast exponential mean of the sentiment score'),
    slowPeriod: z
      .number()
      .int()
      .min(2)
      .max(2000)
      .default(20)
      .describe('bars of the slow exponential mean of the sentiment score (the baseline)'),
    shockThreshold: z
      .number()
      .gt(0)
      .max(2)
      .default(0.3)
      .describe('a shock: new articles move the score at least this far from the slow mean'),
    trendThreshold: z
      .number()
      .gt(0)
      .max(2)
      .default(0.15)
      .describe('a trend: the fast mean is at least this far above (below) the slow mean'),
    confirmation: z
      .enum(PRICE_CONFIRMATIONS)
      .default('return')
      .describe('return: the close-to-close return over confirmBars must agree with the signal'),
    confirmBars: z.number().int().min(1).max(250).default(2).describe('bars of the confirming return'),
    holdingBars: z.number().int().min(1).max(1000).default(10).describe('bars a position is held at most'),
    stopLossPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(8)
      .describe('close the position when the close is this far against its entry price'),
    positionPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(10)
      .describe('percent of equity per position at confidence 1 (scaled by the confidence)'),
    minConfidence: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe('signals whose confidence is below this are not traded'),
    allowShort: z.boolean().default(false).describe('also trade negative signals by opening shorts'),
    fractional: z.boolean().default(false).describe('allow fractional quantities'),
  })
  .refine((c) => c.fastPeriod < c.slowPeriod, {
    message: 'fastPeriod must be below slowPeriod',
    path: ['fastPeriod'],
  });

export type NeuralSentimentConfig = z.output<typeof neuralSentimentConfigSchema>;

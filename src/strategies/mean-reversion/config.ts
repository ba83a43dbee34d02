import { z } from 'zod';
import { TIMEFRAMES } from '../../model/timeframe.js';

/** The entry rules (see README.md): z-score of the close, a Bollinger band breach, or Connors' RSI(2). */
export const MEAN_REVERSION_SIGNALS = ['z-score', 'bollinger', 'rsi2'] as const;
export type MeanReversionSignal = (typeof MEAN_REVERSION_SIGNALS)[number];

/** `breach`: enter on the close outside the band; `reentry`: on the first close back inside after a breach. */
export const BOLLINGER_ENTRIES = ['breach', 'reentry'] as const;
export type BollingerEntry = (typeof BOLLINGER_ENTRIES)[number];

/** What decides that the market trends too strongly to fade: ADX, the regression slope, the Hurst exponent. */
export const REGIME_FILTERS = ['adx', 'slope', 'hurst', 'none'] as const;
export type RegimeFilter = (typeof REGIME_FILTERS)[number];

/**
 * mean-reversion parameters. Every number has a range; the defaults are the classic textbook values
 * (20-bar mean, 2σ, RSI(2) < 10, ADX(14) > 25 as "trending"). Sizing as sma-cross: a fixed `quantity`, or
 * `percentOfEquity` of the equity at the decision bar's close (whole units unless `fractional`), else 1 unit.
 */
export const meanReversionConfigSchema = z
  .strictObject({
    symbol: z.string().min(1).describe('the instrument traded'),
    timeframe: z.enum(TIMEFRAMES).default('1d').describe('bar timeframe it subscribes to'),
    signal: z.enum(MEAN_REVERSION_SIGNALS).default('z-score').describe('entry rule'),
    period: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(20)
      .describe(
        'bars of the moving mean (SMA) the strategy reverts to and exits at; also the z-score/band window',
      ),
    entryZ: z.number().gt(0).max(10).default(2).describe('z-score signal: enter when |z| >= entryZ'),
    deviations: z.number().gt(0).max(10).default(2).describe('bollinger signal: band width in σ'),
    bollingerEntry: z
      .enum(BOLLINGER_ENTRIES)
      .default('breach')
      .describe('bollinger signal: breach or re-entry'),
    rsiPeriod: z.number().int().min(2).max(50).default(2).describe('rsi2 signal: RSI period'),
    rsiEntry: z
      .number()
      .gt(0)
      .lt(50)
      .default(10)
      .describe('rsi2 signal: long below this RSI, short above 100 − this'),
    allowShort: z.boolean().default(false).describe('also fade moves above the mean (short)'),
    halfLifeWindow: z
      .number()
      .int()
      .min(20)
      .max(5000)
      .default(100)
      .describe('bars of closes the Ornstein-Uhlenbeck half-life is estimated on'),
    halfLifeEvery: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(20)
      .describe('re-estimate the half-life (and Hurst) every this many bars'),
    halfLifeFilter: z
      .boolean()
      .default(true)
      .describe('stand aside while the estimated half-life is not finite or above maxHalfLife'),
    maxHalfLife: z.number().gt(0).max(10_000).default(50).describe('longest half-life (bars) still traded'),
    holdingHalfLives: z
      .number()
      .gt(0)
      .max(100)
      .default(3)
      .describe('time stop: exit after this many half-lives in the trade'),
    maxHoldingBars: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(60)
      .describe('time stop cap in bars (used alone when the half-life is not finite)'),
    stopLossPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(5)
      .describe('exit when the close is this percent against the average entry price'),
    regimeFilter: z.enum(REGIME_FILTERS).default('adx').describe('what counts as a strong trend'),
    adxPeriod: z.number().int().min(2).max(200).default(14).describe('adx filter: ADX period'),
    adxThreshold: z.number().min(0).max(100).default(25).describe('adx filter: stand aside above this ADX'),
    slopeWindow: z.number().int().min(2).max(1000).default(50).describe('slope filter: regression window'),
    slopeThreshold: z
      .number()
      .gt(0)
      .max(100)
      .default(0.1)
      .describe('slope filter: stand aside above this |slope| in percent of the close per bar'),
    hurstThreshold: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.55)
      .describe('hurst filter: stand aside above this Hurst exponent of the log closes'),
    quantity: z.number().positive().optional().describe('fixed units per entry'),
    percentOfEquity: z.number().gt(0).max(100).optional().describe('or: percent of equity per entry'),
    fractional: z.boolean().default(false).describe('allow fractional units with percentOfEquity'),
  })
  .refine((c) => c.quantity === undefined || c.percentOfEquity === undefined, {
    message: 'give quantity or percentOfEquity, not both',
    path: ['quantity'],
  });

export type MeanReversionConfig = z.output<typeof meanReversionConfigSchema>;

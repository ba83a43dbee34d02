import { z } from 'zod';
import { TIMEFRAMES } from '../../model/timeframe.js';

/** How the hedge ratio β of a selected pair is tracked bar by bar. */
export const HEDGE_METHODS = ['rolling-ols', 'kalman'] as const;
export type HedgeMethod = (typeof HEDGE_METHODS)[number];

/** The series the pair is modelled on: log closes (default, scale-free) or the closes themselves. */
export const PRICE_TRANSFORMS = ['log', 'price'] as const;
export type PriceTransform = (typeof PRICE_TRANSFORMS)[number];

/** `dollar-neutral`: equal notional long and short; `hedge-ratio`: legs in the proportion β of the spread. */
export const LEG_SIZINGS = ['dollar-neutral', 'hedge-ratio'] as const;
export type LegSizing = (typeof LEG_SIZINGS)[number];

/**
 * `KO,PEP`, `KO;PEP` (the form that survives the CLI's comma-separated `--params`), `KO PEP` or ['KO', 'PEP'] →
 * ['KO', 'PEP'] (upper case: the engine subscribes in upper case).
 */
const symbolList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(/[,;\s]+/) : value)
      .map((symbol) => symbol.trim().toUpperCase())
      .filter((symbol) => symbol !== ''),
  )
  .pipe(z.array(z.string()).min(2, 'pairs needs at least 2 symbols'));

/**
 * pairs parameters. Windows and periods are in bars. Defaults: one trading year to form pairs, a quarter
 * between re-tests, the common ±2σ entry / 0 exit / 4σ stop, 20% of equity gross per pair.
 */
export const pairsConfigSchema = z
  .strictObject({
    symbols: symbolList.describe('the universe pairs are chosen from (comma-separated or a list)'),
    timeframe: z.enum(TIMEFRAMES).default('1d').describe('bar timeframe it subscribes to'),
    formationWindow: z
      .number()
      .int()
      .min(30)
      .max(10_000)
      .default(252)
      .describe('bars of history each cointegration test uses'),
    retestEvery: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(63)
      .describe('bars between re-tests (re-test held pairs, select new ones)'),
    maxPValue: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.01)
      .describe(
        'select pairs with Engle-Granger p-value <= this (one test per candidate pair: keep it strict)',
      ),
    breakPValue: z
      .number()
      .gt(0)
      .max(1)
      .default(0.2)
      .describe('close a pair whose re-test p-value is above this (>= maxPValue: hysteresis)'),
    minHalfLife: z.number().gt(0).max(10_000).default(1).describe('shortest spread half-life selected'),
    maxHalfLife: z.number().gt(0).max(10_000).default(60).describe('longest spread half-life selected'),
    adfLags: z
      .union([z.number().int().min(0).max(24), z.literal('aic')])
      .default(1)
      .describe('lags of the ADF step of Engle-Granger: a fixed number, or "aic" to search up to Schwert'),
    priceTransform: z.enum(PRICE_TRANSFORMS).default('log').describe('model log closes or closes'),
    hedgeMethod: z.enum(HEDGE_METHODS).default('kalman').describe('hedge ratio estimator'),
    hedgeWindow: z.number().int().min(10).max(5000).default(120).describe('rolling-ols: regression window'),
    zWindow: z.number().int().min(5).max(5000).default(20).describe('rolling-ols: spread z-score window'),
    kalmanDelta: z
      .number()
      .gt(0)
      .lt(1)
      .default(1e-4)
      .describe('kalman: state drift δ (relative to the spread variance, see README)'),
    entryZ: z.number().gt(0).max(20).default(2).describe('open when |z| >= entryZ'),
    exitZ: z.number().min(0).max(20).default(0).describe('close when z is back within exitZ of 0'),
    stopZ: z.number().gt(0).max(50).default(4).describe('stop out when |z| >= stopZ against the position'),
    maxHoldingHalfLives: z
      .number()
      .gt(0)
      .max(1000)
      .default(5)
      .describe('time stop: close after this many formation half-lives'),
    maxPairs: z.number().int().min(1).max(100).default(5).describe('most pairs held at once'),
    pairNotionalPercent: z
      .number()
      .gt(0)
      .max(200)
      .default(20)
      .describe('gross notional (long + short) per pair, percent of equity'),
    legSizing: z.enum(LEG_SIZINGS).default('dollar-neutral').describe('how the gross is split between legs'),
    fractional: z.boolean().default(false).describe('allow fractional units'),
  })
  .refine((c) => new Set(c.symbols).size === c.symbols.length, {
    message: 'symbols must not repeat',
    path: ['symbols'],
  })
  .refine((c) => c.exitZ < c.entryZ && c.entryZ < c.stopZ, {
    message: 'need exitZ < entryZ < stopZ',
    path: ['entryZ'],
  })
  .refine((c) => c.breakPValue >= c.maxPValue, {
    message: 'breakPValue must be at least maxPValue',
    path: ['breakPValue'],
  })
  .refine((c) => c.minHalfLife < c.maxHalfLife, {
    message: 'minHalfLife must be below maxHalfLife',
    path: ['minHalfLife'],
  })
  .refine((c) => c.adfLags === 'aic' || c.adfLags <= Math.floor(c.formationWindow / 2) - 1, {
    message: 'adfLags must be at most formationWindow / 2 - 1 (the ADF regression needs the observations)',
    path: ['adfLags'],
  })
  .refine((c) => c.hedgeMethod !== 'rolling-ols' || c.hedgeWindow + c.zWindow <= c.formationWindow + 1, {
    message: 'hedgeWindow + zWindow - 1 must fit in formationWindow (the history a new pair warms up on)',
    path: ['hedgeWindow'],
  });

export type PairsConfig = z.output<typeof pairsConfigSchema>;

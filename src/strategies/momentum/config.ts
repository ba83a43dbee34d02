import { z } from 'zod';
import { TIMEFRAMES, type Timeframe } from '../../model/timeframe.js';

export const MOMENTUM_MODES = ['time-series', 'cross-sectional'] as const;
export type MomentumMode = (typeof MOMENTUM_MODES)[number];

/** Cross-sectional weights of the names held: see `crossSectionalWeights`. */
export const MOMENTUM_WEIGHTINGS = ['equal', 'inverse-volatility', 'volatility-target'] as const;
export type MomentumWeighting = (typeof MOMENTUM_WEIGHTINGS)[number];

/** What the cross-sectional ranking sorts by: the raw lookback return, or its z-score (return / its volatility). */
export const MOMENTUM_RANKINGS = ['return', 'risk-adjusted'] as const;
export type MomentumRanking = (typeof MOMENTUM_RANKINGS)[number];

const upperCase = (symbol: string): string => symbol.toUpperCase();

/** A symbol list: an array, or one string separated by commas, semicolons, bars or spaces (CLI-friendly). */
const symbolList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,;|]+/).filter((s) => s !== '') : value),
  z.array(z.string().trim().min(1).transform(upperCase)).min(1).max(5000),
);

/**
 * The momentum parameters as a zod shape, shared with enhanced-momentum (which adds its own). Every parameter is
 * described (the description shows in the JSON Schema the registry publishes). Periods count bars of the
 * strategy's timeframe.
 */
export const momentumShape = {
  symbol: z
    .string()
    .trim()
    .min(1)
    .transform(upperCase)
    .optional()
    .describe('single-symbol mode: trade only this symbol (overrides symbols)'),
  symbols: symbolList
    .optional()
    .describe(
      'symbols traded; defaults to every symbol of the data; a string may separate them by ; | or spaces',
    ),
  timeframe: z.enum(TIMEFRAMES).default('1d').describe('bar timeframe subscribed to'),
  mode: z
    .enum(MOMENTUM_MODES)
    .default('time-series')
    .describe(
      'time-series: each symbol on its own signal; cross-sectional: hold the top N of the ranked universe',
    ),
  lookback: z
    .number()
    .int()
    .min(2)
    .max(5000)
    .default(252)
    .describe('momentum lookback L in bars (252 ≈ 12 months)'),
  skip: z
    .number()
    .int()
    .min(0)
    .max(4999)
    .default(21)
    .describe(
      'most recent bars S left out of the momentum return (21 ≈ 1 month: the 12-1 signal); < lookback',
    ),
  trendPeriod: z
    .number()
    .int()
    .min(0)
    .max(5000)
    .default(200)
    .describe(
      'moving-average trend filter period (SMA of the close); longs only above it, shorts below; 0 = off',
    ),
  adxPeriod: z.number().int().min(2).max(500).default(14).describe('ADX period (Wilder)'),
  adxThreshold: z
    .number()
    .min(0)
    .max(100)
    .default(20)
    .describe('entries only when ADX >= this (trend strength gate); 0 = off'),
  volatilityPeriod: z
    .number()
    .int()
    .min(2)
    .max(5000)
    .default(60)
    .describe('window of log returns for realized volatility (sample standard deviation)'),
  targetVolatility: z
    .number()
    .gt(0)
    .max(5)
    .default(0.15)
    .describe('annualized volatility each position is scaled to (0.15 = 15%)'),
  maxVolatilityScale: z
    .number()
    .gt(0)
    .max(10)
    .default(1)
    .describe('cap on target / realized volatility: a position never exceeds this multiple of its budget'),
  barsPerYear: z
    .number()
    .gt(0)
    .max(1_000_000)
    .optional()
    .describe('annualization of volatility; default from the timeframe on a US equity calendar (1d: 252)'),
  atrPeriod: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(14)
    .describe('ATR period (Wilder) of the trailing stop'),
  atrMultiple: z
    .number()
    .min(0)
    .max(50)
    .default(3)
    .describe('trailing stop distance k: a trailing_stop order with trailPrice = k × ATR; 0 = no stop'),
  stopUpdateThreshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe('replace the stop when k × ATR moved by more than this fraction of the working trail'),
  cooldownBars: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(5)
    .describe('bars after a trailing-stop exit before the symbol may be entered again'),
  allowShort: z
    .boolean()
    .default(false)
    .describe('also sell short on negative momentum (long-only by default)'),
  entryThreshold: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .describe('enter long when the momentum z-score is above this (short below its negative)'),
  exitThreshold: z
    .number()
    .min(-100)
    .max(100)
    .default(0)
    .describe(
      'leave a long when the z-score falls to this or below (a short at its negative or above); <= entryThreshold',
    ),
  rebalanceEvery: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(21)
    .describe('bars between rebalances (cross-sectional re-ranking; time-series re-sizing)'),
  rebalanceBand: z
    .number()
    .min(0)
    .max(10)
    .default(0.2)
    .describe('re-size a held position only when its target differs by more than this fraction of it'),
  topN: z.number().int().min(1).max(1000).default(5).describe('cross-sectional: names held long (and short)'),
  weighting: z
    .enum(MOMENTUM_WEIGHTINGS)
    .default('equal')
    .describe('cross-sectional weights: equal, inverse-volatility or volatility-target'),
  rankBy: z
    .enum(MOMENTUM_RANKINGS)
    .default('return')
    .describe('cross-sectional ranking: raw lookback return, or risk-adjusted (its z-score)'),
  percentOfEquity: z
    .number()
    .gt(0)
    .max(100)
    .optional()
    .describe('percent of equity the strategy allocates (default 100), split over the symbols'),
  quantity: z
    .number()
    .positive()
    .optional()
    .describe('fixed units per position instead of volatility sizing'),
  fractional: z.boolean().default(false).describe('allow fractional quantities (else whole units)'),
};

type MomentumFields = z.output<z.ZodObject<typeof momentumShape>>;

/** The cross-field rules of momentum (and enhanced-momentum): returns the first broken one, or null. */
export function momentumProblem(c: MomentumFields): { path: string; message: string } | null {
  if (c.symbol === undefined && c.symbols === undefined) {
    return { path: 'symbols', message: 'give symbol or symbols' };
  }
  if (c.skip >= c.lookback) return { path: 'skip', message: 'skip must be shorter than lookback' };
  if (c.trendPeriod === 1) return { path: 'trendPeriod', message: 'trendPeriod must be 0 (off) or >= 2' };
  if (c.exitThreshold > c.entryThreshold) {
    return { path: 'exitThreshold', message: 'exitThreshold must not exceed entryThreshold' };
  }
  if (c.quantity !== undefined && c.percentOfEquity !== undefined) {
    return { path: 'quantity', message: 'give quantity or percentOfEquity, not both' };
  }
  const symbols = tradedSymbols(c);
  if (new Set(symbols).size !== symbols.length)
    return { path: 'symbols', message: 'symbols must be distinct' };
  if (c.mode === 'cross-sectional') {
    const needed = c.allowShort ? 2 * c.topN : c.topN;
    if (symbols.length <= needed) {
      return {
        path: 'topN',
        message: `cross-sectional mode ranks more symbols than it holds: ${symbols.length} symbol(s), topN ${c.topN}${c.allowShort ? ' long and short' : ''}`,
      };
    }
  }
  return null;
}

/** Adds `momentumProblem` (plus `extra`) to a schema as one zod check. */
export function withMomentumRules<T extends z.ZodType<MomentumFields>>(
  schema: T,
  extra: (config: z.output<T>) => { path: string; message: string } | null = () => null,
): T {
  return schema.check((ctx) => {
    const problem = momentumProblem(ctx.value) ?? extra(ctx.value);
    if (problem !== null) {
      ctx.issues.push({ code: 'custom', message: problem.message, path: [problem.path], input: ctx.value });
    }
  });
}

export const momentumConfigSchema = withMomentumRules(z.strictObject(momentumShape));
export type MomentumConfig = z.output<typeof momentumConfigSchema>;

/** The symbols the strategy trades: `symbol` alone when given, else `symbols`. */
export function tradedSymbols(config: Pick<MomentumFields, 'symbol' | 'symbols'>): readonly string[] {
  return config.symbol !== undefined ? [config.symbol] : (config.symbols ?? []);
}

/** Bars a year by timeframe on a US equity calendar (252 sessions of 390 minutes; 52 weeks). */
const EQUITY_BARS_PER_YEAR: Readonly<Record<Timeframe, number>> = {
  '1m': 98_280,
  '5m': 19_656,
  '15m': 6_552,
  '30m': 3_276,
  '1h': 1_638,
  '4h': 409.5,
  '1d': 252,
  '1w': 52,
};

/** `barsPerYear` when given, else the timeframe's equity-calendar default. */
export function annualizationOf(config: Pick<MomentumFields, 'barsPerYear' | 'timeframe'>): number {
  return config.barsPerYear ?? EQUITY_BARS_PER_YEAR[config.timeframe];
}

import { z } from 'zod';
import { InvalidInputError } from '../core/errors.js';
import { normalizeSymbol } from '../model/instrument.js';
import type { Timeframe } from '../model/timeframe.js';
import { err, ok, type Result } from '../core/result.js';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { formatIssues } from './format-issues.js';
import { fileBoolean } from './rules.js';

/** The eight strategies of the original system, by their canonical names. */
export const STRATEGY_NAMES = [
  'mirror',
  'momentum',
  'enhanced_momentum',
  'neural_sentiment',
  'neural_arbitrage',
  'neural_trend',
  'mean_reversion',
  'pairs',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** Names the original Python system used (module names such as `momentum_trader`) mapped to ours. */
export const STRATEGY_ALIASES: Readonly<Record<string, StrategyName>> = {
  mirror_trader: 'mirror',
  mirror_trader_optimized: 'mirror',
  momentum_trader: 'momentum',
  enhanced_momentum_trader: 'enhanced_momentum',
  neural_sentiment_trader: 'neural_sentiment',
  neural_arbitrage_trader: 'neural_arbitrage',
  neural_trend_trader: 'neural_trend',
  mean_reversion_trader: 'mean_reversion',
  pairs_trader: 'pairs',
  pairs_trading: 'pairs',
};

export const RISK_LEVELS = ['low', 'medium', 'high', 'aggressive'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The time frames the original's runtime config allowed (a subset of the platform's timeframes). */
export const TRADING_TIME_FRAMES = [
  '1m',
  '5m',
  '15m',
  '1h',
  '4h',
  '1d',
] as const satisfies readonly Timeframe[];
export type TradingTimeFrame = (typeof TRADING_TIME_FRAMES)[number];

/** The keys a `trading` section may hold, in the original's snake_case. */
export const TRADING_KEYS = [
  'strategies',
  'symbols',
  'risk_level',
  'max_position_size',
  'stop_loss_percentage',
  'take_profit_percentage',
  'time_frame',
  'use_gpu',
  'enable_news_trading',
  'enable_sentiment_analysis',
] as const;

/** Runtime trading configuration, camelCase. Percentages are in percent (2 means 2 %). */
export interface TradingConfig {
  readonly strategies: readonly StrategyName[];
  readonly symbols: readonly string[];
  readonly riskLevel: RiskLevel;
  /** Largest notional of one position, in account currency. */
  readonly maxPositionSize: number;
  readonly stopLossPercentage: number;
  readonly takeProfitPercentage: number;
  readonly timeFrame: TradingTimeFrame;
  readonly useGpu: boolean;
  readonly enableNewsTrading: boolean;
  readonly enableSentimentAnalysis: boolean;
}

export const TRADING_DEFAULTS: TradingConfig = deepFreeze({
  strategies: ['momentum'],
  symbols: ['SPY'],
  riskLevel: 'medium',
  maxPositionSize: 10_000,
  stopLossPercentage: 2,
  takeProfitPercentage: 5,
  timeFrame: '1d',
  useGpu: false,
  enableNewsTrading: false,
  enableSentimentAnalysis: false,
});

/** Canonical strategy name for a user-typed one: case-insensitive, '-' reads as '_', aliases resolved. */
export function normalizeStrategyName(raw: string): StrategyName | null {
  const key = raw.trim().toLowerCase().replaceAll('-', '_');
  if ((STRATEGY_NAMES as readonly string[]).includes(key)) return key as StrategyName;
  return STRATEGY_ALIASES[key] ?? null;
}

const STRATEGY_RULE = `must be one of ${STRATEGY_NAMES.join(', ')} (or an original alias such as momentum_trader)`;
const SYMBOL_RULE = "must be 1-32 characters of A-Z, 0-9, '.', '_', '/', '-' starting with a letter or digit";

/**
 * A non-empty list of unique names. Each entry is normalised by `normalize` (null = not allowed); every bad
 * entry and every repeat is reported, each at its own index.
 */
function uniqueList<T extends string>(
  plural: string,
  singular: string,
  rule: string,
  normalize: (raw: string) => T | null,
) {
  return z
    .array(z.string({ error: rule }), { error: `must be a list of ${plural}` })
    .min(1, { error: `must list at least one ${singular}` })
    .transform((list, context) => {
      const seen = new Map<T, number>();
      const out: T[] = [];
      list.forEach((raw, index) => {
        const value = normalize(raw);
        if (value === null) {
          context.addIssue({ code: 'custom', path: [index], message: rule });
        } else if (seen.has(value)) {
          context.addIssue({
            code: 'custom',
            path: [index],
            message: `repeats ${value} (already at index ${seen.get(value)}); entries must be unique`,
          });
        } else {
          seen.set(value, index);
          out.push(value);
        }
      });
      return out;
    });
}

function symbolOrNull(raw: string): string | null {
  try {
    return normalizeSymbol(raw);
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    throw error;
  }
}

const percentOpen = 'must be a number between 0 and 100 (exclusive)';

/**
 * The `trading` section, snake_case as in the original JSON. Strict: an unknown key (a typo such as
 * `risk_levl`) is an error, never silently ignored. Output is the camelCase {@link TradingConfig}.
 */
export const tradingConfigSchema = z
  .strictObject(
    {
      strategies: uniqueList('strategies', 'strategy', STRATEGY_RULE, normalizeStrategyName).default([
        ...TRADING_DEFAULTS.strategies,
      ]),
      symbols: uniqueList('symbols', 'symbol', SYMBOL_RULE, symbolOrNull).default([
        ...TRADING_DEFAULTS.symbols,
      ]),
      risk_level: z
        .enum(RISK_LEVELS, { error: `must be one of ${RISK_LEVELS.join(', ')}` })
        .default(TRADING_DEFAULTS.riskLevel),
      max_position_size: z
        .number({ error: 'must be a number > 0' })
        .refine((value) => value > 0, { error: 'must be a number > 0' })
        .default(TRADING_DEFAULTS.maxPositionSize),
      stop_loss_percentage: z
        .number({ error: percentOpen })
        .refine((value) => value > 0 && value < 100, { error: percentOpen })
        .default(TRADING_DEFAULTS.stopLossPercentage),
      take_profit_percentage: z
        .number({ error: 'must be a number > 0' })
        .refine((value) => value > 0, { error: 'must be a number > 0' })
        .default(TRADING_DEFAULTS.takeProfitPercentage),
      time_frame: z
        .enum(TRADING_TIME_FRAMES, { error: `must be one of ${TRADING_TIME_FRAMES.join(', ')}` })
        .default(TRADING_DEFAULTS.timeFrame),
      use_gpu: fileBoolean().default(TRADING_DEFAULTS.useGpu),
      enable_news_trading: fileBoolean().default(TRADING_DEFAULTS.enableNewsTrading),
      enable_sentiment_analysis: fileBoolean().default(TRADING_DEFAULTS.enableSentimentAnalysis),
    },
    { error: 'must be a mapping of trading settings' },
  )
  .transform((section): TradingConfig => ({
    strategies: section.strategies,
    symbols: section.symbols,
    riskLevel: section.risk_level,
    maxPositionSize: section.max_position_size,
    stopLossPercentage: section.stop_loss_percentage,
    takeProfitPercentage: section.take_profit_percentage,
    timeFrame: section.time_frame,
    useGpu: section.use_gpu,
    enableNewsTrading: section.enable_news_trading,
    enableSentimentAnalysis: section.enable_sentiment_analysis,
  }));

export type TradingConfigInput = z.input<typeof tradingConfigSchema>;

/**
 * Validates a trading config given as data (an API body, an MCP tool argument) with the same rules as the
 * file's `trading` section. Problem lines are prefixed with `pathPrefix` (default `trading`).
 */
export function parseTradingConfig(
  input: unknown,
  pathPrefix = 'trading',
): Result<TradingConfig, ConfigError> {
  const result = tradingConfigSchema.safeParse(input);
  if (result.success) return ok(deepFreeze(result.data));
  const prefix = pathPrefix === '' ? [] : [pathPrefix];
  const lines = formatIssues(result.error.issues, {
    input,
    prefix,
    knownKeys: (path) => (path.length === prefix.length ? TRADING_KEYS : undefined),
  });
  return err(new ConfigError(lines));
}

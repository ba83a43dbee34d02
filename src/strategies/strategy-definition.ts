import { z } from 'zod';
import { InvalidInputError, quote } from '../core/errors.js';
import type { RiskLevel } from '../model/risk-level.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Strategy } from './strategy.js';

/** The data a strategy is created for: the symbols of the backtest (or live session) and their timeframe. */
export interface StrategyUniverse {
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
}

/** Inputs beyond bars that some strategies use (forecasts, sentiment, disclosed trades); all optional. */
export type StrategyInputs = Readonly<Record<string, unknown>>;

/** What kind of edge a strategy trades; `recommend` matches it against the measured market regime. */
export const STRATEGY_STYLES = ['trend', 'mean-reversion', 'pairs', 'event'] as const;
export type StrategyStyle = (typeof STRATEGY_STYLES)[number];

/** A strategy kind the CLI, API and MCP can list, describe and create by name from plain parameters. */
export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  readonly style: StrategyStyle;
  readonly riskLevel: RiskLevel;
  /** Asset classes it suits, e.g. `equities`, `etfs`, `crypto`. */
  readonly markets: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Fewest and most symbols it trades (pairs needs 2). */
  readonly symbols: { readonly min: number; readonly max: number };
  /** JSON Schema of the parameters, with defaults and ranges. */
  parametersJsonSchema(): Record<string, unknown>;
  /** Validates raw parameters (unknown keys refused) against the universe and builds the strategy. */
  create(
    params: Readonly<Record<string, unknown>>,
    universe: StrategyUniverse,
    inputs?: StrategyInputs,
  ): Strategy;
}

export interface StrategyDefinitionSpec<Schema extends z.ZodType> {
  readonly name: string;
  readonly description: string;
  /** Default `trend`. */
  readonly style?: StrategyStyle;
  readonly riskLevel: RiskLevel;
  readonly markets: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly symbols: { readonly min: number; readonly max: number };
  readonly schema: Schema;
  /** Parameters taken from the universe unless the caller gives them (e.g. `symbol`, `timeframe`). */
  readonly fromUniverse: (universe: StrategyUniverse) => Record<string, unknown>;
  readonly build: (config: z.output<Schema>, inputs: StrategyInputs) => Strategy;
}

/** Builds a StrategyDefinition whose `create` reports the first invalid parameter by name and value. */
export function defineStrategy<Schema extends z.ZodType>(
  spec: StrategyDefinitionSpec<Schema>,
): StrategyDefinition {
  return {
    name: spec.name,
    description: spec.description,
    style: spec.style ?? 'trend',
    riskLevel: spec.riskLevel,
    markets: spec.markets,
    timeframes: spec.timeframes,
    symbols: spec.symbols,
    parametersJsonSchema: () => z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any' }),
    create: (params, universe, inputs = {}) => {
      const { min, max } = spec.symbols;
      if (universe.symbols.length < min || universe.symbols.length > max) {
        const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
        throw new InvalidInputError(
          `${spec.name} trades ${wanted} symbol(s); the data has ${universe.symbols.length}: ${quote(universe.symbols.join(','))}`,
        );
      }
      const merged = { ...spec.fromUniverse(universe), ...params };
      const parsed = spec.schema.safeParse(merged);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.join('.') ?? '';
        const value = path === '' ? merged : (merged as Record<string, unknown>)[path.split('.')[0] ?? ''];
        throw new InvalidInputError(
          `${spec.name} parameter ${path === '' ? '' : `${path} `}${quote(value)}: ${issue?.message ?? 'invalid'}`,
        );
      }
      return spec.build(parsed.data, inputs);
    },
  };
}

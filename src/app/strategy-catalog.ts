import type { RiskLevel } from '../model/risk-level.js';
import type { Timeframe } from '../model/timeframe.js';
import { STRATEGIES, strategyDefinition, type StrategyDefinition } from '../strategies/registry.js';

export interface StrategySummary {
  readonly name: string;
  readonly description: string;
  readonly style: string;
  readonly riskLevel: RiskLevel;
  readonly markets: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Fewest and most symbols it trades; `max` null when unbounded. */
  readonly symbols: { readonly min: number; readonly max: number | null };
}

export interface StrategyInfo extends StrategySummary {
  /** JSON Schema of the parameters (defaults and ranges included). */
  readonly parameters: Record<string, unknown>;
}

/** Every registered strategy, in registry order. */
export function listStrategies(): StrategySummary[] {
  return [...STRATEGIES.values()].map(summary);
}

/** One strategy with its parameter schema; InvalidInputError naming the known ones when unknown. */
export function strategyInfo(name: string): StrategyInfo {
  const definition = strategyDefinition(name);
  return { ...summary(definition), parameters: definition.parametersJsonSchema() };
}

function summary(d: StrategyDefinition): StrategySummary {
  return {
    name: d.name,
    description: d.description,
    style: d.style,
    riskLevel: d.riskLevel,
    markets: d.markets,
    timeframes: d.timeframes,
    symbols: { min: d.symbols.min, max: Number.isFinite(d.symbols.max) ? d.symbols.max : null },
  };
}

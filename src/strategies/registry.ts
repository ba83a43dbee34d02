import { InvalidInputError, quote } from '../core/errors.js';
import { enhancedMomentumDefinition } from './enhanced-momentum/definition.js';
import { meanReversionDefinition } from './mean-reversion/definition.js';
import { mirrorDefinition } from './mirror/definition.js';
import { momentumDefinition } from './momentum/definition.js';
import { neuralSentimentDefinition } from './neural-sentiment/definition.js';
import { neuralTrendDefinition } from './neural-trend/definition.js';
import { pairsDefinition } from './pairs/definition.js';
import { smaCrossDefinition } from './sma-cross/definition.js';
import type { StrategyDefinition } from './strategy-definition.js';

export type { StrategyDefinition, StrategyUniverse, StrategyInputs } from './strategy-definition.js';

const DEFINITIONS: readonly StrategyDefinition[] = [
  smaCrossDefinition,
  momentumDefinition,
  enhancedMomentumDefinition,
  meanReversionDefinition,
  pairsDefinition,
  mirrorDefinition,
  neuralSentimentDefinition,
  neuralTrendDefinition,
];

export const STRATEGIES: ReadonlyMap<string, StrategyDefinition> = new Map(
  DEFINITIONS.map((d) => [d.name, d]),
);

export function strategyDefinition(name: string): StrategyDefinition {
  const definition = STRATEGIES.get(name);
  if (definition === undefined) {
    throw new InvalidInputError(
      `unknown strategy ${quote(name)}; available: ${[...STRATEGIES.keys()].join(', ')}`,
    );
  }
  return definition;
}

/** `fast=10,slow=30,fractional=true` → { fast: 10, slow: 30, fractional: true } (numbers and booleans parsed). */
export function parseStrategyParams(text: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new InvalidInputError(`strategy parameter ${quote(part)} must look like name=value`);
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    params[key] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw;
  }
  return params;
}

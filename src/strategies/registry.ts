import { InvalidInputError, quote } from '../core/errors.js';
import { smaCrossConfigSchema } from './sma-cross/config.js';
import { SmaCrossStrategy } from './sma-cross/strategy.js';
import type { Strategy } from './strategy.js';

/** A strategy kind the CLI, API and MCP can create by name from plain parameters. */
export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  /** Validates raw parameters (zod; unknown keys refused) and builds the strategy. */
  create(params: Readonly<Record<string, unknown>>): Strategy;
}

const DEFINITIONS: readonly StrategyDefinition[] = [
  {
    name: 'sma-cross',
    description: 'long when the fast SMA is above the slow SMA, flat otherwise',
    create: (params) => {
      const parsed = smaCrossConfigSchema.safeParse(params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.join('.') ?? '';
        throw new InvalidInputError(
          `sma-cross parameter ${path === '' ? '' : `${path} `}${quote(path === '' ? params : params[path])}: ${issue?.message ?? 'invalid'}`,
        );
      }
      return new SmaCrossStrategy(parsed.data);
    },
  },
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

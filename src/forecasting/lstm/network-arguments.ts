import type { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';

/**
 * Validation of what a network builder receives from outside (CLI flags, a registry record): the shape and the
 * hyperparameters. Shared by the LSTM and Transformer builders so both refuse bad input with the same kind of
 * message, naming the field and quoting its value: `lstm hyperparameter hiddenSize "0": Too small: ...`.
 */

/** Parses `input` with `schema`; every problem is listed with its field path and the value given. */
export function parseHyperparameters<Schema extends z.ZodType>(
  model: string,
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    let value: unknown = input;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined;
    }
    const field = issue.path.length === 0 ? 's' : ` ${issue.path.join('.')}`;
    return `${model} hyperparameter${field} ${quote(value)}: ${issue.message}`;
  });
  throw new InvalidInputError(problems.join('; '));
}

function requireCount(model: string, field: string, value: number, maximum: number): void {
  if (!(Number.isInteger(value) && value >= 1 && value <= maximum)) {
    throw new InvalidInputError(
      `${model} shape ${field} ${quote(value)} must be an integer in [1, ${maximum}]`,
    );
  }
}

/**
 * Checks a network shape: whole input size, horizon (1..720, the issue's range) and channel count, and quantile
 * levels strictly inside (0, 1) in strictly ascending order.
 */
export function validateNetworkShape(model: string, shape: NeuralNetworkShape): void {
  requireCount(model, 'inputSize', shape.inputSize, 100_000);
  requireCount(model, 'horizon', shape.horizon, 720);
  requireCount(model, 'channels', shape.channels, 10_000);
  const levels = shape.quantiles;
  if (levels.length === 0)
    throw new InvalidInputError(`${model} shape quantiles ${quote(levels)} must not be empty`);
  levels.forEach((level, index) => {
    const previous = index === 0 ? 0 : (levels[index - 1] as number);
    if (!(level > previous && level < 1)) {
      throw new InvalidInputError(
        `${model} shape quantiles ${quote(levels)}: level ${quote(level)} must be in (0, 1) and above the previous one`,
      );
    }
  });
}

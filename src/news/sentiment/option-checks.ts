import { InvalidInputError, quote } from '../../core/errors.js';

/** Checks of numeric options; each throws InvalidInputError quoting the name and the value. */
export function finiteOption(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${name} ${quote(value)} must be a finite number`);
  return value;
}

export function positiveOption(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new InvalidInputError(`${name} ${quote(value)} must be > 0`);
  return value;
}

export function nonNegativeOption(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0))
    throw new InvalidInputError(`${name} ${quote(value)} must be >= 0`);
  return value;
}

export function integerOption(name: string, value: number, minimum: number): number {
  if (!(Number.isInteger(value) && value >= minimum)) {
    throw new InvalidInputError(`${name} ${quote(value)} must be an integer >= ${minimum}`);
  }
  return value;
}

/** Weight of evidence `ageMs` old under exponential decay with the given half-life: 2^(-age / halfLife). */
export function decayFactor(ageMs: number, halfLifeMs: number): number {
  return Math.pow(2, -ageMs / halfLifeMs);
}

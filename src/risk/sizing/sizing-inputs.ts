import { InvalidInputError, quote } from '../../core/errors.js';

/** Shared argument checks of the sizing functions; each message names the value and what was expected. */
export function requirePositive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InvalidInputError(`${name} ${quote(value)} must be a finite number > 0`);
  }
  return value;
}

/** A fraction in (0, 1]: risk per trade, Kelly multiplier. */
export function requireFraction(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw new InvalidInputError(`${name} ${quote(value)} must be a number in (0, 1]`);
  }
  return value;
}

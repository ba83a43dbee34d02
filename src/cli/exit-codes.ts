import { NeuralTraderError } from '../core/errors.js';

/** 0 ok, 1 runtime failure, 2 bad usage or bad input (the user can fix the command or the file). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Thrown by commands for a usage problem commander cannot see (e.g. a flag value out of range). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof NeuralTraderError) {
    return error.code === 'INVALID_INPUT' ||
      error.code === 'VALIDATION_FAILED' ||
      error.code === 'CONFIG_INVALID'
      ? EXIT_USAGE
      : EXIT_FAILURE;
  }
  return EXIT_FAILURE;
}

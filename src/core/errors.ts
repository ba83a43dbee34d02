/**
 * Typed errors. Every error that crosses a module boundary carries a stable `code` (edges map codes to exit
 * statuses / HTTP statuses), whether a retry can help, and the underlying cause.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'ILLEGAL_STATE',
  'CONFIG_INVALID',
  'STORE_FAILURE',
  'PROVIDER_FAILURE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorOptions {
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

export class NeuralTraderError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NeuralTraderError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Bad input from outside (a file, a flag, a request): the user can fix it. */
export class InvalidInputError extends NeuralTraderError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('INVALID_INPUT', message, options);
    this.name = 'InvalidInputError';
  }
}

/** A transition or operation the current state does not allow (e.g. filling a canceled order). */
export class IllegalStateError extends NeuralTraderError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ILLEGAL_STATE', message, options);
    this.name = 'IllegalStateError';
  }
}

export class NotFoundError extends NeuralTraderError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

/** Quotes a value for an error message: `quantity "-5" must be > 0`. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return `"${value}"`;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'symbol') return value.toString();
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Throws when an invariant is broken: a bug, never a user error (ARCHITECTURE §5.1). */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new NeuralTraderError('INTERNAL', `invariant violated: ${message}`);
}

import {
  IllegalStateError,
  InvalidInputError,
  NeuralTraderError,
  NotFoundError,
} from '../../../core/errors.js';
import { InsufficientBuyingPowerError } from '../../paper/paper-venue.js';

export interface SandboxRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** `body` undefined: no content (204). */
export interface SandboxResponse {
  readonly status: number;
  readonly body?: unknown;
}

export type SandboxHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** An error with Alpaca's HTTP status and error body `{code, message}`. */
export class AlpacaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'AlpacaHttpError';
  }
}

/**
 * Alpaca's status and code for an error: its own 422 for input it cannot process (40010001) and for
 * operations the order's state refuses (42210000), 403 for what the account cannot carry (40310000), 404 for
 * what does not exist (40410000). Anything else is a 500: a bug in the sandbox, never hidden.
 */
export function toAlpacaError(error: unknown): AlpacaHttpError {
  if (error instanceof AlpacaHttpError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof InsufficientBuyingPowerError) return new AlpacaHttpError(403, 40310000, message);
  if (error instanceof InvalidInputError) return new AlpacaHttpError(422, 40010001, message);
  if (error instanceof IllegalStateError) return new AlpacaHttpError(422, 42210000, message);
  if (error instanceof NotFoundError) return new AlpacaHttpError(404, 40410000, message);
  if (error instanceof NeuralTraderError && error.code === 'VALIDATION_FAILED') {
    return new AlpacaHttpError(422, 40010001, message);
  }
  return new AlpacaHttpError(500, 50010000, `internal error: ${message}`);
}

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: SandboxHandler;
}

/**
 * A small method + path router: patterns are literal segments and `:name` parameters, matched in the order
 * added (add a literal route before a parameter route that could also match it).
 */
export class HttpRouter {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: SandboxHandler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler and path parameters for a request; null when no route matches the path and method. */
  match(method: string, path: string): { handler: SandboxHandler; params: Record<string, string> } | null {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = decodeURIComponent(part);
          return true;
        }
        return segment === part;
      });
      if (matches) return { handler: route.handler, params };
    }
    return null;
  }

  /** Whether any route serves the path under some other method (405 rather than 404). */
  hasPath(path: string): boolean {
    return this.routes.some((route) => this.match(route.method, path) !== null);
  }
}

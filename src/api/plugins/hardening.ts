import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { ApiApp } from '../api-context.js';
import { HttpError } from '../http-error.js';
import { registerSecurityHeaders } from './security-headers.js';

export interface HardeningOptions {
  /**
   * Origins allowed to call the API from a browser, exactly (`https://app.example.com`); empty: no
   * cross-origin access. `*` allows every origin but then without credentials.
   */
  readonly corsOrigins: readonly string[];
  /** Requests per window per caller (API key, user, else client address). */
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
}

/**
 * Security headers (security-headers.ts), CORS from an allow-list, and rate limiting per caller. The rate
 * limit runs after authentication
 * (preHandler), so it counts per API key or user rather than per address wherever it can; /health and
 * /metrics are exempt (probes and scrapers must never be turned away).
 */
export async function registerHardening(app: ApiApp, options: HardeningOptions): Promise<void> {
  registerSecurityHeaders(app);
  await app.register(cors, corsSettings(options.corsOrigins));
  const { max, windowMs } = options.rateLimit;
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max,
    timeWindow: windowMs,
    keyGenerator: (request) =>
      request.principal !== null && request.principal.via !== 'local'
        ? `principal:${request.principal.subject}`
        : `address:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new HttpError('RATE_LIMITED', `rate limit of ${context.max} requests per ${context.after} exceeded`, {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });
}

/** Validates the allow-list: exact origins (scheme://host[:port]) or a lone `*` (then no credentials). */
export function corsSettings(origins: readonly string[]): {
  origin: string[] | boolean;
  credentials: boolean;
  exposedHeaders: string[];
} {
  const exposedHeaders = ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'];
  if (origins.includes('*')) {
    if (origins.length > 1) {
      throw new InvalidInputError(
        `CORS origins ${quote(origins.join(','))}: "*" cannot be combined with others`,
      );
    }
    return { origin: true, credentials: false, exposedHeaders };
  }
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    if (parsed === null || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new InvalidInputError(
        `CORS origin ${quote(origin)} must be an exact origin like "https://app.example.com" (scheme, host, optional port, no path)`,
      );
    }
  }
  return origins.length === 0
    ? { origin: false, credentials: false, exposedHeaders }
    : { origin: [...origins], credentials: true, exposedHeaders };
}

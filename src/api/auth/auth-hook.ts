import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import type { Authenticator } from './authenticator.js';
import { LOCAL_PRINCIPAL, roleAllows, type Principal, type RouteAccess } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (the local user when authentication is off); null on public routes. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route (default `viewer`: any authenticated caller). */
    access?: RouteAccess;
  }
}

/** Route prefixes served by plugins that cannot take route config: the API documentation. */
const PUBLIC_PREFIXES = ['/docs'];

/** The access a request's route asks for: its config, public for the docs and unknown routes, else viewer. */
export function accessOf(request: FastifyRequest): RouteAccess {
  const configured = request.routeOptions.config.access;
  if (configured !== undefined) return configured;
  const url = request.routeOptions.url;
  if (url === undefined || PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix))) return 'public';
  return 'viewer';
}

/**
 * The credential of a request: `Authorization: Bearer <JWT or API key>`, else `X-API-Key`, else (for the
 * WebSocket upgrade, which browsers cannot send headers with) the `access_token` query parameter.
 */
export function credentialOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  if (request.headers.upgrade?.toLowerCase() === 'websocket') {
    const token = (request.query as Record<string, unknown> | undefined)?.['access_token'];
    if (typeof token === 'string') return token;
  }
  return undefined;
}

/**
 * Authenticates every request before anything else runs (onRequest: no body is read for a caller who may
 * not call), and enforces the route's role. With authentication off (`authenticator` null) every caller is
 * the local user with the trader role: the server then listens on loopback unless told otherwise.
 */
export function registerAuthHook(app: FastifyInstance, authenticator: Authenticator | null): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', (request, _reply, done) => {
    if (authenticator === null) {
      request.principal = LOCAL_PRINCIPAL;
      done();
      return;
    }
    const access = accessOf(request);
    if (access === 'public') {
      done();
      return;
    }
    authenticator.authenticate(credentialOf(request)).then(
      (principal) => {
        if (!roleAllows(principal.role, access)) {
          done(
            new HttpError(
              'FORBIDDEN',
              `this needs the ${access} role; ${principal.subject} has the ${principal.role} role`,
            ),
          );
          return;
        }
        request.principal = principal;
        done();
      },
      (error: Error) => done(error),
    );
  });
}

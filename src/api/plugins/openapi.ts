import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ApiApp } from '../api-context.js';

/**
 * OpenAPI 3 generated from the routes' zod schemas (the same schemas validate requests and responses, so
 * the document cannot drift from the code), served at /openapi.json, and Swagger UI at /docs.
 */
export async function registerOpenApi(app: ApiApp, version: string, authEnabled: boolean): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Neural Trader API',
        version,
        description:
          'Backtesting, optimization, strategies, risk and market data over HTTP and WebSocket. ' +
          (authEnabled
            ? 'Authenticate with POST /auth/login (Bearer JWT) or an API key (Bearer ntk_... or X-API-Key).'
            : 'Authentication is disabled: the server answers on loopback only, as the local trader.'),
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'JWT from /auth/login, or an API key' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      ...(authEnabled ? { security: [{ bearer: [] }, { apiKey: [] }] } : {}),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Swagger UI in a scope of its own, with helmet: its HTML gets a policy that lets its own scripts and
  // styles load (the API's JSON responses carry a stricter constant set, security-headers.ts).
  await app.register(async (docs) => {
    await docs.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          // Served over plain HTTP on loopback by default: upgrading its requests to HTTPS would break it.
          upgradeInsecureRequests: null,
        },
      },
    });
    await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
  });
  app.get(
    '/openapi.json',
    { schema: { hide: true }, config: { access: 'public' } },
    () => app.swagger() as unknown as Record<string, unknown>,
  );
}

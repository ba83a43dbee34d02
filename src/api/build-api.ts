import { randomUUID } from 'node:crypto';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiApp, ApiContext, RouteModule } from './api-context.js';
import { registerAuthHook } from './auth/auth-hook.js';
import { handleError } from './error-handler.js';
import { HttpError } from './http-error.js';
import { registerHardening, type HardeningOptions } from './plugins/hardening.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRequestMetrics } from './plugins/request-metrics.js';
import { cachingSerializerCompiler } from './schemas/response-cache.js';

export interface BuildApiOptions extends HardeningOptions {
  readonly bodyLimitBytes: number;
  readonly routeModules: readonly RouteModule[];
}

/** An incoming X-Request-Id is kept when it is short and plain; otherwise the server makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The fastify application: zod validation and serialization, one error handler, request ids (echoed in
 * X-Request-Id, present on every log line), hardening, authentication, request metrics, OpenAPI + Swagger UI,
 * WebSocket support and the route modules. Not listening yet.
 */
export async function buildApi(context: ApiContext, options: BuildApiOptions): Promise<ApiApp> {
  const logger: FastifyBaseLogger = context.logger;
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (raw) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(cachingSerializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new HttpError('NOT_FOUND', `no route ${request.method} ${request.url.split('?', 1)[0] ?? ''}`);
  });
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Graceful shutdown: idle keep-alive connections are closed at once (forceCloseConnections: 'idle'); a
  // request still in flight finishes, and its response tells the client to close, so the server can stop
  // without waiting out the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  // A refused WebSocket upgrade (401, 403, 404) leaves a socket Node no longer manages: end it.
  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode >= 400 && request.headers.upgrade?.toLowerCase() === 'websocket') {
      request.raw.socket.destroy();
    }
    done();
  });

  await registerHardening(app, options);
  registerAuthHook(app, context.authenticator);
  registerRequestMetrics(app, context.logger);
  await registerOpenApi(app, context.version, context.authenticator !== null);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register((scope, _options, done) => {
    const api = scope.withTypeProvider<ZodTypeProvider>();
    for (const module of options.routeModules) module.register(api, context);
    done();
  });
  return app;
}

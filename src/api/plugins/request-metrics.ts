import { httpRequestSeconds } from '../../app/metrics/app-metrics.js';
import type { Logger } from 'pino';
import type { ApiApp } from '../api-context.js';

/**
 * Per request, once the response is sent: the latency histogram by route template, method and status, and
 * one log line carrying the request id (fastify's own two lines per request are turned off). The logged URL
 * drops its query string, which may carry an access token (WebSocket clients).
 */
export function registerRequestMetrics(app: ApiApp, logger: Logger): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    httpRequestSeconds.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
    if (logger.isLevelEnabled('info')) {
      const path = request.url.split('?', 1)[0];
      request.log.info(
        { method: request.method, url: path, status, ms: Math.round(reply.elapsedTime * 100) / 100 },
        'request completed',
      );
    }
    done();
  });
}

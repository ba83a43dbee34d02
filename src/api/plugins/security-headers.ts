import type { ApiApp } from '../api-context.js';

/**
 * Security headers of every API response: helmet 8's defaults, with the content security policy a JSON API
 * needs (nothing may load; nothing may frame it). They are a constant set once per response because
 * @fastify/helmet rebuilds helmet's whole middleware chain on every request (parsing the CSP directives
 * each time): measured at about 11% of the server's CPU per GET /health. Helmet itself still serves the
 * HTML of /docs (openapi.ts), and a test checks that these values equal the ones helmet sends there.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const ENTRIES = Object.entries(API_SECURITY_HEADERS);

/** Sets the headers on every response but those of /docs, where helmet sets its own (openapi.ts). */
export function registerSecurityHeaders(app: ApiApp): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url?.startsWith('/docs') !== true) {
      for (const [name, value] of ENTRIES) void reply.header(name, value);
    }
    done();
  });
}

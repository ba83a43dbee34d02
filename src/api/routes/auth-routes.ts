import { z } from 'zod';
import { ACCESS_ROLES } from '../../store/api-repositories.types.js';
import type { RouteModule } from '../api-context.js';
import type { ApiKeySummary } from '../auth/authenticator.js';
import { errorResponses, isoTime } from '../schemas/common.js';

const roleSchema = z.enum(ACCESS_ROLES);

const loginSchema = z.strictObject({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

const tokenSchema = z
  .object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string(),
    subject: z.string(),
    role: roleSchema,
  })
  .meta({ id: 'Token' });

const principalSchema = z
  .object({
    authenticated: z.boolean(),
    authEnabled: z.boolean(),
    subject: z.string(),
    role: roleSchema,
    via: z.enum(['jwt', 'api-key', 'local']),
  })
  .meta({ id: 'Principal' });

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

const createKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('what the key is for, e.g. "grafana"'),
  role: roleSchema.default('viewer'),
});

function keyView(key: ApiKeySummary): z.infer<typeof apiKeySchema> {
  return { ...key, createdAt: isoTime(key.createdAt) as string, revokedAt: isoTime(key.revokedAt) };
}

/**
 * Login (JWT), token verification and API keys. Login and keys exist only with AUTH_ENABLED=true; verify
 * always answers, so a client can learn whether authentication is on.
 */
export const authRoutes: RouteModule = {
  name: 'auth',
  register(app, context) {
    app.get(
      '/auth/verify',
      {
        schema: {
          tags: ['auth'],
          summary: 'Who the credential belongs to (or the local user when authentication is off)',
          response: { 200: principalSchema, ...errorResponses },
        },
      },
      (request) => {
        const principal = request.principal ?? { subject: 'anonymous', role: 'viewer', via: 'local' };
        return {
          authenticated: true,
          authEnabled: context.authenticator !== null,
          ...principal,
        } as const;
      },
    );
    const authenticator = context.authenticator;
    if (authenticator === null) return;

    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Exchange the user name and password for a bearer token (HS256 JWT)',
          description: 'Failed attempts are throttled per user name and per client address (429).',
          body: loginSchema,
          response: { 200: tokenSchema, ...errorResponses },
        },
      },
      async (request) => {
        const result = await authenticator.login(request.body.username, request.body.password, request.ip);
        return {
          token: result.token,
          tokenType: 'Bearer' as const,
          expiresAt: isoTime(result.expiresAt) as string,
          subject: result.subject,
          role: result.role,
        };
      },
    );

    app.post(
      '/auth/api-keys',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['auth'],
          summary: 'Create an API key; the key itself is in this response only',
          body: createKeySchema,
          response: {
            201: z.object({
              key: z.string().describe('ntk_<id>_<secret>: store it now'),
              apiKey: apiKeySchema,
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const principal = request.principal ?? {
          subject: 'unknown',
          role: 'viewer' as const,
          via: 'local' as const,
        };
        const created = await authenticator.createApiKey(request.body.name, request.body.role, principal);
        return reply.code(201).send({ key: created.key, apiKey: keyView(created.apiKey) });
      },
    );

    app.get(
      '/auth/api-keys',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['auth'],
          summary: 'List API keys (never their secrets)',
          response: { 200: z.object({ apiKeys: z.array(apiKeySchema) }), ...errorResponses },
        },
      },
      async () => ({ apiKeys: (await authenticator.listApiKeys()).map(keyView) }),
    );

    app.delete(
      '/auth/api-keys/:id',
      {
        config: { access: 'trader' },
        schema: {
          tags: ['auth'],
          summary: 'Revoke an API key (it stops working at once)',
          params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits') }),
          response: { 200: apiKeySchema, ...errorResponses },
        },
      },
      async (request) => keyView(await authenticator.revokeApiKey(request.params.id)),
    );
  },
};

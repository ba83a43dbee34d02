import type { AddressInfo, Socket } from 'node:net';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.types.js';
import { HealthMonitor, redisCheck, storeCheck } from '../app/health/health-monitor.js';
import { JobManager } from '../app/jobs/job-manager.js';
import { createLogger } from '../app/logger.js';
import { TopicRegistry } from '../app/realtime/topic-registry.js';
import { RiskControls } from '../app/risk-controls.js';
import type { Store } from '../store/repositories.types.js';
import { openApiRepositories, type ApiRepositories } from '../store/sqlite/open-api-repositories.js';
import type { ApiApp, ApiContext, RouteModule } from './api-context.js';
import { Authenticator } from './auth/authenticator.js';
import { BootstrapUser } from './auth/bootstrap-user.js';
import { JwtTokens } from './auth/jwt-tokens.js';
import { LoginThrottle, type LoginThrottleOptions } from './auth/login-throttle.js';
import { buildApi } from './build-api.js';
import { ROUTE_MODULES } from './routes/route-modules.js';

export interface ApiServerOptions {
  readonly config: AppConfig;
  readonly store: Store;
  /** Overrides the config's HOST (the `--host` flag). */
  readonly host?: string;
  /** Overrides the config's PORT; 0 picks a free port. */
  readonly port?: number;
  /** Default: a logger at the config's LOG_LEVEL on stdout. */
  readonly logger?: Logger;
  /** API keys and settings; default: tables in the store's database (a connection of their own). */
  readonly repositories?: ApiRepositories;
  /** Shared with the rest of the process, so other modules can publish to the WebSocket clients. */
  readonly topics?: TopicRegistry;
  /** Browser origins allowed to call the API (exact origins); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Requests per window per caller (default 600 per minute). */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number };
  /** Largest request body (default 1 MiB). */
  readonly bodyLimitBytes?: number;
  /** Token lifetime (default 24 h). */
  readonly tokenTtlSeconds?: number;
  readonly loginThrottle?: Omit<LoginThrottleOptions, 'now'>;
  readonly websocket?: { readonly maxBufferedBytes?: number; readonly heartbeatMs?: number };
  /** How long close() waits for requests in flight, then for running jobs (default 10 s each). */
  readonly shutdownTimeoutMs?: number;
  /** Close the store on close() (default true). */
  readonly closeStore?: boolean;
  /** Close gracefully on SIGINT / SIGTERM (default false; `neural-trader serve` turns it on). */
  readonly handleSignals?: boolean;
  /** The route groups served (default ROUTE_MODULES). */
  readonly routeModules?: readonly RouteModule[];
  /** The clock (tests move it to expire tokens). */
  readonly now?: () => number;
}

export interface ApiServer {
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly port: number;
  readonly app: ApiApp;
  readonly topics: TopicRegistry;
  readonly jobs: JobManager;
  /** Stops accepting, finishes in-flight requests and running jobs, closes the store. Idempotent. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The warning to log when authentication is off and the host is reachable from other machines. */
export function exposureWarning(host: string, authEnabled: boolean): string | null {
  return authEnabled || isLoopback(host)
    ? null
    : `authentication is disabled and the server listens on ${host}, beyond loopback: anyone who can reach it has full access; set AUTH_ENABLED=true`;
}

/** The package's version, from the nearest package.json above this file (src/, dist/ or a bench build). */
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'neural-trader' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this level: try the next one up
    }
  }
  return 'unknown';
}

/**
 * Starts the REST + WebSocket server over the given store. With AUTH_ENABLED=false every caller is the local
 * trader, which is only safe on loopback: HOST defaults to 127.0.0.1, and a non-loopback host is served
 * with a warning in the log.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { config, store } = options;
  const host = options.host ?? config.server.host;
  const logger = options.logger ?? createLogger({ level: config.server.logLevel, name: 'api' });
  const warning = exposureWarning(host, config.auth.enabled);
  if (warning !== null) logger.warn({ host }, warning);
  const repositories = options.repositories ?? openApiRepositories(store.path);
  const topics =
    options.topics ??
    new TopicRegistry({
      onListenerError: (error, topic) => logger.error({ err: error, topic }, 'topic listener failed'),
    });
  const jobs = new JobManager({
    topics,
    now,
    onUnexpectedError: (error, job) =>
      logger.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed'),
  });
  const riskControls = await RiskControls.open({
    store,
    settings: repositories.settings,
    defaultLevel: config.trading.riskLevel,
    topics,
    now,
  });
  const health = new HealthMonitor({ now });
  health.register('store', storeCheck(store), true);
  const redis = redisCheck(config.data.redisUrl);
  health.register('redis', redis.check);
  const authenticator = createAuthenticator(options, repositories, logger, now);
  const context: ApiContext = {
    config,
    store,
    logger,
    topics,
    jobs,
    riskControls,
    health,
    authenticator,
    websocket: {
      maxBufferedBytes: options.websocket?.maxBufferedBytes ?? 1024 * 1024,
      heartbeatMs: options.websocket?.heartbeatMs ?? 30_000,
    },
    version: packageVersion(),
    startedAt,
    now,
  };
  const app = await buildApi(context, {
    corsOrigins: options.corsOrigins ?? [],
    rateLimit: options.rateLimit ?? { max: 600, windowMs: 60_000 },
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    routeModules: options.routeModules ?? ROUTE_MODULES,
  });
  // Every socket, HTTP and upgraded (WebSocket) alike, so a shutdown that runs out of time can cut them all.
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  try {
    await app.listen({ host, port: options.port ?? config.server.port });
  } catch (error) {
    // A port in use or a host that cannot be bound: release what was opened, then report it.
    await app.close();
    redis.close();
    if (options.repositories === undefined) await repositories.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info(
    { url, authEnabled: authenticator !== null, startupMs: now() - startedAt },
    'API server listening',
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Requests in flight may finish within the shutdown timeout; then the connections left (a client that
      // never completes its request, a WebSocket peer that ignores the close) are cut, so a stuck peer
      // cannot hold the shutdown forever.
      const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
      const timer = setTimeout(() => {
        logger.warn(
          { connections: sockets.size },
          'connections still open at the shutdown timeout: closing them',
        );
        for (const socket of sockets) socket.destroy();
      }, timeoutMs);
      await app.close();
      clearTimeout(timer);
      const finished = await jobs.close(timeoutMs);
      if (!finished)
        logger.warn('jobs still running at shutdown; an optimization can be resumed with --resume');
      redis.close();
      if (options.repositories === undefined) await repositories.close();
      if (options.closeStore ?? true) await store.close();
      logger.info('API server stopped');
    })();
    return closing;
  };
  if (options.handleSignals === true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close());
  }
  return { url, port, app, topics, jobs, close };
}

function createAuthenticator(
  options: ApiServerOptions,
  repositories: ApiRepositories,
  logger: Logger,
  now: () => number,
): Authenticator | null {
  const { auth } = options.config;
  if (!auth.enabled) return null;
  if (auth.jwtSecretKey === null)
    throw new Error('AUTH_ENABLED=true needs JWT_SECRET_KEY (the config enforces it)');
  const user =
    auth.username !== null && auth.password !== null ? new BootstrapUser(auth.username, auth.password) : null;
  if (user === null) {
    logger.warn('AUTH_USERNAME / AUTH_PASSWORD are not set: nobody can log in; only existing API keys work');
  }
  return new Authenticator({
    tokens: new JwtTokens({
      secret: auth.jwtSecretKey,
      now,
      ...(options.tokenTtlSeconds === undefined ? {} : { ttlSeconds: options.tokenTtlSeconds }),
    }),
    user,
    apiKeys: repositories.apiKeys,
    throttle: new LoginThrottle({ ...options.loginThrottle, now }),
    now,
  });
}

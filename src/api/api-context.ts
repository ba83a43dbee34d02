import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.types.js';
import type { HealthMonitor } from '../app/health/health-monitor.js';
import type { JobManager } from '../app/jobs/job-manager.js';
import type { TopicRegistry } from '../app/realtime/topic-registry.js';
import type { RiskControls } from '../app/risk-controls.js';
import type { Store } from '../store/repositories.types.js';
import type { Authenticator } from './auth/authenticator.js';

/** The fastify instance with zod schemas in and out. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What route modules use: the app's services, built once per server. */
export interface ApiContext {
  readonly config: AppConfig;
  readonly store: Store;
  readonly logger: Logger;
  readonly topics: TopicRegistry;
  readonly jobs: JobManager;
  readonly riskControls: RiskControls;
  readonly health: HealthMonitor;
  /** Null when authentication is disabled (every caller is the local trader). */
  readonly authenticator: Authenticator | null;
  readonly websocket: {
    /** A client with more than this many bytes waiting to be sent is dropped. */
    readonly maxBufferedBytes: number;
    /** Ping interval; a client that has not answered the previous ping by then is dropped. */
    readonly heartbeatMs: number;
  };
  readonly version: string;
  readonly startedAt: number;
  readonly now: () => number;
}

/**
 * One group of routes. The server registers every module of ROUTE_MODULES (routes/route-modules.ts), so a new
 * capability (orders, positions, portfolio, neural, news) is served by adding its module to that list.
 */
export interface RouteModule {
  readonly name: string;
  register(app: ApiApp, context: ApiContext): void;
}

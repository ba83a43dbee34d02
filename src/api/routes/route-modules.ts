import type { RouteModule } from '../api-context.js';
import { websocketRoutes } from '../ws/ws-routes.js';
import { authRoutes } from './auth-routes.js';
import { marketRoutes } from './market-routes.js';
import { newsRoutes } from './news-routes.js';
import { riskRoutes } from './risk-routes.js';
import { strategyRoutes } from './strategy-routes.js';
import { systemRoutes } from './system-routes.js';
import { tradingRoutes } from './trading-routes.js';

/**
 * Every route group the server serves, in registration order. Capabilities not built yet (trading start /
 * stop and status, orders, positions, portfolio, neural forecasting) have no module here and are
 * therefore absent from the API and its OpenAPI document; each is served by adding its module to this list.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [
  systemRoutes,
  authRoutes,
  strategyRoutes,
  tradingRoutes,
  riskRoutes,
  marketRoutes,
  newsRoutes,
  websocketRoutes,
];

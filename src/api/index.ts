export type { ApiApp, ApiContext, RouteModule } from './api-context.js';
export { ROUTE_MODULES } from './routes/route-modules.js';
export {
  exposureWarning,
  isLoopback,
  startApiServer,
  type ApiServer,
  type ApiServerOptions,
} from './start-api-server.js';

import type { RouteModule } from '../api-context.js';
import { LOCAL_PRINCIPAL } from '../auth/principal.js';
import { WsSession } from './ws-session.js';

/**
 * `GET /ws` (WebSocket upgrade), authenticated like every route (Authorization header, X-API-Key, or the
 * `access_token` query parameter for browsers). Topics: `jobs` (backtest / optimization progress) and
 * `risk` (limits, kill switch, trading state) now; bars, orders, fills and portfolio once the trading node
 * registers them.
 */
export const websocketRoutes: RouteModule = {
  name: 'websocket',
  register(app, context) {
    app.get(
      '/ws',
      {
        websocket: true,
        schema: {
          tags: ['realtime'],
          summary: 'WebSocket: subscribe to topics (send {"type":"subscribe","topics":["jobs"]})',
          hide: true,
        },
      },
      (socket, request) => {
        new WsSession({
          socket,
          principal: request.principal ?? LOCAL_PRINCIPAL,
          topics: context.topics,
          ...context.websocket,
          onDrop: (reason) => request.log.warn({ reason }, 'websocket client dropped'),
        });
      },
    );
  },
};

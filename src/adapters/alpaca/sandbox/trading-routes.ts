import { clientOrderId, orderId } from '../../../core/ids.js';
import { isTerminal } from '../../../model/order-status.js';
import type { Order } from '../../../model/order.types.js';
import { brokerPositions } from '../../paper/broker-positions.js';
import type { PaperBroker } from '../../paper/paper-broker.js';
import type { PaperVenue } from '../../paper/paper-venue.js';
import type { AlpacaOrder } from '../alpaca-schemas.js';
import {
  AlpacaHttpError,
  toAlpacaError,
  type HttpRouter,
  type SandboxRequest,
  type SandboxResponse,
} from './http-router.js';
import type { MarketCalendar } from './market-calendar.js';
import { parseOrderBody, parsePatchBody } from './order-request.js';
import { decimal } from '../alpaca-decimal.js';
import { fillActivityJson, orderJson, positionJson, rfc3339, stableUuid } from './wire-format.js';

const NEW_YORK_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function newYorkTime(ms: number): string {
  return NEW_YORK_TIME.format(new Date(ms));
}

/** An order of the venue as Alpaca's order object, its exit legs nested when `nested`. */
export function venueOrderJson(venue: PaperVenue, order: Order, nested: boolean): AlpacaOrder {
  const links = venue.orders.links(order.id);
  const parent = order.parentId === null ? null : venue.orders.get(order.parentId);
  const legs = nested
    ? links.legs
        .map((id) => venue.orders.get(id))
        .filter((o): o is Order => o !== null)
        .map((leg) => venueOrderJson(venue, leg, false))
    : null;
  return orderJson(order, links, legs, parent?.orderClass ?? order.orderClass);
}

/** The Trading API v2 routes over a paper broker (see alpaca-sandbox-server.ts). */
export function addTradingRoutes(router: HttpRouter, broker: PaperBroker, calendar: MarketCalendar): void {
  const venue = broker.venue;
  const accountId = stableUuid('sandbox-account');

  const toJson = (order: Order, nested: boolean): AlpacaOrder => venueOrderJson(venue, order, nested);
  const find = (id: string): Order => {
    const order = venue.orders.get(orderId(id));
    if (order === null) throw new AlpacaHttpError(404, 40410000, 'order not found');
    return order;
  };
  const nested = (request: SandboxRequest): boolean => request.query.get('nested') === 'true';

  router
    .add('GET', '/v2/account', () => {
      const account = venue.book.account();
      let long = 0;
      let short = 0;
      for (const p of venue.book.positions()) {
        const value = p.quantity * (venue.book.markPrice(p.instrumentId) ?? p.averagePrice);
        if (value > 0) long += value;
        else short += value;
      }
      return json(200, {
        id: accountId,
        account_number: `PA${accountId.replace(/\D/g, '').slice(0, 10)}`,
        status: 'ACTIVE',
        currency: account.currency,
        cash: decimal(account.cash),
        portfolio_value: decimal(account.equity),
        equity: decimal(account.equity),
        buying_power: decimal(account.buyingPower),
        regt_buying_power: decimal(account.buyingPower),
        long_market_value: decimal(long),
        short_market_value: decimal(short),
        multiplier: decimal(account.maxLeverage),
        shorting_enabled: true,
        pattern_day_trader: false,
        trading_blocked: false,
        transfers_blocked: false,
        account_blocked: false,
        trade_suspended_by_user: false,
      });
    })
    .add('POST', '/v2/orders', (request) => {
      const parsed = parseOrderBody(request.body);
      if (venue.getByClientId(parsed.clientOrderId) !== null) {
        throw new AlpacaHttpError(422, 40010001, 'client_order_id must be unique');
      }
      return json(200, toJson(venue.submit(parsed), true));
    })
    .add('GET', '/v2/orders', (request) => {
      const status = request.query.get('status') ?? 'open';
      if (status !== 'open' && status !== 'closed' && status !== 'all') {
        throw new AlpacaHttpError(422, 40010001, `status "${status}" must be open, closed or all`);
      }
      const limit = Math.min(Number(request.query.get('limit') ?? 50), 500);
      const after = timeParameter(request, 'after', -Infinity);
      const until = timeParameter(request, 'until', Infinity);
      const symbols = request.query.get('symbols')?.split(',').filter(Boolean) ?? null;
      const rollUp = nested(request);
      let orders = [...venue.orders.all()].filter((o) => {
        if (status === 'open' && isTerminal(o.status)) return false;
        if (status === 'closed' && !isTerminal(o.status)) return false;
        if (rollUp && o.parentId !== null) return false;
        if (symbols !== null && !symbols.includes(o.instrumentId)) return false;
        return o.tsInit > after && o.tsInit < until;
      });
      // Alpaca lists newest first unless direction=asc; the limit keeps the first `limit` in that order.
      if (request.query.get('direction') !== 'asc') orders = orders.reverse();
      return json(
        200,
        orders.slice(0, limit).map((o) => toJson(o, rollUp)),
      );
    })
    .add('DELETE', '/v2/orders', () => {
      const open = [...venue.orders.all()].filter((o) => !isTerminal(o.status) && o.parentId === null);
      return json(
        207,
        open.map((order) => {
          try {
            venue.cancel(order.id);
            return { id: order.id, status: 200, body: toJson(venue.orders.get(order.id) as Order, false) };
          } catch (error) {
            const failure = toAlpacaError(error);
            return {
              id: order.id,
              status: failure.status,
              body: { code: failure.code, message: failure.message },
            };
          }
        }),
      );
    })
    .add('GET', '/v2/orders:by_client_order_id', (request) => {
      const order = venue.getByClientId(clientOrderId(request.query.get('client_order_id') || '-'));
      if (order === null) throw new AlpacaHttpError(404, 40410000, 'order not found');
      return json(200, toJson(order, nested(request)));
    })
    .add('GET', '/v2/orders/:id', (request) =>
      json(200, toJson(find(request.params.id ?? ''), nested(request))),
    )
    .add('PATCH', '/v2/orders/:id', (request) => {
      const order = find(request.params.id ?? '');
      const patch = parsePatchBody(request.body, order);
      const cid = patch.clientOrderId === null ? undefined : clientOrderId(patch.clientOrderId);
      return json(200, toJson(venue.replace(order.id, patch.changes, cid), true));
    })
    .add('DELETE', '/v2/orders/:id', (request) => {
      venue.cancel(find(request.params.id ?? '').id);
      return { status: 204 };
    })
    .add('GET', '/v2/positions', () => json(200, brokerPositions(venue.book).map(positionJson)))
    .add('GET', '/v2/positions/:symbol', (request) => {
      const position = brokerPositions(venue.book).find(
        (p) => p.symbol === request.params.symbol?.toUpperCase(),
      );
      if (position === undefined) throw new AlpacaHttpError(404, 40410000, 'position does not exist');
      return json(200, positionJson(position));
    })
    .add('DELETE', '/v2/positions/:symbol', (request) =>
      json(200, toJson(venue.closePosition(request.params.symbol?.toUpperCase() ?? ''), false)),
    )
    .add('GET', '/v2/clock', () => {
      const now = broker.replay.now();
      const clock = calendar.clock(now);
      return json(200, {
        timestamp: rfc3339(now),
        is_open: clock.isOpen,
        next_open: rfc3339(clock.nextOpen),
        next_close: rfc3339(clock.nextClose),
      });
    })
    .add('GET', '/v2/calendar', (request) => {
      // Dates as YYYY-MM-DD; a full RFC 3339 time counts by its date.
      const day = (name: string): string | undefined => request.query.get(name)?.slice(0, 10) || undefined;
      const sessions = calendar.between(day('start'), day('end'));
      return json(
        200,
        sessions.map((session, i) => ({
          date: session.date,
          open: newYorkTime(session.open),
          close: newYorkTime(session.close),
          session_open: newYorkTime(session.open).replace(':', ''),
          session_close: newYorkTime(session.close).replace(':', ''),
          settlement_date: sessions[i + 1]?.date ?? session.date,
        })),
      );
    })
    .add('GET', '/v2/assets', () =>
      json(
        200,
        broker.replay.symbols.map((symbol) => assetJson(broker, symbol)),
      ),
    )
    .add('GET', '/v2/assets/:symbol', (request) => {
      const symbol = request.params.symbol?.toUpperCase() ?? '';
      if (!broker.replay.symbols.includes(symbol))
        throw new AlpacaHttpError(404, 40410000, 'asset not found');
      return json(200, assetJson(broker, symbol));
    })
    .add('GET', '/v2/account/activities/:type', (request) => {
      if (request.params.type !== 'FILL')
        throw new AlpacaHttpError(
          422,
          40010001,
          `activity type "${request.params.type ?? ''}" is not kept by the sandbox: FILL only`,
        );
      return json(200, fillActivities(broker, request));
    });
}

function json(status: number, body: unknown): SandboxResponse {
  return { status, body };
}

function timeParameter(request: SandboxRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms))
    throw new AlpacaHttpError(422, 40010001, `${name} "${raw}" must be an RFC 3339 time`);
  return ms;
}

function assetJson(broker: PaperBroker, symbol: string): Record<string, unknown> {
  const instrument = broker.instruments?.find((i) => i.symbol === symbol);
  return {
    id: stableUuid(symbol),
    class: 'us_equity',
    exchange: 'SANDBOX',
    symbol,
    name: instrument?.name ?? symbol,
    status: 'active',
    tradable: true,
    marginable: true,
    shortable: true,
    easy_to_borrow: true,
    fractionable: instrument === undefined || instrument.lotSize < 1,
    price_increment: decimal(instrument?.tickSize ?? 0.01),
    attributes: [],
  };
}

/** FILL activities, oldest first with direction=asc (else newest first), paged by `page_token` (an activity id). */
function fillActivities(broker: PaperBroker, request: SandboxRequest): unknown[] {
  const after = timeParameter(request, 'after', -Infinity);
  const until = timeParameter(request, 'until', Infinity);
  const ascending = request.query.get('direction') === 'asc';
  const pageSize = Math.min(Number(request.query.get('page_size') ?? 100), 100);
  let activities = broker.venue.orders
    .executions(after)
    .filter((record) => record.fill.tsEvent < until)
    .map(fillActivityJson);
  if (!ascending) activities = activities.reverse();
  const token = request.query.get('page_token');
  const start = token === null ? 0 : activities.findIndex((a) => a.id === token) + 1;
  return activities.slice(start, start + pageSize);
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError, quote } from '../../../core/errors.js';
import { clientOrderId, instrumentId } from '../../../core/ids.js';
import type { BrokerOrderRequest } from '../../../engine/execution-client.types.js';
import type { OrderChanges } from '../../../model/order.js';
import { ORDER_CLASSES, ORDER_TYPES, TIME_IN_FORCE, type Order } from '../../../model/order.types.js';

/**
 * The bodies of POST /v2/orders and PATCH /v2/orders/{id} as Alpaca documents them, parsed into our order
 * request and order changes. Amounts may come as decimal strings (what the SDKs send) or JSON numbers. What
 * the paper exchange cannot do is refused with a clear 422 rather than silently changed: notional (dollar)
 * orders, stop-limit exit legs (`stop_loss.limit_price`) and extended-hours orders.
 */
const amount = z
  .union([z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number'), z.number()])
  .transform(Number);

const orderBodySchema = z.object({
  symbol: z.string().min(1),
  qty: amount.optional(),
  notional: amount.optional(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(ORDER_TYPES),
  time_in_force: z.enum(TIME_IN_FORCE),
  limit_price: amount.nullish(),
  stop_price: amount.nullish(),
  trail_price: amount.nullish(),
  trail_percent: amount.nullish(),
  extended_hours: z.boolean().nullish(),
  client_order_id: z.string().max(128).nullish(),
  order_class: z.union([z.enum(ORDER_CLASSES), z.literal('')]).nullish(),
  take_profit: z.object({ limit_price: amount }).nullish(),
  stop_loss: z.object({ stop_price: amount, limit_price: amount.nullish() }).nullish(),
});

const patchBodySchema = z.object({
  qty: amount.nullish(),
  time_in_force: z.enum(TIME_IN_FORCE).nullish(),
  limit_price: amount.nullish(),
  stop_price: amount.nullish(),
  trail: amount.nullish(),
  client_order_id: z.string().max(128).nullish(),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid request body';
  const field = issue.path.join('.') || 'body';
  return `${field}: ${issue.message}`;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InvalidInputError(describeIssue(parsed.error));
  return parsed.data;
}

/** Copies the defined entries of `fields` (exactOptionalPropertyTypes: absent, never undefined). */
function defined<T extends object>(fields: { [K in keyof T]?: T[K] | null | undefined }): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

export function parseOrderBody(body: unknown): BrokerOrderRequest {
  const order = parse(orderBodySchema, body);
  if (order.notional !== undefined)
    throw new InvalidInputError('notional orders are not supported by the sandbox: send qty');
  if (order.qty === undefined) throw new InvalidInputError('qty is required');
  if (order.stop_loss?.limit_price != null) {
    throw new InvalidInputError(
      `stop_loss.limit_price ${quote(order.stop_loss.limit_price)} (a stop-limit exit leg) is not supported by the sandbox`,
    );
  }
  if (order.extended_hours === true)
    throw new InvalidInputError('extended_hours orders are not supported by the sandbox');
  const orderClass = order.order_class === '' || order.order_class == null ? 'simple' : order.order_class;
  // An OCO order is its own take-profit leg: its limit price is the take-profit price.
  const limitPrice = order.limit_price ?? (orderClass === 'oco' ? order.take_profit?.limit_price : undefined);
  return {
    instrumentId: instrumentId(order.symbol.toUpperCase()),
    side: order.side,
    type: order.type,
    quantity: order.qty,
    timeInForce: order.time_in_force,
    orderClass,
    clientOrderId: clientOrderId(order.client_order_id ?? randomUUID()),
    ...defined<BrokerOrderRequest>({
      limitPrice,
      stopPrice: order.stop_price,
      trailPrice: order.trail_price,
      trailPercent: order.trail_percent,
      takeProfitPrice: order.take_profit?.limit_price,
      stopLossPrice: order.stop_loss?.stop_price,
    }),
  };
}

export interface ParsedPatch {
  readonly changes: OrderChanges;
  readonly clientOrderId: string | null;
}

/** PATCH's `trail` is the trailing amount of the order's own kind: a price or a percent. */
export function parsePatchBody(body: unknown, order: Order): ParsedPatch {
  const patch = parse(patchBodySchema, body);
  const trailField = order.trailPercent !== null ? 'trailPercent' : 'trailPrice';
  return {
    changes: defined<OrderChanges>({
      quantity: patch.qty,
      timeInForce: patch.time_in_force,
      limitPrice: patch.limit_price,
      stopPrice: patch.stop_price,
      [trailField]: patch.trail,
    }),
    clientOrderId: patch.client_order_id ?? null,
  };
}

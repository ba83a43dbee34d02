import { z } from 'zod';
import { fillId, type OrderId } from '../../core/ids.js';
import {
  TRADE_UPDATE_EVENTS,
  type TradeUpdate,
  type TradeUpdateEvent,
} from '../../engine/execution-client.types.js';
import type { Fill } from '../../model/order.types.js';
import type { ResolvedAlpacaConfig } from './alpaca-config.js';
import { ordersFromAlpaca } from './alpaca-convert.js';
import { fromDecimal } from './alpaca-decimal.js';
import { AlpacaApiError, payloadError } from './alpaca-error.js';
import { alpacaOrderSchema, decimalString, rfc3339 } from './alpaca-schemas.js';
import { ReconnectingSocket } from './reconnecting-socket.js';

const tradeUpdateSchema = z.object({
  event: z.string(),
  timestamp: rfc3339.optional(),
  order: alpacaOrderSchema,
  execution_id: z.string().optional(),
  price: decimalString.nullish(),
  qty: decimalString.nullish(),
});

const frameSchema = z.object({
  stream: z.string().optional(),
  action: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export interface TradingStreamHandlers {
  readonly onUpdate: (update: TradeUpdate) => void;
  readonly onError: (error: Error) => void;
  /** The order's parent when the client learned it earlier (Alpaca's flat order objects do not say). */
  readonly parentOf: (id: string) => OrderId | null;
}

/**
 * Alpaca's trading stream (wss://…/stream): authenticates with `{"action":"auth","key","secret"}`, listens to
 * `trade_updates` and turns each event into our TradeUpdate (the order as of the event; for `fill` and
 * `partial_fill` the execution: `execution_id`, `price`, `qty`, `timestamp`). Events outside our set
 * (`order_cancel_rejected`, `calculated`, ...) are skipped. After a drop it reconnects, re-authenticates and
 * listens again; events sent while it was down are not replayed by Alpaca, so the order manager reconciles
 * through listFills / listOrders. Refused credentials end the stream with a non-retryable error.
 */
export class AlpacaTradingStream {
  private readonly socket: ReconnectingSocket;
  private ready: { resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(
    private readonly config: ResolvedAlpacaConfig,
    private readonly handlers: TradingStreamHandlers,
  ) {
    this.socket = new ReconnectingSocket({
      url: config.tradingStreamUrl,
      encoding: 'json',
      reconnectDelayMs: config.reconnectDelayMs,
      maxReconnectDelayMs: config.maxReconnectDelayMs,
      random: config.random,
      sleep: config.sleep,
      onOpen: () => this.socket.send({ action: 'auth', key: config.keyId, secret: config.secretKey }),
      onMessage: (message) => this.receive(message),
      onDrop: (error) => {
        this.ready?.reject(error);
        this.ready = null;
        handlers.onError(error);
      },
    });
  }

  /** Connects, authenticates and listens; resolves once Alpaca confirms the subscription. */
  async start(): Promise<void> {
    const listening = new Promise<void>((resolve, reject) => {
      this.ready = { resolve, reject };
    });
    try {
      await this.socket.connect();
    } catch (error) {
      this.ready = null;
      throw new AlpacaApiError(
        'UNAVAILABLE',
        `Alpaca trading stream ${this.config.tradingStreamUrl} could not be opened`,
        true,
        {
          cause: error,
        },
      );
    }
    await listening;
  }

  close(): Promise<void> {
    return this.socket.close();
  }

  private receive(message: unknown): void {
    const frame = frameSchema.safeParse(message);
    if (!frame.success) {
      this.handlers.onError(payloadError('trading stream', 'a frame is not an object'));
      return;
    }
    const { stream, action, data = {} } = frame.data;
    if (stream === 'authorization') {
      if (data.status === 'authorized')
        this.socket.send({ action: 'listen', data: { streams: ['trade_updates'] } });
      else {
        const error = new AlpacaApiError(
          'PROVIDER_FAILURE',
          'Alpaca trading stream refused the API key',
          false,
        );
        this.ready?.reject(error);
        this.ready = null;
        this.socket.fail(error);
      }
    } else if (stream === 'listening') {
      this.ready?.resolve();
      this.ready = null;
    } else if (stream === 'trade_updates') {
      this.update(data);
    } else if (action === 'error') {
      this.handlers.onError(
        new AlpacaApiError('PROVIDER_FAILURE', `Alpaca trading stream: ${String(data.error_message)}`, false),
      );
    }
  }

  private update(data: Record<string, unknown>): void {
    const parsed = tradeUpdateSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.handlers.onError(
        payloadError('trade update', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
      );
      return;
    }
    const wire = parsed.data;
    if (!(TRADE_UPDATE_EVENTS as readonly string[]).includes(wire.event)) return;
    const event = wire.event as TradeUpdateEvent;
    const [order] = ordersFromAlpaca(wire.order, this.handlers.parentOf(wire.order.id));
    if (order === undefined) return;
    const tsEvent = wire.timestamp === undefined ? order.tsLast : Date.parse(wire.timestamp);
    let fill: Fill | null = null;
    if (
      (event === 'fill' || event === 'partial_fill') &&
      wire.execution_id !== undefined &&
      wire.price != null &&
      wire.qty != null
    ) {
      fill = {
        id: fillId(wire.execution_id),
        orderId: order.id,
        clientOrderId: order.clientOrderId,
        instrumentId: order.instrumentId,
        strategyId: null,
        side: order.side,
        quantity: fromDecimal(wire.qty),
        price: fromDecimal(wire.price),
        commission: 0,
        liquidity: 'taker',
        tsEvent,
      };
    }
    this.handlers.onUpdate({ event, order, fill, tsEvent });
  }
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { PaperTradeUpdate } from '../../paper/order-journal.js';
import type { PaperVenue } from '../../paper/paper-venue.js';
import type { AlpacaOrder } from '../alpaca-schemas.js';
import { headerCredentialsValid, StreamConnection, type SandboxCredentials } from './stream-connection.js';
import { decimal } from '../alpaca-decimal.js';
import { rfc3339 } from './wire-format.js';

interface Client {
  readonly connection: StreamConnection;
  authenticated: boolean;
  listening: boolean;
}

/**
 * Alpaca's trading stream (wss://paper-api.alpaca.markets/stream) over the paper venue. Protocol: authenticate
 * with `{"action":"auth","key","secret"}` or the older `{"action":"authenticate","data":{"key_id",
 * "secret_key"}}` (or the APCA-API-* headers) and get `{"stream":"authorization","data":{"action":
 * "authenticate","status":"authorized"}}` (a refusal says "unauthorized" and closes the connection); then
 * `{"action":"listen","data":{"streams":["trade_updates"]}}` answers `{"stream":"listening",...}` and order
 * events follow as `{"stream":"trade_updates","data":{"event","timestamp","order",...}}`, fills with
 * `execution_id`, `price`, `qty` and `position_qty`. JSON travels in binary frames, as on Alpaca's paper
 * endpoint; a client that asked for MessagePack gets MessagePack.
 */
export class TradingStreamServer {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly credentials: SandboxCredentials,
    venue: PaperVenue,
    orderJson: (update: PaperTradeUpdate) => AlpacaOrder,
  ) {
    this.unsubscribe = venue.subscribe((update) => {
      const message = { stream: 'trade_updates', data: tradeUpdateData(update, orderJson(update)) };
      for (const client of this.clients) if (client.listening) client.connection.send(message);
    });
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const client: Client = {
        connection: new StreamConnection(ws, request, true),
        authenticated: headerCredentialsValid(request, this.credentials),
        listening: false,
      };
      this.clients.add(client);
      ws.on('close', () => this.clients.delete(client));
      ws.on('message', (data, isBinary) => this.receive(client, client.connection.decode(data, isBinary)));
    });
  }

  dropConnections(): void {
    for (const client of this.clients) client.connection.socket.terminate();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(client: Client, message: unknown): void {
    const fields =
      typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
    const data =
      typeof fields.data === 'object' && fields.data !== null ? (fields.data as Record<string, unknown>) : {};
    if (fields.action === 'auth' || fields.action === 'authenticate') {
      const key = fields.action === 'auth' ? fields.key : data.key_id;
      const secret = fields.action === 'auth' ? fields.secret : data.secret_key;
      client.authenticated = key === this.credentials.keyId && secret === this.credentials.secretKey;
      const status = client.authenticated ? 'authorized' : 'unauthorized';
      client.connection.send({ stream: 'authorization', data: { action: 'authenticate', status } });
      if (!client.authenticated) client.connection.socket.close();
      return;
    }
    if (fields.action === 'listen') {
      if (!client.authenticated) {
        client.connection.send({
          stream: 'authorization',
          data: { action: 'listen', status: 'unauthorized' },
        });
        return;
      }
      const streams = Array.isArray(data.streams) ? data.streams.filter((s) => s === 'trade_updates') : [];
      client.listening = streams.length > 0;
      client.connection.send({ stream: 'listening', data: { streams } });
      return;
    }
    client.connection.send({ action: 'error', data: { error_message: 'unrecognized message' } });
  }
}

function tradeUpdateData(update: PaperTradeUpdate, order: AlpacaOrder): Record<string, unknown> {
  const data: Record<string, unknown> = { event: update.event, timestamp: rfc3339(update.tsEvent), order };
  if (update.fill !== null) {
    data.execution_id = update.fill.id;
    data.price = decimal(update.fill.price);
    data.qty = decimal(update.fill.quantity);
    if (update.positionQuantity !== null) data.position_qty = decimal(update.positionQuantity);
  }
  return data;
}

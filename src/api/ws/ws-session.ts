import type { RawData, WebSocket } from 'ws';
import { websocketClients, websocketDroppedTotal } from '../../app/metrics/app-metrics.js';
import type { TopicRegistry } from '../../app/realtime/topic-registry.js';
import type { Principal } from '../auth/principal.js';

/** Close codes this server sends (1000-range per RFC 6455). */
export const WS_CLOSE = { policyViolation: 1008, goingAway: 1001 } as const;

export interface WsSessionOptions {
  readonly socket: WebSocket;
  readonly principal: Principal;
  readonly topics: TopicRegistry;
  readonly maxBufferedBytes: number;
  readonly heartbeatMs: number;
  /** How long a dropped client gets to complete the close handshake before its socket is destroyed. */
  readonly closeGraceMs?: number;
  readonly onDrop?: (reason: string) => void;
}

type ClientMessage =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'topics' }
  | { type: 'ping' };

/**
 * One WebSocket client: topic subscriptions, heartbeat and backpressure.
 * - Subscribe / unsubscribe to registered topics by name; every message is `{type: 'message', topic, ts,
 *   data}`. Client messages that are not understood get `{type: 'error', message}`, never a disconnect.
 * - Heartbeat: a protocol ping every `heartbeatMs`; a client that has not answered the previous one is
 *   terminated (a dead peer otherwise holds its subscriptions forever).
 * - Backpressure: before each send, the bytes already waiting (ws's buffer plus the socket's) plus the new
 *   message must fit in `maxBufferedBytes`; a client that falls that far behind is closed with code 1008 and
 *   the reason, and its socket destroyed after a grace period. Nothing is ever buffered beyond the bound.
 */
export class WsSession {
  private readonly subscriptions = new Map<string, () => void>();
  private readonly options: WsSessionOptions;
  private readonly heartbeat: NodeJS.Timeout;
  private alive = true;
  private closed = false;

  constructor(options: WsSessionOptions) {
    this.options = options;
    const { socket } = options;
    websocketClients.inc();
    socket.on('message', (data, isBinary) => this.onMessage(isBinary ? null : textOf(data)));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    this.send({
      type: 'welcome',
      subject: options.principal.subject,
      role: options.principal.role,
      topics: options.topics.topics(),
    });
  }

  private onMessage(text: string | null): void {
    let message: ClientMessage;
    try {
      message = parseClientMessage(text);
    } catch (error) {
      this.send({ type: 'error', message: (error as Error).message });
      return;
    }
    switch (message.type) {
      case 'ping':
        this.send({ type: 'pong', ts: Date.now() });
        return;
      case 'topics':
        this.send({ type: 'topics', topics: this.options.topics.topics() });
        return;
      case 'subscribe': {
        const unknown = message.topics.filter((name) => !this.options.topics.has(name));
        if (unknown.length > 0) {
          this.send({ type: 'error', message: `unknown topic(s): ${unknown.join(', ')}` });
          return;
        }
        for (const name of message.topics) {
          if (this.subscriptions.has(name)) continue;
          this.subscriptions.set(
            name,
            this.options.topics.subscribe(name, (_m, json) => this.sendText(json)),
          );
        }
        this.send({ type: 'subscribed', topics: [...this.subscriptions.keys()] });
        return;
      }
      case 'unsubscribe':
        for (const name of message.topics) {
          this.subscriptions.get(name)?.();
          this.subscriptions.delete(name);
        }
        this.send({ type: 'subscribed', topics: [...this.subscriptions.keys()] });
        return;
    }
  }

  private beat(): void {
    if (!this.alive) {
      this.drop('heartbeat', null);
      return;
    }
    this.alive = false;
    this.options.socket.ping();
  }

  private send(value: unknown): void {
    this.sendText(JSON.stringify(value));
  }

  private sendText(text: string): void {
    const { socket, maxBufferedBytes } = this.options;
    if (this.closed || socket.readyState !== socket.OPEN) return;
    const waiting = socket.bufferedAmount;
    if (waiting + Buffer.byteLength(text) > maxBufferedBytes) {
      this.drop('backpressure', `slow consumer: ${waiting} bytes waiting, limit ${maxBufferedBytes}`);
      return;
    }
    socket.send(text);
  }

  /** Drops the client: close with a reason (backpressure) or terminate (no heartbeat answer). */
  private drop(kind: 'backpressure' | 'heartbeat', reason: string | null): void {
    if (this.closed) return;
    websocketDroppedTotal.inc({ reason: kind });
    this.options.onDrop?.(reason ?? 'no answer to the heartbeat ping');
    const { socket } = this.options;
    this.dispose();
    if (reason === null) {
      socket.terminate();
      return;
    }
    socket.close(WS_CLOSE.policyViolation, reason);
    setTimeout(() => socket.terminate(), this.options.closeGraceMs ?? 2_000).unref();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
    websocketClients.dec();
  }
}

function parseClientMessage(text: string | null): ClientMessage {
  if (text === null) throw new Error('messages must be JSON text, not binary');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('messages must be JSON, e.g. {"type":"subscribe","topics":["jobs"]}');
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const type = record['type'];
  if (type === 'ping' || type === 'topics') return { type };
  if (type === 'subscribe' || type === 'unsubscribe') {
    const topics = record['topics'];
    if (!Array.isArray(topics) || topics.length === 0 || !topics.every((t) => typeof t === 'string')) {
      throw new Error(`${type} needs "topics": a non-empty list of topic names`);
    }
    return { type, topics: topics };
  }
  throw new Error(`message type ${JSON.stringify(type)} must be one of subscribe, unsubscribe, topics, ping`);
}

/** A text frame's content (ws hands over a Buffer, or fragments, or an ArrayBuffer). */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

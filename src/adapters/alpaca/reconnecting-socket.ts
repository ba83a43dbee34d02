import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { Sleep } from './alpaca-config.js';

export interface ReconnectingSocketOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** How frames are encoded: MessagePack (binary frames) or JSON; inbound text frames are always JSON. */
  readonly encoding: 'json' | 'msgpack';
  readonly reconnectDelayMs: number;
  readonly maxReconnectDelayMs: number;
  readonly random: () => number;
  readonly sleep: Sleep;
  /** The socket is open (first time or after a reconnect): authenticate and subscribe here. */
  readonly onOpen: (reconnected: boolean) => void;
  readonly onMessage: (message: unknown) => void;
  /** The connection dropped; a reconnect follows unless the socket was closed or failed for good. */
  readonly onDrop: (error: Error) => void;
}

/**
 * A websocket that comes back: after an unexpected close it reconnects with exponential backoff and equal
 * jitter (the wait doubles from reconnectDelayMs up to maxReconnectDelayMs, and resets once a connection
 * opens) and calls `onOpen` again so its owner re-authenticates and resubscribes. `close()` (or `fail()`,
 * for an error no reconnect can fix, such as refused credentials) stops it for good.
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private closed = false;
  private attempts = 0;
  private opened = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: ReconnectingSocketOptions) {}

  /** Opens the first connection; rejects when it cannot be opened (nothing is retried then). */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = this.open();
      socket.once('open', () => resolve());
      socket.once('error', (error) => {
        if (!this.opened) reject(error);
      });
    });
  }

  send(payload: unknown): void {
    const socket = this.socket;
    if (socket === null || socket.readyState !== WebSocket.OPEN) return;
    socket.send(this.options.encoding === 'msgpack' ? encode(payload) : JSON.stringify(payload));
  }

  /** Stops for good: no reconnect follows. */
  close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    const socket = this.socket;
    this.socket = null;
    if (socket === null || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }

  /** Gives up after an error no reconnect can fix. */
  fail(error: Error): void {
    void this.close();
    this.options.onDrop(error);
  }

  private open(): WebSocket {
    const options = this.options;
    const headers = {
      ...options.headers,
      ...(options.encoding === 'msgpack' ? { 'Content-Type': 'application/msgpack' } : {}),
    };
    const socket = new WebSocket(options.url, { headers, perMessageDeflate: false });
    this.socket = socket;
    let wasOpen = false;
    socket.on('open', () => {
      wasOpen = true;
      const reconnected = this.opened;
      this.opened = true;
      this.attempts = 0;
      options.onOpen(reconnected);
    });
    socket.on('message', (data, isBinary) => {
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      let message: unknown;
      try {
        message =
          isBinary && options.encoding === 'msgpack' ? decode(bytes) : JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        options.onDrop(new Error(`undecodable stream frame: ${(error as Error).message}`));
        return;
      }
      options.onMessage(message);
    });
    socket.on('error', () => undefined); // 'close' follows and decides.
    socket.on('close', (code, reason) => {
      // A socket that never opened is the reconnect loop's to retry.
      if (this.socket !== socket || this.closed || !wasOpen) return;
      this.socket = null;
      options.onDrop(
        new Error(
          `stream ${options.url} closed (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`,
        ),
      );
      void this.reconnect();
    });
    return socket;
  }

  private async reconnect(): Promise<void> {
    while (!this.closed) {
      this.attempts += 1;
      const ceiling = Math.min(
        this.options.maxReconnectDelayMs,
        this.options.reconnectDelayMs * 2 ** (this.attempts - 1),
      );
      try {
        await this.options.sleep(ceiling / 2 + (ceiling / 2) * this.options.random(), this.abort.signal);
      } catch {
        return; // closed while waiting
      }
      if (this.closed) return;
      const socket = this.open();
      const outcome = await new Promise<boolean>((resolve) => {
        socket.once('open', () => resolve(true));
        socket.once('close', () => resolve(false));
      });
      if (outcome) return;
    }
  }
}

import type { IncomingMessage } from 'node:http';
import { decode, encode } from '@msgpack/msgpack';
import type { WebSocket } from 'ws';

/** The key pair the sandbox accepts, in the APCA-API-* headers, the stream auth messages and the SDKs. */
export interface SandboxCredentials {
  readonly keyId: string;
  readonly secretKey: string;
}

/** Whether the request's APCA-API-KEY-ID / APCA-API-SECRET-KEY headers carry the sandbox's key pair. */
export function headerCredentialsValid(request: IncomingMessage, credentials: SandboxCredentials): boolean {
  return (
    request.headers['apca-api-key-id'] === credentials.keyId &&
    request.headers['apca-api-secret-key'] === credentials.secretKey
  );
}

/**
 * One websocket client of a sandbox stream, in the encoding it asked for: MessagePack when the upgrade
 * request said `Content-Type: application/msgpack` (what Alpaca's SDKs do), JSON otherwise. Inbound frames
 * are decoded the same way, a text frame always as JSON. `binaryJson` sends JSON in binary frames, as
 * Alpaca's paper trading stream does.
 */
export class StreamConnection {
  readonly msgpack: boolean;

  constructor(
    readonly socket: WebSocket,
    request: IncomingMessage,
    private readonly binaryJson = false,
  ) {
    this.msgpack = request.headers['content-type'] === 'application/msgpack';
  }

  send(payload: unknown): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.msgpack) this.socket.send(encode(payload));
    else if (this.binaryJson) this.socket.send(Buffer.from(JSON.stringify(payload), 'utf8'));
    else this.socket.send(JSON.stringify(payload));
  }

  /** The decoded frame, or undefined when it is neither valid JSON nor valid MessagePack. */
  decode(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): unknown {
    const bytes = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    try {
      return this.msgpack && isBinary ? decode(bytes) : JSON.parse(bytes.toString('utf8'));
    } catch {
      return undefined;
    }
  }
}

import { z } from 'zod';
import { instrumentId } from '../../core/ids.js';
import type { MarketDataChannels, MarketDataHandlers } from '../../engine/market-data-client.types.js';
import type { Bar } from '../../model/bar.js';
import type { ResolvedAlpacaConfig } from './alpaca-config.js';
import { AlpacaApiError, payloadError } from './alpaca-error.js';
import { ReconnectingSocket } from './reconnecting-socket.js';

/** A stream time: an RFC 3339 string (JSON) or a Date (a MessagePack timestamp). */
const streamTime = z
  .union([z.string(), z.date()])
  .transform((value) => (typeof value === 'string' ? Date.parse(value) : value.getTime()));
const price = z.union([z.number(), z.bigint()]).transform(Number);
const barFrame = z.object({
  T: z.literal('b'),
  S: z.string(),
  o: price,
  h: price,
  l: price,
  c: price,
  v: price,
  t: streamTime,
});
const quoteFrame = z.object({
  T: z.literal('q'),
  S: z.string(),
  bp: price,
  bs: price,
  ap: price,
  as: price,
  t: streamTime,
});
const tradeFrame = z.object({
  T: z.literal('t'),
  S: z.string(),
  i: z.union([z.number(), z.bigint(), z.string()]),
  p: price,
  s: price,
  t: streamTime,
});
const controlFrame = z.object({
  T: z.enum(['success', 'error', 'subscription']),
  msg: z.string().optional(),
  code: z.number().optional(),
});

/** Alpaca's stream codes that no reconnect can fix: not authenticated, auth failed, auth timeout, limits. */
const FATAL_CODES = [401, 402, 404, 405, 406, 408, 409];
const KINDS = ['bars', 'quotes', 'trades'] as const;

/** Fetches the minute bars of `symbol` opening at or after `from`, up to the server's now. */
export type BarBackfill = (symbol: string, from: number) => Promise<Bar[]>;

/**
 * Alpaca's Market Data v2 stream (wss://stream.data.alpaca.markets/v2/{feed}): authenticates, subscribes to
 * bars / quotes / trades and hands each data frame to the handlers as our Bar (minute bars), Quote and
 * TradeTick. MessagePack or JSON, as configured. On a drop it reconnects with backoff, re-authenticates and
 * resubscribes; then, for every symbol with bars subscribed, it fetches through REST the minute bars missed
 * since the last one delivered and delivers them (and any live bar that arrived meanwhile, each once, in
 * time order) before calling onReconnect.
 */
export class AlpacaDataStream {
  private readonly socket: ReconnectingSocket;
  private channels: Required<MarketDataChannels> = { bars: [], quotes: [], trades: [] };
  private readonly lastBar = new Map<string, number>();
  private pendingAck: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private backfilling: Bar[] | null = null;
  private updates: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: ResolvedAlpacaConfig,
    private readonly handlers: MarketDataHandlers,
    private readonly backfill: BarBackfill,
  ) {
    this.socket = new ReconnectingSocket({
      url: config.dataStreamUrl,
      encoding: config.streamEncoding,
      reconnectDelayMs: config.reconnectDelayMs,
      maxReconnectDelayMs: config.maxReconnectDelayMs,
      random: config.random,
      sleep: config.sleep,
      onOpen: (reconnected) => {
        if (reconnected) this.backfilling = [];
        this.socket.send({ action: 'auth', key: config.keyId, secret: config.secretKey });
      },
      onMessage: (message) => this.receive(message),
      onDrop: (error) => {
        this.settle(error);
        handlers.onError?.(error);
      },
    });
  }

  /** Connects, authenticates and subscribes to `channels`; resolves on Alpaca's subscription message. */
  async start(channels: MarketDataChannels): Promise<void> {
    this.channels = {
      bars: [...(channels.bars ?? [])],
      quotes: [...(channels.quotes ?? [])],
      trades: [...(channels.trades ?? [])],
    };
    const acknowledged = this.acknowledgement();
    try {
      await this.socket.connect();
    } catch (error) {
      this.pendingAck = null;
      throw new AlpacaApiError(
        'UNAVAILABLE',
        `Alpaca data stream ${this.config.dataStreamUrl} could not be opened`,
        true,
        { cause: error },
      );
    }
    await acknowledged;
  }

  /** Moves the subscription to `channels` (unsubscribe what is gone, subscribe what is new), one update at a time. */
  update(channels: MarketDataChannels): Promise<void> {
    const turn = this.updates.then(() => this.applyUpdate(channels));
    this.updates = turn.catch(() => undefined);
    return turn;
  }

  private async applyUpdate(channels: MarketDataChannels): Promise<void> {
    const next = {
      bars: [...(channels.bars ?? [])],
      quotes: [...(channels.quotes ?? [])],
      trades: [...(channels.trades ?? [])],
    };
    const removed: Record<string, string[]> = {};
    const added: Record<string, string[]> = {};
    for (const kind of KINDS) {
      removed[kind] = this.channels[kind].filter((s) => !next[kind].includes(s));
      added[kind] = next[kind].filter((s) => !this.channels[kind].includes(s));
    }
    this.channels = next;
    if (KINDS.some((kind) => (removed[kind] ?? []).length > 0)) {
      const ack = this.acknowledgement();
      this.socket.send({ action: 'unsubscribe', ...removed });
      await ack;
    }
    if (KINDS.some((kind) => (added[kind] ?? []).length > 0)) {
      const ack = this.acknowledgement();
      this.socket.send({ action: 'subscribe', ...added });
      await ack;
    }
  }

  close(): Promise<void> {
    return this.socket.close();
  }

  private acknowledgement(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingAck = { resolve, reject };
    });
  }

  private settle(error?: Error): void {
    const pending = this.pendingAck;
    this.pendingAck = null;
    if (error === undefined) pending?.resolve();
    else pending?.reject(error);
  }

  private receive(message: unknown): void {
    if (!Array.isArray(message)) {
      this.handlers.onError?.(payloadError('data stream', 'a message is not an array of frames'));
      return;
    }
    for (const frame of message) this.frame(frame);
  }

  private frame(frame: unknown): void {
    const control = controlFrame.safeParse(frame);
    if (control.success) {
      const { T, msg, code } = control.data;
      if (T === 'success' && msg === 'authenticated')
        this.socket.send({ action: 'subscribe', ...this.channels });
      else if (T === 'subscription') this.subscribed();
      else if (T === 'error') this.streamError(code ?? 0, msg ?? 'stream error');
      return;
    }
    const kind = (frame as { T?: unknown } | null)?.T;
    if (kind === 'b') this.bar(barFrame.safeParse(frame));
    else if (kind === 'q') {
      const q = quoteFrame.safeParse(frame);
      if (q.success) {
        const { S, bp, bs, ap, as, t } = q.data;
        this.handlers.onQuote?.({
          instrumentId: instrumentId(S),
          tsEvent: t,
          tsInit: this.config.clock.now(),
          bidPrice: bp,
          bidSize: bs,
          askPrice: ap,
          askSize: as,
        });
      } else this.invalid('quote', q.error);
    } else if (kind === 't') {
      const t = tradeFrame.safeParse(frame);
      if (t.success) {
        const { S, i, p, s } = t.data;
        this.handlers.onTrade?.({
          instrumentId: instrumentId(S),
          tsEvent: t.data.t,
          tsInit: this.config.clock.now(),
          price: p,
          size: s,
          aggressorSide: 'unknown',
          tradeId: String(i),
        });
      } else this.invalid('trade', t.error);
    }
    // Other frame types (updated bars, statuses, corrections ...) are not part of the port.
  }

  private bar(parsed: ReturnType<typeof barFrame.safeParse>): void {
    if (!parsed.success) {
      this.invalid('bar', parsed.error);
      return;
    }
    const { S, o, h, l, c, v, t } = parsed.data;
    const bar: Bar = {
      instrumentId: instrumentId(S),
      timeframe: '1m',
      tsEvent: t,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: v,
    };
    if (this.backfilling !== null) this.backfilling.push(bar);
    else this.deliver(bar);
  }

  private deliver(bar: Bar): void {
    const last = this.lastBar.get(bar.instrumentId) ?? -Infinity;
    if (bar.tsEvent <= last) return;
    this.lastBar.set(bar.instrumentId, bar.tsEvent);
    this.handlers.onBar?.(bar);
  }

  private subscribed(): void {
    this.settle();
    const buffered = this.backfilling;
    if (buffered === null) return;
    void this.fillGap(buffered);
  }

  /** After a reconnect: the bars missed since the last one delivered, then those buffered, then onReconnect. */
  private async fillGap(buffered: Bar[]): Promise<void> {
    try {
      const symbols = this.channels.bars.includes('*') ? [...this.lastBar.keys()] : this.channels.bars;
      for (const symbol of symbols) {
        const last = this.lastBar.get(symbol);
        if (last === undefined) continue;
        for (const bar of await this.backfill(symbol, last + 60_000)) this.deliver(bar);
      }
    } catch (error) {
      this.handlers.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
    this.backfilling = null;
    for (const bar of buffered.sort((a, b) => a.tsEvent - b.tsEvent)) this.deliver(bar);
    this.handlers.onReconnect?.();
  }

  private streamError(code: number, message: string): void {
    const fatal = FATAL_CODES.includes(code);
    const error = new AlpacaApiError(
      fatal ? 'PROVIDER_FAILURE' : 'UNAVAILABLE',
      `Alpaca data stream error ${code}: ${message}`,
      !fatal,
    );
    this.settle(error);
    if (fatal) this.socket.fail(error);
    else this.handlers.onError?.(error);
  }

  private invalid(what: string, error: z.ZodError): void {
    const issue = error.issues[0];
    this.handlers.onError?.(
      payloadError(`data stream ${what}`, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`),
    );
  }
}

import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';

/** One published message as subscribers receive it. */
export interface TopicMessage {
  readonly topic: string;
  /** Publication time, epoch ms. */
  readonly ts: number;
  readonly data: unknown;
}

/**
 * Receives a message and its JSON text (serialized once per publication, not once per subscriber, so a
 * hundred WebSocket clients cost one JSON.stringify).
 */
export type TopicListener = (message: TopicMessage, json: string) => void;

export interface TopicInfo {
  readonly name: string;
  readonly description: string;
}

export interface TopicRegistryOptions {
  readonly now?: () => number;
  /** Called when a listener throws; the other listeners still receive the message. */
  readonly onListenerError?: (error: unknown, topic: string) => void;
}

const TOPIC_NAME = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*$/;

/**
 * The real-time topics of the process: publishers (background jobs, the risk controls, and later the trading
 * node's bars, orders, fills and portfolio) register a topic once and publish to it; the WebSocket endpoint
 * lets clients subscribe to any registered topic. Publishing to a topic nobody listens to costs a map
 * lookup. Delivery is synchronous and in publication order.
 */
export class TopicRegistry {
  private readonly registered = new Map<string, string>();
  private readonly listeners = new Map<string, Set<TopicListener>>();
  private readonly now: () => number;
  private readonly onListenerError: (error: unknown, topic: string) => void;

  constructor(options: TopicRegistryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  /** Declares a topic (`jobs`, `risk`, `orders`...); registering the same name again is harmless. */
  register(name: string, description: string): void {
    if (!TOPIC_NAME.test(name)) {
      throw new InvalidInputError(
        `topic name ${quote(name)} must be lower-case words separated by dots, e.g. "jobs" or "bars.1m"`,
      );
    }
    if (!this.registered.has(name)) this.registered.set(name, description);
  }

  has(name: string): boolean {
    return this.registered.has(name);
  }

  /** Registered topics, sorted by name. */
  topics(): TopicInfo[] {
    return [...this.registered]
      .map(([name, description]) => ({ name, description }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Listens to a registered topic; returns the function that stops listening. */
  subscribe(name: string, listener: TopicListener): () => void {
    if (!this.registered.has(name)) {
      const known = [...this.registered.keys()].sort().join(', ');
      throw new NotFoundError(`topic ${quote(name)} does not exist; topics: ${known || 'none'}`);
    }
    let set = this.listeners.get(name);
    if (set === undefined) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Delivers `data` to the topic's listeners; resolves to how many received it. */
  publish(name: string, data: unknown): number {
    if (!this.registered.has(name)) throw new NotFoundError(`topic ${quote(name)} is not registered`);
    const set = this.listeners.get(name);
    if (set === undefined || set.size === 0) return 0;
    const message: TopicMessage = { topic: name, ts: this.now(), data };
    const json = JSON.stringify({ type: 'message', ...message });
    let delivered = 0;
    for (const listener of [...set]) {
      try {
        listener(message, json);
        delivered++;
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
    return delivered;
  }

  /** Listeners of a topic now (0 for an unknown topic). */
  listenerCount(name: string): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}

import type { EventOf, EventType, TradingEvent } from '../model/events.types.js';

type Handler<T extends EventType> = (event: EventOf<T>) => void;
type HandlerTable = { [K in EventType]?: Handler<K>[] };

/**
 * In-process publish/subscribe for trading events. Handlers are registered per event type ahead of time and
 * dispatch is one property lookup plus an array walk — no string matching or allocation per event
 * (ARCHITECTURE §7). Handlers run synchronously in subscription order; a handler that throws stops the
 * publish (a bug must surface, not be swallowed).
 */
export class MessageBus {
  private readonly handlers: HandlerTable = {};
  private published = 0;

  subscribe<T extends EventType>(type: T, handler: Handler<T>): () => void {
    const list = (this.handlers[type] ??= []) as Handler<T>[];
    list.push(handler);
    return () => {
      const index = list.indexOf(handler);
      if (index >= 0) list.splice(index, 1);
    };
  }

  publish(event: TradingEvent): void {
    this.published++;
    const list = this.handlers[event.type] as Handler<typeof event.type>[] | undefined;
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) (list[i] as (e: TradingEvent) => void)(event);
  }

  /** Events published so far (diagnostics and tests). */
  get count(): number {
    return this.published;
  }
}

import { clientOrderId, type ClientOrderId } from '../core/ids.js';
import type { Order } from '../model/order.types.js';
import type { OrderRepository } from '../store/repositories.types.js';
import type { SequenceStore } from './sequence-store.js';

/** n of a client order id `<strategy>-<n>`, or null when the id is not one of the strategy's. */
export function sequenceNumber(id: string, strategy: string): number | null {
  if (!id.startsWith(`${strategy}-`)) return null;
  const number = Number(id.slice(strategy.length + 1));
  return Number.isInteger(number) && number > 0 ? number : null;
}

/**
 * Client order ids `<strategy>-<n>`, n counting up per strategy and never reused across restarts. The
 * journal row written before an order leaves is the durable record of n; the setting (SequenceStore) is
 * written at most once a second off the order path, and loading takes the larger of the two.
 */
export class ClientOrderSequence {
  private readonly last = new Map<string, number>();
  private readonly unsaved = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: SequenceStore,
    private readonly orders: OrderRepository,
    /** Runs a background write (the manager reports its failure as an event). */
    private readonly background: (work: Promise<unknown>) => void,
  ) {}

  async load(strategies: readonly string[]): Promise<void> {
    const journal = await this.orders.list({ limit: 1_000_000 });
    for (const strategy of strategies) {
      let last = await this.store.load(strategy);
      for (const order of journal) {
        const number = sequenceNumber(order.clientOrderId, strategy);
        if (number !== null && number > last) last = number;
      }
      this.last.set(strategy, last);
    }
  }

  next(strategy: string): ClientOrderId {
    const last = this.last.get(strategy);
    if (last === undefined) throw new Error(`order sequence of strategy ${strategy} was not loaded`);
    this.last.set(strategy, last + 1);
    return clientOrderId(`${strategy}-${last + 1}`);
  }

  /** Records that an order's number was used (after its journal row was written). */
  markUsed(order: Order): void {
    const strategy = order.strategyId;
    const number = strategy === null ? null : sequenceNumber(order.clientOrderId, strategy);
    if (strategy === null || number === null) return;
    if (number > (this.unsaved.get(strategy) ?? 0)) this.unsaved.set(strategy, number);
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.background(this.flush());
    }, 1_000);
    this.timer.unref?.();
  }

  /** Writes the numbers used since the last flush (also on stop). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.unsaved];
    this.unsaved.clear();
    for (const [strategy, number] of entries) await this.store.save(strategy, number);
  }
}
